"""The progress page of a background job and the download of its result (the owner and staff only)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .jobs import can_view_job
from .models import Job, JobState
from .private_media import file_response

# Seconds between two loads of a running job's page when the user asked for automatic refreshing.
REFRESH_SECONDS = 5


def _job(request, pk: int) -> Job:
    """The job, or 404 for whoever may not follow it (another user need not know it exists)."""
    job = Job.objects.filter(pk=pk).first()
    if job is None or not can_view_job(request.user, job):
        raise Http404(_("There is no job with this number."))
    return job


@login_required
@require_http_methods(["GET", "HEAD"])
def job_detail(request, pk: int):
    job = _job(request, pk)
    auto = request.GET.get("auto") == "1"
    return render(
        request,
        "core/job_detail.html",
        {
            "job": job,
            "states": JobState,
            "auto_refresh": auto and not job.is_finished,
            "auto": auto,
            "refresh_seconds": REFRESH_SECONDS,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def job_download(request, pk: int):
    job = _job(request, pk)
    if job.state != JobState.DONE or not job.result_file:
        raise Http404(_("This job has no file to download."))
    return file_response(job.result_file.name)
