# SPDX-License-Identifier: EUPL-1.2
"""The liveness probe; the progress page of a background job and the download of its result (the
owner and staff; everyone for a shared job); the open-data page and its catalogue in DCAT-AP-DONL."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from bouwplaats.audit.selectors import entry_time

from . import open_data as datasets
from . import open_data_files
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


def _files(request, dataset, modified) -> list[dict]:
    """The dataset's files for the page: format and address, and for a prepared file (written ahead)
    its size and the time of the data it holds (``modified`` for the current data), or that it is
    being written."""
    stored = open_data_files.stored_files(dataset) if dataset.prepared else {}
    version, day = open_data_files.current_version(dataset, request) if dataset.prepared else (0, None)
    files = []
    for fmt in dataset.formats:
        file = {
            "label": datasets.FORMAT_NAMES[fmt],
            "url": _file_path(dataset, fmt),
            "prepared": fmt in dataset.prepared,
            "size": None,
            "behind": False,
            "data_time": None,
        }
        if fmt in stored:
            held = stored[fmt]
            file["size"] = held.size
            file["behind"] = not held.is_current(version, day)
            file["data_time"] = modified if held.version == version else entry_time(held.version)
        files.append(file)
    return files


@require_http_methods(["GET", "HEAD"])
def open_data(request):
    """Every registered dataset: what it holds, its licence, its last update and its files."""
    entries = []
    for dataset in datasets.datasets():
        published = dataset.is_published()
        modified = datasets.modified(request, dataset) if published else None
        entries.append(
            {
                "dataset": dataset,
                "published": published,
                "modified": modified,
                "files": _files(request, dataset, modified) if published else [],
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
    stored = {dataset.key: open_data_files.stored_files(dataset) for dataset, _modified in entries if dataset.prepared}
    document = datasets.catalog(
        entries,
        page_url=request.build_absolute_uri(reverse("open_data:index")),
        catalog_url=request.build_absolute_uri(reverse("open_data:catalog")),
        file_url=lambda dataset, fmt: request.build_absolute_uri(_file_path(dataset, fmt)),
        byte_size=lambda dataset, fmt: getattr(stored.get(dataset.key, {}).get(fmt), "size", None),
    )
    return JsonResponse(
        document, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False, "indent": 2}
    )


@never_cache
@require_GET
def live(request):
    """Liveness probe, and the baseline view that the benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")
