# SPDX-License-Identifier: EUPL-1.2
"""The files of the open datasets: ``/api/v1/open-data/<dataset>.<format>``, anonymous, cached per data version.

Which datasets there are is what the apps register in ``core.open_data``; the file is written once
per version of its data (the newest audit entry about it) and day, and served from the cache after that.
The spreadsheets of a large table are written ahead by a background task and served from storage
(``core.open_data_files``).
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from . import open_data, open_data_files, tabular
from .api import problem
from .fragments import cached_fragment
from .private_media import file_response


class FileRenderer(renderers.BaseRenderer):
    """Lets a client that asks for the file's own media type have it (the view writes the bytes)."""

    media_type = "*/*"
    format = "file"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return renderers.JSONRenderer().render(data, accepted_media_type, renderer_context)


class OpenDataFileView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    renderer_classes = [renderers.JSONRenderer, FileRenderer]

    @extend_schema(
        tags=["open data"],
        summary="Open data: one dataset in one format",
        description=(
            "A dataset of the open-data page as CSV (UTF-8, comma-separated, a header row), JSON (the licence, "
            "the time of the data and one object per row), XLSX or ODS. The datasets, their columns and licences "
            "are listed on the open-data page and in its DCAT-AP-DONL catalogue (JSON-LD). A dataset that the "
            "programme does not publish (progress per municipality while it keeps that private) is not found. "
            "The spreadsheets (XLSX, ODS) of the large progress tables are written ahead, after each change of "
            "their data: until the new file is written, the previous one is served (its file name holds its "
            "date)."
        ),
        parameters=[
            OpenApiParameter("dataset", OpenApiTypes.STR, OpenApiParameter.PATH, description="The dataset's name."),
            OpenApiParameter(
                "fmt", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(open_data.FORMATS), description="The format."
            ),
        ],
        responses={
            (200, open_data.MEDIA_TYPES[fmt]): OpenApiResponse(OpenApiTypes.BINARY, description=f"The file ({fmt}).")
            for fmt in open_data.FORMATS
        }
        | {
            404: OpenApiResponse(description="No such dataset or format, or the dataset is not published."),
            503: OpenApiResponse(
                description=(
                    "The database is temporarily unreachable, or the spreadsheet of a large dataset is being "
                    "written for the first time; try again after `Retry-After` seconds."
                ),
            ),
        },
    )
    def get(self, request, dataset: str, fmt: str):
        found = open_data.dataset(dataset)
        if found is None or fmt not in found.formats:
            raise Http404(_("There is no such open dataset."))
        if not found.is_published():
            raise Http404(_("This dataset is not published."))
        if fmt in found.prepared:
            return self.prepared_file(request, found, fmt)
        today = timezone.localdate()
        version = open_data.version(request, found)
        content = cached_fragment(
            "core.open_data",
            (version, found.key, fmt, today),
            lambda: open_data.file_bytes(found, fmt, modified_at=open_data.modified(request, found)),
        )
        return tabular.file_response(content, open_data.filename(found, fmt, today), open_data.CONTENT_TYPES[fmt])

    def prepared_file(self, request, dataset: open_data.Dataset, fmt: str):
        """The stored file; when it is outdated (and not written just now), its writing is queued (with an
        eager Celery it is written now) and meanwhile the previous one is served. 503 while there is none."""
        version, day = open_data_files.current_version(dataset, request)
        stored = open_data_files.stored_files(dataset).get(fmt)
        rewrite = stored is None or (not stored.is_current(version, day) and stored.may_be_rewritten())
        if rewrite and open_data_files.file_request(dataset, fmt):
            stored = open_data_files.stored_files(dataset).get(fmt) or stored
        if stored is None:
            response = problem(
                request,
                503,
                _("This file is being written; try again in a minute."),
                code="being_written",
            )
            response["Retry-After"] = str(open_data_files.RETRY_AFTER_SECONDS)
            return response
        return file_response(
            stored.name,
            filename=open_data.filename(dataset, fmt, stored.day),
            content_type=open_data.CONTENT_TYPES[fmt],
            cache_control="",
        )
