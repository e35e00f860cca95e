# SPDX-License-Identifier: EUPL-1.2
"""Applying a large import as a background job (``settings.MONITOR_IMPORT_BACKGROUND_ROWS``).

The dry run stays in the request: it shows its report at once, and the plan it keeps makes the apply
a fixed number of set-based statements. Applying a full survey round still takes seconds (writing
the events, the current rows and the monthly rows), so from the threshold on it is done by the worker
while the user follows it on the job's progress page; a small import is applied in the request, with
its outcome on the import's page as before.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bouwplaats.core.jobs import JobFailed, JobResult, Progress
from bouwplaats.core.models import Job

from ..apps import IMPORT_APPLY
from ..models import ImportBatch
from . import services

__all__ = ["IMPORT_APPLY", "applied_message", "in_background", "run_import_apply"]


def in_background(batch: ImportBatch) -> bool:
    return batch.row_count >= settings.MONITOR_IMPORT_BACKGROUND_ROWS


def applied_message(events: int) -> str:
    return ngettext(
        "The import has been applied: %(events)d status recorded.",
        "The import has been applied: %(events)d statuses recorded.",
        events,
    ) % {"events": events}


def run_import_apply(job: Job, progress: Progress) -> JobResult:
    batch = ImportBatch.objects.filter(pk=job.arguments["batch"]).first()
    if batch is None:
        raise JobFailed(_("The import no longer exists."))
    progress.update(
        0,
        batch.row_count,
        ngettext("Applying %(count)d row.", "Applying %(count)d rows.", batch.row_count) % {"count": batch.row_count},
    )
    try:
        result = services.import_apply(actor=job.owner, batch=batch)
    except services.ImportNotApplicable as refused:
        raise JobFailed(str(refused)) from None
    progress.update(batch.row_count, batch.row_count)
    return JobResult(url=reverse("monitor:import-detail", args=[batch.pk]), message=applied_message(result.events))
