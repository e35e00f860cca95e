# SPDX-License-Identifier: EUPL-1.2
"""Imports of statuses from CSV and XLSX files: a dry run first, then applying all rows at once.

``import_check`` reads and checks the file and keeps it with its per-row report in an
``ImportBatch`` (status "checked", or "refused" when a row has an error or the same file was
applied before), with the plan of what it will write (``plan``). ``import_apply`` writes every row
in one transaction, or nothing at all: as planned when the pairs and the catalogue are still as
the dry run saw them, otherwise after checking the stored file again against the state of that
moment.

Applying works in bulk so that a full survey round (403 municipalities × 25 blocks) stays cheap:
the current rows of all pairs are read (and locked) in one query and compared as plain values
(``checking``), and the rows are written with a fixed number of set-based statements
(``writing``) that follow the rules of ``monitor.services`` (``advance_current``: a back-dated
event does not replace a newer current state; every event moves the pair's version on by one).
One audit entry records the whole import.
Rows that say what the current state already says write nothing, so importing the same rows again
changes nothing; the same file (by SHA-256) is refused outright once it has been applied.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bouwplaats.accounts.permissions import is_programme_staff, require
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.rules import require_open
from bouwplaats.core.tabular import FileRefused, Table, read_table, read_upload

from .. import rules
from ..models import ImportBatch, ImportStatus
from . import plan, writing
from .checking import Check, Lookup, check_table
from .columns import STATUS_LAYOUT

REPORT_VERSION = 1


class ImportNotApplicable(Exception):
    """The batch cannot be applied (any more): applied already, refused, or its file applied before."""

    def __init__(self, message: str, *, batch: ImportBatch):
        self.batch = batch
        super().__init__(message)


def can_import(user) -> bool:
    return is_programme_staff(user)


def require_importer(user) -> None:
    require(can_import(user), _("Only programme staff may import statuses."))


# --- report ----------------------------------------------------------------------------------------


def _report(check: Check, *, valid_on: datetime.date, table: Table) -> dict:
    """What the batch keeps: how the file was read, the counts per kind and every row's outcome."""
    return {
        "version": REPORT_VERSION,
        "valid_on": valid_on.isoformat(),
        "file_type": table.file_type,
        "encoding": table.encoding,
        "separator": table.separator,
        "columns": table.columns,
        "ignored_columns": table.ignored,
        "already_applied": None,
        "counts": check.counts(),
        "rows": [row.as_json() for row in check.rows],
    }


def _applied_before(*, programme: Programme, sha256: str, exclude: int | None = None) -> ImportBatch | None:
    batches = ImportBatch.objects.filter(programme=programme, sha256=sha256, status=ImportStatus.APPLIED)
    if exclude is not None:
        batches = batches.exclude(pk=exclude)
    return batches.order_by("applied_at", "pk").first()


def _already_applied(batch: ImportBatch) -> dict:
    return {
        "id": batch.pk,
        "file_name": batch.file_name,
        "applied_at": batch.applied_at.isoformat() if batch.applied_at else "",
    }


# --- the dry run -----------------------------------------------------------------------------------


