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
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from celery import shared_task
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Job, JobState

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


_RUNNERS: dict[str, Runner] = {}


def register(kind: str, run: Callable, *, staff: Callable[[object], bool]) -> None:
    _RUNNERS[kind] = Runner(kind, run, staff)


def runner(kind: str) -> Runner | None:
    return _RUNNERS.get(kind)


def can_view_job(user, job: Job) -> bool:
    """The owner, and the staff of the job's domain."""
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
