# SPDX-License-Identifier: EUPL-1.2
"""What a dry run hands on to applying: the planned events and the state they were compared with.

A dry run that passes keeps, next to its report, every row it will write (plain values), and for
every pair it named the version and latest event of the pair's current row, with a fingerprint of
the catalogue and municipalities it resolved the names against. When applying finds the same
versions (read and locked in one query) and the same fingerprint, nothing the check depended on
has changed: the rows are written as planned, without reading and checking the file again.
Otherwise the file is checked again against the state of that moment.

The version of a pair moves on with every event, and ``last_event`` changes whenever its history
is rebuilt, so equal values mean an equal current state.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

from django.utils import timezone

from ..models import CurrentStatus, ImportBatch
from .checking import Check, Kind, Lookup, Planned

PLAN_VERSION = 1


def fingerprint(lookup: Lookup) -> str:
    """A digest of everything the check resolved names against."""
    parts = [
        lookup.programme.pk,
        lookup.reference_date.isoformat(),
        [(level.pk, level.code, level.name, level.position) for level in lookup.levels],
        sorted((block.pk, block.code, block.name) for block in lookup.block_by_key.values()),
        sorted(lookup.other_block_codes),
        sorted(
            (period.pk, period.code, period.name, str(period.valid_from), str(period.valid_to), period.merged_into_id)
            for period in lookup.period_by_pk.values()
        ),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def make_plan(check: Check) -> dict:
    """The plan of a check without errors: ``[kind, municipality, block, seen, *planned values]`` per row."""
    rows = []
    for row in check.rows:
        if row.kind == Kind.ERROR:
            return {}
        current = check.current.get(row.pair)
        seen = [current.version, current.last_event.pk] if current else None
        entry = [row.kind, *row.pair, seen]
        if row.kind in Kind.WRITES:
            planned = row.planned
            entry += [
                planned.level_id,
                _date(planned.valid_from),
                _date(planned.planned_date),
                _decimal(planned.budget_planned),
                _decimal(planned.budget_spent),
                planned.blockers,
                planned.note,
                planned.evidence_url,
            ]
        rows.append(entry)
    return {"version": PLAN_VERSION, "lookup": fingerprint(check.lookup), "rows": rows}


def _planned(entry: list, recorded_at: datetime.datetime) -> Planned:
    _kind, municipality_id, block_id, _seen, level_id, valid_from, planned_date, planned, spent, blockers, note, url = (
        entry
    )
    return Planned(
        municipality_id=municipality_id,
        building_block_id=block_id,
        level_id=level_id,
        valid_from=datetime.date.fromisoformat(valid_from),
        recorded_at=recorded_at,
        planned_date=datetime.date.fromisoformat(planned_date) if planned_date else None,
        budget_planned=None if planned is None else Decimal(planned),
        budget_spent=None if spent is None else Decimal(spent),
        blockers=blockers,
        note=note,
        evidence_url=url,
    )


def planned_rows(batch: ImportBatch, lookup: Lookup) -> list[tuple[str, Planned]] | None:
    """The rows to write as ``(kind, planned event)``, or None when the state changed since the dry run.

    Locks the current rows of the pairs named (like the check it stands in for).
    """
    plan = batch.plan or {}
    if plan.get("version") != PLAN_VERSION or plan.get("lookup") != fingerprint(lookup):
        return None
    entries = plan["rows"]
    pairs = {(entry[1], entry[2]) for entry in entries}
    now_seen = {}
    if pairs:
        rows = (
            CurrentStatus.objects.filter(
                municipality_id__in={pair[0] for pair in pairs}, building_block_id__in={pair[1] for pair in pairs}
            )
            .select_for_update(of=("self",))
            .order_by("pk")
            .values_list("municipality_id", "building_block_id", "version", "last_event_id")
        )
        now_seen = {(m, b): [version, last] for m, b, version, last in rows if (m, b) in pairs}
    if any(now_seen.get((entry[1], entry[2])) != entry[3] for entry in entries):
        return None
    recorded_at = timezone.now()
    return [(entry[0], _planned(entry, recorded_at)) for entry in entries if entry[0] in Kind.WRITES]
