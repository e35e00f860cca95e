# SPDX-License-Identifier: EUPL-1.2
"""A background job: long work (an import, a large file) done by a Celery worker, out of the request.

A job knows nothing of the domain that started it: its ``kind`` names a runner that an app registered
(``core.jobs.register``), its ``arguments`` are that runner's, and its result is a link
(``result_url``) or a stored file (``result_file``). See docs/dev/background-jobs.md.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .private_media import private_storage


class JobState(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


JOB_FOLDER = "jobs/"


def job_file_path(job: "Job", filename: str) -> str:
    """Files of a job under a random folder, so that a stored file's name cannot be guessed."""
    return f"{JOB_FOLDER}{uuid.uuid4().hex}/{filename}"


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=100)
    title = models.CharField(_("title"), max_length=255, help_text=_("What the job does, in the owner's language."))
    # None: a shared job, whose result is for everyone (``jobs.job_shared``).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    language = models.CharField(_("language"), max_length=10, default="nl")
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    input_file = models.FileField(_("input file"), upload_to=job_file_path, storage=private_storage, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    result_url = models.CharField(_("result link"), max_length=500, blank=True)
    result_file = models.FileField(_("result file"), upload_to=job_file_path, storage=private_storage, blank=True)
    result_name = models.CharField(_("result file name"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_newest")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))
