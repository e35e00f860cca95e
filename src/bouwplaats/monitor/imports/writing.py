# SPDX-License-Identifier: EUPL-1.2
"""Writing a checked import with a fixed number of set-based statements, whatever the number of rows.

The events are inserted in one ``executemany``; everything else is derived from them in SQL,
keyed by the import batch, so no model instance is built per row:

1. current rows of pairs whose new event is back-dated (older than the pair's latest event):
   only the version moves on (``monitor.services.advance_current``);
2. current rows of pairs whose new event is the latest: they take its state and point at it;
3. pairs without a current row get one (version 1, ``new_current_row``);
4. the monthly rows of the pairs of step 2 and 3 are replaced from the month of the event on
   (``imports.monthly``); back-dated pairs are rebuilt from their events.

The rows were locked and classified by the check just before; the number of rows each statement
touches is compared with that classification, so a report that slipped in between (a first
report of a pair on a database without row locks) fails the whole import instead of being
overwritten. The statements use ``UPDATE … FROM`` and row values, which SQLite (3.33+) and
PostgreSQL both support.
"""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from ..constants import Source
from ..models import CurrentStatus, ImportBatch, StatusEvent
from .checking import Kind, Planned
from .monthly import rebuild_back_dated, replace_monthly_from

EVENT_COLUMNS = (
    "municipality_id",
    "building_block_id",
    "level_id",
    "valid_from",
    "recorded_at",
    "planned_date",
    "budget_planned",
    "budget_spent",
    "blockers",
    "note",
    "evidence_url",
    "evidence_text",
    "evidence_file",
    "blocker_note",
    "source",
    "author_id",
    "is_demo",
    "import_batch_id",
)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def insert_events(events: list[Planned], *, batch: ImportBatch, actor) -> None:
    author_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    ops = connection.ops
    adapt_date = ops.adapt_datefield_value
    recorded = {}  # one moment for all events of an import: adapted once

    def recorded_at(planned: Planned):
        if planned.recorded_at not in recorded:
            recorded[planned.recorded_at] = ops.adapt_datetimefield_value(planned.recorded_at)
        return recorded[planned.recorded_at]

    values = [
        (
            planned.municipality_id,
            planned.building_block_id,
            planned.level_id,
            adapt_date(planned.valid_from),
            recorded_at(planned),
            adapt_date(planned.planned_date),
            ops.adapt_decimalfield_value(planned.budget_planned, 12, 2),
            ops.adapt_decimalfield_value(planned.budget_spent, 12, 2),
            planned.blockers,
            planned.note,
            planned.evidence_url,
            "",
            "",
            "",
            Source.IMPORT,
            author_id,
            False,
            batch.pk,
        )
        for planned in events
    ]
    placeholders = ", ".join(["%s"] * len(EVENT_COLUMNS))
    sql = f"INSERT INTO {_table(StatusEvent)} ({', '.join(EVENT_COLUMNS)}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _advance_current_rows(batch: ImportBatch) -> tuple[int, int]:
    """Steps 1 and 2: (back-dated, latest) current rows updated."""
    current, event = _table(CurrentStatus), _table(StatusEvent)
    joins = (
        f"FROM {event} AS e, {event} AS l WHERE e.import_batch_id = %s"
        f" AND e.municipality_id = {current}.municipality_id AND e.building_block_id = {current}.building_block_id"
        f" AND l.id = {current}.last_event_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {current} SET version = {current}.version + 1, updated_at = e.recorded_at, is_demo = %s "  # noqa: S608
            f"{joins} AND (e.valid_from, e.recorded_at) < (l.valid_from, l.recorded_at)",
            [False, batch.pk],
        )
        back_dated = cursor.rowcount
        cursor.execute(
            f"UPDATE {current} SET level_id = e.level_id, planned_date = e.planned_date, blockers = e.blockers,"  # noqa: S608
            " budget_planned = e.budget_planned, budget_spent = e.budget_spent, last_event_id = e.id,"
            f" version = {current}.version + 1, updated_at = e.recorded_at, is_demo = %s "
            f"{joins} AND (e.valid_from, e.recorded_at) >= (l.valid_from, l.recorded_at)",
            [False, batch.pk],
        )
        return back_dated, cursor.rowcount


def _create_current_rows(batch: ImportBatch) -> int:
    """Step 3: the first current row of each pair that has none."""
    current, event = _table(CurrentStatus), _table(StatusEvent)
    sql = (
        f"INSERT INTO {current} (municipality_id, building_block_id, level_id, planned_date, blockers,"  # noqa: S608
        " budget_planned, budget_spent, last_event_id, version, updated_at, is_demo)"
        " SELECT e.municipality_id, e.building_block_id, e.level_id, e.planned_date, e.blockers,"
        " e.budget_planned, e.budget_spent, e.id, 1, e.recorded_at, e.is_demo"
        f" FROM {event} AS e WHERE e.import_batch_id = %s AND NOT EXISTS (SELECT 1 FROM {current} AS c"
        " WHERE c.municipality_id = e.municipality_id AND c.building_block_id = e.building_block_id)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [batch.pk])
        return cursor.rowcount


def _changed_meanwhile() -> ValidationError:
    return ValidationError(
        _("Someone reported a status for one of these municipalities at the same moment: apply the import again.")
    )


def write_rows(rows: list[tuple[str, Planned]], *, batch: ImportBatch, actor) -> dict[str, int]:
    """Write the planned events (``(kind, event)`` of the checked rows that write) and bring the
    current and monthly rows up to date."""
    kinds = Counter(kind for kind, _planned in rows)
    insert_events([planned for _kind, planned in rows], batch=batch, actor=actor)
    back_dated, latest = _advance_current_rows(batch)
    try:
        with transaction.atomic():
            created = _create_current_rows(batch)
    except IntegrityError:
        raise _changed_meanwhile() from None
    if (back_dated, latest, created) != (kinds[Kind.HISTORY], kinds[Kind.CHANGE], kinds[Kind.NEW]):
        raise _changed_meanwhile()
    replace_monthly_from(
        batch=batch, starts={planned.valid_from for kind, planned in rows if kind in (Kind.NEW, Kind.CHANGE)}
    )
    rebuild_back_dated(
        programme=batch.programme, pairs={planned.pair for kind, planned in rows if kind == Kind.HISTORY}
    )
    return {"events": len(rows), "created": created, "updated": back_dated + latest}
