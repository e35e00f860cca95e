# SPDX-License-Identifier: EUPL-1.2
"""Background jobs: long work run by a Celery worker while the user waits on a progress page.

An app registers a runner for a kind of job (``register``, in its ``AppConfig.ready``) and starts
a job with ``job_start`` once its request has checked what it can check quickly (permission, file
size and type). The job is queued; after the transaction commits, the Celery task ``core.run_job``
runs it (in the request itself when ``CELERY_TASK_ALWAYS_EAGER``, as in development and tests).

A runner gets the job and a ``Progress``; it writes its domain changes in one transaction of its
own (so a failure leaves nothing half-written), reports its steps with ``progress.update`` between
them (an update inside its transaction would not be seen until the end), and returns a
``JobResult``: a link to what it made, or a file that the owner downloads from the progress page.
A ``JobFailed`` or ``ValidationError`` becomes the job's message; any other error a general one.
The outcome is written in a transaction of its own, after the runner's has been rolled back, also
when the database went away in the middle (a new connection is opened for it).

A job has an owner, except a *shared* one (``job_shared``): a kind registered with ``shared=True`` may
start jobs without an owner that make only what everyone may see (a public report's PDF). One such job
serves everyone who asks for the same thing (its ``key``): it is started once, and anyone may follow it
and download its file.
"""

from __future__ import annotations

import datetime
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

from celery import shared_task
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Job, JobState
from .ratelimit import PostingLimit, wait_time

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """A runner's refusal, with a message for the job's owner."""


@dataclass(frozen=True)
class JobResult:
    url: str = ""  # a page that shows the result
    content: bytes | None = None  # or a file to download from the progress page
    file_name: str = ""
    message: str = ""


@dataclass(frozen=True)
class Runner:
    kind: str
    run: Callable[[Job, Progress], JobResult]
    # Who besides the owner may follow the job (the staff of its domain).
    staff: Callable[[object], bool]
    # Whether jobs without an owner may be started (``job_shared``): they make only what everyone may see.
    shared: bool = False


_RUNNERS: dict[str, Runner] = {}


def register(kind: str, run: Callable, *, staff: Callable[[object], bool], shared: bool = False) -> None:
    _RUNNERS[kind] = Runner(kind, run, staff, shared)


def runner(kind: str) -> Runner | None:
    return _RUNNERS.get(kind)


def is_shared(job: Job) -> bool:
    """A job without an owner of a kind that allows them: what it makes is for everyone (``job_shared``)."""
    registered = runner(job.kind)
    return job.owner_id is None and registered is not None and registered.shared


def can_view_job(user, job: Job) -> bool:
    """Everyone a shared job; otherwise the owner and the staff of the job's domain."""
    if is_shared(job):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if job.owner_id == user.pk:
        return True
    registered = runner(job.kind)
    return registered is not None and registered.staff(user)


class Progress:
    """How far a job is: written at once (outside the runner's transaction, call it between steps)."""

    def __init__(self, job: Job):
        self.job = job

    def update(self, done: int, total: int | None = None, message: str = "") -> None:
        self.job.done, self.job.total, self.job.message = done, total, message
        Job.objects.filter(pk=self.job.pk).update(done=done, total=total, message=message)


def job_start(*, owner, kind: str, title: str, arguments: dict | None = None, input_file=None) -> Job:
    """Queue a job of a registered ``kind`` for ``owner``; it runs once the transaction commits.

    ``input_file`` (an upload or a ``ContentFile`` with a name) is stored with the job through its
    ``FileField`` for the runner to read. The caller has checked the owner's permission; the runner
    checks it again, as the service it calls does.
    """
    if kind not in _RUNNERS:
        raise ValueError(f"No runner is registered for jobs of kind {kind!r}.")
    if owner is None and not _RUNNERS[kind].shared:
        raise ValueError(f"Jobs of kind {kind!r} need an owner.")
    job = Job(
        kind=kind,
        title=title[:255],
        owner=owner,
        language=translation.get_language() or "nl",
        arguments=arguments or {},
    )
    if input_file is not None:
        job.input_file.save(input_file.name.rsplit("/", 1)[-1], input_file, save=False)
    job.save()
    transaction.on_commit(lambda: run_job.delay(job.pk))
    return job


# New shared jobs (all kinds together): a burst of different reports is fine, a steady stream is not.
SHARED_JOB_LIMITS = (
    PostingLimit(count=20, window=datetime.timedelta(minutes=10)),
    PostingLimit(count=200, window=datetime.timedelta(days=1)),
)
SHARED_KEY = "shared_key"  # the argument that holds a shared job's key


