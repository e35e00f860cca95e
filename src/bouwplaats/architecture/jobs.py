# SPDX-License-Identifier: EUPL-1.2
"""Importing a model as a background job: the request checks the upload's size and format and
stores it with the job; the worker reads, checks and stores the release (``services``)."""

from django.utils.translation import gettext as _

from bouwplaats.core.jobs import JobResult, Progress
from bouwplaats.core.models import Job

from . import services

MODEL_IMPORT = "architecture.model_import"


def model_import_message(outcome: services.ImportOutcome) -> str:
    names = {"release": outcome.model.release, "name": outcome.model.name}
    if outcome.created:
        return _("Release %(release)s of %(name)s has been imported.") % names
    return (
        _("Release %(release)s of %(name)s had already been imported with the same content; nothing changed.") % names
    )


def run_model_import(job: Job, progress: Progress) -> JobResult:
    arguments = job.arguments
    progress.update(0, 2, _("Reading and checking the file."))
    with job.input_file.open("rb") as source:
        outcome = services.architecture_model_import(
            actor=job.owner,
            source=source,
            format=arguments["format"],
            name=arguments.get("name") or None,
            release=arguments.get("release") or None,
            source_name=arguments["source_name"],
            on_store=lambda: progress.update(1, 2, _("Storing the release.")),
        )
    return JobResult(url=outcome.model.get_absolute_url(), message=model_import_message(outcome))