@transaction.atomic
def import_check(*, actor, programme: Programme, file, valid_on: datetime.date | None = None) -> ImportBatch:
    """Read and check ``file`` (the dry run); keep it with its report. Writes no status.

    ``valid_on`` is the date from which rows without their own date hold (default today).
    Returns the batch: "checked" when it can be applied, "refused" when a row has an error or the
    same file was applied to the programme before. A file that cannot be read at all (type, size,
    encoding, missing columns) raises ``ValidationError`` and is not kept.
    """
    require_importer(actor)
    require_open(programme)
    today = timezone.localdate()
    valid_on = valid_on or today
    if rules.is_future(valid_on, today):
        raise ValidationError({"valid_on": _("The date from which the rows hold cannot be in the future.")})
    try:
        name, content = read_upload(file)
        if not name:
            raise ValidationError({"file": _("Choose a file.")})
        table = read_table(name, content, layout=STATUS_LAYOUT)
    except FileRefused as refused:
        raise ValidationError({"file": str(refused.message)}) from None
    check = check_table(table=table, lookup=Lookup.fetch(programme), valid_on=valid_on)
    sha256 = hashlib.sha256(content).hexdigest()
    report = _report(check, valid_on=valid_on, table=table)
    earlier = _applied_before(programme=programme, sha256=sha256)
    if earlier is not None:
        report["already_applied"] = _already_applied(earlier)
    refused = earlier is not None or check.error_count > 0
    batch = ImportBatch(
        programme=programme,
        file_name=name,
        sha256=sha256,
        status=ImportStatus.REFUSED if refused else ImportStatus.CHECKED,
        row_count=len(check.rows),
        report=report,
        plan={} if refused else plan.make_plan(check),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    batch.file.save(name, ContentFile(content), save=False)
    batch.save()
    audit.record(
        actor=actor,
        action="import.check",
        target=batch,
        changes={
            "programme": programme.slug,
            "file_name": name,
            "sha256": sha256,
            "rows": batch.row_count,
            "status": batch.status,
            "counts": report["counts"],
        },
    )
    return batch


# --- applying --------------------------------------------------------------------------------------


@dataclass
class ApplyResult:
    batch: ImportBatch
    events: int
    created: int  # pairs that got their first current row
    updated: int  # current rows brought up to date


def _stored_content(batch: ImportBatch) -> bytes:
    with batch.file.open("rb") as handle:
        return handle.read()


def _check_again(*, batch: ImportBatch, lookup: Lookup, valid_on: datetime.date) -> Check:
    """Check the stored file again against the state of this moment (the current rows locked)."""
    table = read_table(batch.file_name, _stored_content(batch), layout=STATUS_LAYOUT)
    check = check_table(table=table, lookup=lookup, valid_on=valid_on, lock=True)
    if check.error_count:
        raise ValidationError(
            ngettext(
                "%(count)d row no longer passes the check (the catalogue or the municipalities changed since the "
                "dry run): nothing was applied. Upload the file again to see the report.",
                "%(count)d rows no longer pass the check (the catalogue or the municipalities changed since the "
                "dry run): nothing was applied. Upload the file again to see the report.",
                check.error_count,
            )
            % {"count": check.error_count}
        )
    batch.report = _report(check, valid_on=valid_on, table=table)
    return check


@transaction.atomic
def import_apply(*, actor, batch: ImportBatch) -> ApplyResult:
    """Write every row of a checked import in one transaction, or nothing.

    The stored file is checked again against the current state; when a row has an error now,
    ``ValidationError`` is raised and nothing is written. Raises ``ImportNotApplicable`` when the
    batch was applied or refused, or when the same file was applied to the programme since.
    """
    require_importer(actor)
    batch = ImportBatch.objects.select_for_update().select_related("programme").get(pk=batch.pk)
    require_open(batch.programme)
    if batch.status == ImportStatus.APPLIED:
        raise ImportNotApplicable(_("This import has already been applied."), batch=batch)
    earlier = _applied_before(programme=batch.programme, sha256=batch.sha256, exclude=batch.pk)
    if earlier is not None:
        raise ImportNotApplicable(
            _("The same file has already been applied (import %(id)d); nothing was changed.") % {"id": earlier.pk},
            batch=batch,
        )
    if batch.status == ImportStatus.REFUSED:
        raise ImportNotApplicable(
            _("This import was refused at its dry run and cannot be applied: correct the file and upload it again."),
            batch=batch,
        )
    valid_on = datetime.date.fromisoformat(batch.report.get("valid_on") or timezone.localdate().isoformat())
    lookup = Lookup.fetch(batch.programme)
    rows = plan.planned_rows(batch, lookup)
    if rows is None:  # something changed since the dry run
        check = _check_again(batch=batch, lookup=lookup, valid_on=valid_on)
        rows = [(row.kind, row.planned) for row in check.writing()]
    counts = writing.write_rows(rows, batch=batch, actor=actor)
    result = ApplyResult(batch=batch, **counts)
    batch.status = ImportStatus.APPLIED
    batch.applied_at = timezone.now()
    batch.report = {**batch.report, "applied": counts}
    batch.plan = {}
    batch.save(update_fields=["status", "applied_at", "report", "plan"])
    audit.record(
        actor=actor,
        action="import.apply",
        target=batch,
        changes={
            "programme": batch.programme.slug,
            "file_name": batch.file_name,
            "sha256": batch.sha256,
            "events": result.events,
            "created": result.created,
            "updated": result.updated,
            "counts": batch.report["counts"],
        },
    )
    return result
