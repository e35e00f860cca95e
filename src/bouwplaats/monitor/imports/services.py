"""Imports of statuses from CSV and XLSX files: a dry run first, then applying all rows at once.

``import_check`` reads and checks the file and keeps it with its per-row report in an
``ImportBatch`` (status "checked", or "refused" when a row has an error or the same file was
applied before). ``import_apply`` checks the stored file again against the state of that moment
and writes every row in one transaction, or nothing at all.

Applying works in bulk so that a full survey round (403 municipalities × 25 blocks) stays cheap:
the current rows of all pairs are read (and locked) in one query, the events are built in memory
with the same rules as ``monitor.services`` (``_build_event``: level of the programme, municipality
of its division, no future dates; ``advance_current``: a back-dated event does not replace a newer
current state; every event moves the pair's version on by one), inserted with ``bulk_create``,
the current rows created or updated in bulk, and one audit entry records the whole import.
Rows that say what the current state already says write nothing, so importing the same rows again
changes nothing; the same file (by SHA-256) is refused outright once it has been applied.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import is_programme_staff, require
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import Programme

from ..constants import Source
from ..models import CurrentStatus, ImportBatch, ImportStatus, StatusEvent
from ..services import advance_current, new_current_row
from . import monthly
from .checking import Check, Lookup, check_table
from .reading import MAX_FILE_SIZE, FileRefused, Table, read_table

REPORT_VERSION = 1
BULK_BATCH_SIZE = 1000


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


def _read(file) -> tuple[str, bytes]:
    name = (getattr(file, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    size = getattr(file, "size", None)
    if size is not None and size > MAX_FILE_SIZE:
        raise ValidationError({"file": _too_large()})
    file.seek(0)
    return name, file.read(MAX_FILE_SIZE + 1)


def _too_large() -> str:
    return _("The file is too large: at most %(size)d MB.") % {"size": MAX_FILE_SIZE // (1024 * 1024)}


@transaction.atomic
def import_check(*, actor, programme: Programme, file, valid_on: datetime.date | None = None) -> ImportBatch:
    """Read and check ``file`` (the dry run); keep it with its report. Writes no status.

    ``valid_on`` is the date from which rows without their own date hold (default today).
    Returns the batch: "checked" when it can be applied, "refused" when a row has an error or the
    same file was applied to the programme before. A file that cannot be read at all (type, size,
    encoding, missing columns) raises ``ValidationError`` and is not kept.
    """
    require_importer(actor)
    valid_on = valid_on or timezone.localdate()
    if valid_on > timezone.localdate():
        raise ValidationError({"valid_on": _("The date from which the rows hold cannot be in the future.")})
    name, content = _read(file)
    if not name:
        raise ValidationError({"file": _("Choose a file.")})
    try:
        table = read_table(name, content)
    except FileRefused as refused:
        raise ValidationError({"file": str(refused.message)}) from None
    check = check_table(table=table, lookup=Lookup.fetch(programme), valid_on=valid_on, actor=actor)
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


def _replace_current_rows(rows: list[CurrentStatus]) -> None:
    """Write changed current rows, keeping their ids: delete and insert them again in batches.

    Much cheaper than ``bulk_update`` (one CASE per field and row) for thousands of rows; nothing
    refers to a current row, and the rows are locked by the check that read them.
    """
    for start in range(0, len(rows), BULK_BATCH_SIZE):
        chunk = rows[start : start + BULK_BATCH_SIZE]
        CurrentStatus.objects.filter(pk__in=[row.pk for row in chunk]).delete()
        CurrentStatus.objects.bulk_create(chunk, batch_size=BULK_BATCH_SIZE)


def _write(check: Check, *, batch: ImportBatch) -> ApplyResult:
    """Insert the events of the rows that write, and create or update the pairs' current rows."""
    rows = check.writing()
    events = []
    for row in rows:
        row.event.import_batch = batch
        row.event.source = Source.IMPORT
        events.append(row.event)
    StatusEvent.objects.bulk_create(events, batch_size=BULK_BATCH_SIZE)
    if events and events[0].pk is None:  # databases that do not return ids (all supported ones do)
        raise RuntimeError("The database did not return the ids of the imported events.")
    created, updated = [], []
    latest, back_dated = [], []
    for row in rows:
        event = row.event
        current = check.current.get(row.pair)
        if current is None:
            latest.append(event)
            created.append(new_current_row(event))
            continue
        (latest if advance_current(current, event) else back_dated).append(event)
        updated.append(current)
    try:
        with transaction.atomic():
            CurrentStatus.objects.bulk_create(created, batch_size=BULK_BATCH_SIZE)
    except IntegrityError:
        raise ValidationError(
            _("Someone reported a status for one of these municipalities at the same moment: apply the import again.")
        ) from None
    _replace_current_rows(updated)
    monthly.advance_monthly(programme=batch.programme, latest=latest, back_dated=back_dated)
    return ApplyResult(batch=batch, events=len(events), created=len(created), updated=len(updated))


@transaction.atomic
def import_apply(*, actor, batch: ImportBatch) -> ApplyResult:
    """Write every row of a checked import in one transaction, or nothing.

    The stored file is checked again against the current state; when a row has an error now,
    ``ValidationError`` is raised and nothing is written. Raises ``ImportNotApplicable`` when the
    batch was applied or refused, or when the same file was applied to the programme since.
    """
    require_importer(actor)
    batch = ImportBatch.objects.select_for_update().select_related("programme").get(pk=batch.pk)
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
    table = read_table(batch.file_name, _stored_content(batch))
    check = check_table(table=table, lookup=Lookup.fetch(batch.programme), valid_on=valid_on, actor=actor, lock=True)
    if check.error_count:
        raise ValidationError(
            _(
                "%(count)d row(s) no longer pass the check (the catalogue or the municipalities changed since the "
                "dry run): nothing was applied. Upload the file again to see the report."
            )
            % {"count": check.error_count}
        )
    result = _write(check, batch=batch)
    batch.status = ImportStatus.APPLIED
    batch.applied_at = timezone.now()
    batch.report = {
        **_report(check, valid_on=valid_on, table=table),
        "applied": {"events": result.events, "created": result.created, "updated": result.updated},
    }
    batch.save(update_fields=["status", "applied_at", "report"])
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