def job_shared(*, kind: str, key: str, title: str, arguments: dict | None = None) -> Job:
    """The job without an owner that makes what ``key`` names: the one queued, running or done for it, or a
    new one (``job_start``). A failed one is started afresh. ``key`` holds everything the result depends on
    (e.g. the data version and the language), so that a done job is never out of date.

    Raises ``ValidationError`` when too many shared jobs were started lately (``SHARED_JOB_LIMITS``): an
    anonymous visitor starts them, so their number is bounded, while a job already there is always given."""
    runner_ = _RUNNERS.get(kind)
    if runner_ is None or not runner_.shared:
        raise ValueError(f"Jobs of kind {kind!r} are not shared.")
    existing = (
        Job.objects.filter(kind=kind, owner=None, **{f"arguments__{SHARED_KEY}": key})
        .exclude(state=JobState.FAILED)
        .order_by("-created_at")
        .first()
    )
    if existing is not None:
        return existing
    wait = wait_time(Job.objects.filter(owner=None), limits=SHARED_JOB_LIMITS)
    if wait is not None:
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        raise ValidationError(
            ngettext(
                "Many files are being made for visitors at the moment; try again in %(minutes)d minute, or sign in.",
                "Many files are being made for visitors at the moment; try again in %(minutes)d minutes, or sign in.",
                minutes,
            )
            % {"minutes": minutes},
            code="rate_limited",
        )
    return job_start(owner=None, kind=kind, title=title, arguments={**(arguments or {}), SHARED_KEY: key})


def _failure_message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, JobFailed | PermissionDenied):
        return str(error) or _("You may not do this.")
    if isinstance(error, DatabaseError):
        return _("The database could not be reached while the job ran. Nothing was changed; please try again later.")
    return _("The job stopped because of an unexpected error. Nothing was changed; please try again later.")


def _record_outcome(pk: int, **fields) -> None:
    """Write the job's outcome in a transaction of its own, on a new connection if the old one broke."""
    for attempt in (1, 2):
        try:
            Job.objects.filter(pk=pk).update(finished_at=timezone.now(), **fields)
            return
        except DatabaseError:
            if attempt == 2 or connection.in_atomic_block:
                logger.exception("The outcome of job %s could not be recorded.", pk)
                raise
            connection.close()


@shared_task(name="core.run_job")
def run_job(pk: int) -> None:
    """Run a queued job. A job that is not queued (run already, by a repeated delivery) is left alone."""
    if not Job.objects.filter(pk=pk, state=JobState.QUEUED).update(state=JobState.RUNNING, started_at=timezone.now()):
        return
    job = Job.objects.select_related("owner").get(pk=pk)
    registered = runner(job.kind)
    with translation.override(job.language):
        try:
            if registered is None:
                raise JobFailed(_("This kind of job is not known (any more)."))
            result = registered.run(job, Progress(job))
        except Exception as error:
            known = isinstance(error, ValidationError | JobFailed | PermissionDenied)
            if not known:
                logger.exception("Job %s (%s) failed.", pk, job.kind)
            _record_outcome(pk, state=JobState.FAILED, message=_failure_message(error))
            return
        if result.content is not None:
            job.result_file.save(result.file_name or "result", ContentFile(result.content), save=False)
        _record_outcome(
            pk,
            state=JobState.DONE,
            message=result.message,
            result_url=result.url,
            result_file=job.result_file.name or "",
            result_name=result.file_name,
            done=job.total if job.total else job.done,
        )


def jobs_clean(*, keep_days: int, stuck_hours: int) -> dict[str, int]:
    """The nightly clean-up: finished jobs older than ``keep_days`` go, with their files; a job queued or
    running for more than ``stuck_hours`` (its worker stopped, or the database was away when it failed)
    is marked failed, so that its page stops saying "running". A second run changes nothing more."""
    now = timezone.now()
    stuck = Job.objects.filter(
        state__in=[JobState.QUEUED, JobState.RUNNING], created_at__lt=now - timezone.timedelta(hours=stuck_hours)
    ).update(
        state=JobState.FAILED,
        finished_at=now,
        message=_("The job did not finish: it was stopped. Nothing of it was saved; start it again."),
    )
    old = list(Job.objects.filter(finished_at__lt=now - timezone.timedelta(days=keep_days)))
    for job in old:
        for stored in (job.input_file, job.result_file):
            if stored:
                stored.delete(save=False)
    Job.objects.filter(pk__in=[job.pk for job in old]).delete()
    return {"stopped": stuck, "deleted": len(old)}
