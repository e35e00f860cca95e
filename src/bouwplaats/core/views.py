# SPDX-License-Identifier: EUPL-1.2
"""The progress page of a background job and the download of its result (the owner and staff; everyone
for a shared job); the open-data page and its catalogue in DCAT-AP-DONL."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import open_data as datasets
from .jobs import can_view_job, is_shared
from .models import Job, JobState
from .private_media import file_response

# Seconds between two loads of a running job's page when the user asked for automatic refreshing.
REFRESH_SECONDS = 5


def _job(request, pk: int) -> Job | HttpResponse:
    """The job; a visitor who is not signed in is sent to sign in first (a redirect), except for a shared job,
    which everyone may follow. 404 for whoever may not follow it (another user need not know it exists)."""
    job = Job.objects.filter(pk=pk).first()
    if not request.user.is_authenticated and not (job is not None and is_shared(job)):
        return redirect_to_login(request.get_full_path())
    if job is None or not can_view_job(request.user, job):
        raise Http404(_("There is no job with this number."))
    return job


@require_http_methods(["GET", "HEAD"])
def job_detail(request, pk: int):
    job = _job(request, pk)
    if isinstance(job, HttpResponse):
        return job
    auto = request.GET.get("auto") == "1"
    return render(
        request,
        "core/job_detail.html",
        {
            "job": job,
            "shared": is_shared(job),
            "states": JobState,
            "auto_refresh": auto and not job.is_finished,
            "auto": auto,
            "refresh_seconds": REFRESH_SECONDS,
        },
    )


@require_http_methods(["GET", "HEAD"])
def job_download(request, pk: int):
    job = _job(request, pk)
    if isinstance(job, HttpResponse):
        return job
    if job.state != JobState.DONE or not job.result_file:
        raise Http404(_("This job has no file to download."))
    return file_response(job.result_file.name)


# --- open data -------------------------------------------------------------------------------------


def _file_path(dataset, fmt: str) -> str:
    return reverse("open-data-file", kwargs={"dataset": dataset.key, "fmt": fmt})


@require_http_methods(["GET", "HEAD"])
def open_data(request):
    """Every registered dataset: what it holds, its licence, its last update and its files."""
    entries = []
    for dataset in datasets.datasets():
        published = dataset.is_published()
        entries.append(
            {
                "dataset": dataset,
                "published": published,
                "spreadsheets": datasets.ODS in dataset.formats,
                "modified": datasets.modified(request, dataset) if published else None,
                "files": [(datasets.FORMAT_NAMES[fmt], _file_path(dataset, fmt)) for fmt in dataset.formats]
                if published
                else [],
            }
        )
    return render(
        request,
        "core/open_data.html",
        {"entries": entries, "catalog_url": reverse("open_data:catalog")},
    )


@require_http_methods(["GET", "HEAD"])
def open_data_catalog(request):
    """The published datasets as a DCAT-AP-DONL catalogue in JSON-LD, at a stable address."""
    entries = [
        (dataset, datasets.modified(request, dataset)) for dataset in datasets.datasets() if dataset.is_published()
    ]
    document = datasets.catalog(
        entries,
        page_url=request.build_absolute_uri(reverse("open_data:index")),
        catalog_url=request.build_absolute_uri(reverse("open_data:catalog")),
        file_url=lambda dataset, fmt: request.build_absolute_uri(_file_path(dataset, fmt)),
    )
    return JsonResponse(
        document, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
