# SPDX-License-Identifier: EUPL-1.2
"""The state of every municipality × building block at the end of each month (``MonthlyStatus``).

A derived table: it holds, for each pair and each month of the programme, the level (and blockers)
of the latest event with ``valid_from`` on or before the last day of that month — the same answer
as the as-of selector gives for that day. Trends read it, so their cost depends on the number of
pairs and months, never on the length of the history.

The months run from the programme's start month to the month of its end date (or the current
month when it has no end). A pair has rows from the month of its first event on; earlier months
(and pairs without events) mean "nothing reported", which pages count as the lowest level.

The rows of a pair are rebuilt from its events whenever its history changes: the services call
:func:`rebuild_monthly` for the pairs they wrote to, in the same transaction; the demo data is
rebuilt in bulk; ``manage.py rebuild_monthly_status`` rebuilds everything (for example at the start
of a month for a programme without an end date, or after a write that bypassed the services).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from bouwplaats.catalogue.models import Programme

from .models import MonthlyStatus, StatusEvent

BATCH_SIZE = 5000


def first_of_month(date: datetime.date) -> datetime.date:
    return date.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_end(month: datetime.date) -> datetime.date:
    """The last day of the month that starts on ``month``."""
    return next_month(month) - datetime.timedelta(days=1)


def programme_months(programme: Programme, *, today: datetime.date | None = None) -> list[datetime.date]:
    """The first day of every month of the programme: start month to end month (or this month)."""
    start = first_of_month(programme.start_date)
    end = first_of_month(programme.end_date or today or timezone.localdate())
    months = []
    month = start
    while month <= end:
        months.append(month)
        month = next_month(month)
    return months


def _pair_rows(municipality_id: int, block_id: int, events: list[tuple], months: list[datetime.date]):
    """The monthly rows of one pair as tuples ``(municipality, block, month, level, blockers, is_demo)``.

    ``events`` are ``(valid_from, level_id, blockers, is_demo)``, oldest first.
    """
    state = None
    position = 0
    for month in months:
        end = month_end(month)
        while position < len(events) and events[position][0] <= end:
            state = events[position]
            position += 1
        if state is not None:
            yield (municipality_id, block_id, month, state[1], state[2], state[3])


def _insert(rows: list[tuple]) -> None:
    """Insert rows in one prepared statement (the table is derived: no model logic to run)."""
    if not rows:
        return
    table = connection.ops.quote_name(MonthlyStatus._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(MonthlyStatus._meta.get_field(name).column)
        for name in ("municipality", "building_block", "month", "level", "blockers", "is_demo")
    )
    adapt = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s)",  # noqa: S608 - names from the model
            [(m, b, adapt(month), level, blockers, is_demo) for m, b, month, level, blockers, is_demo in rows],
        )


def _pairs_filter(pairs: set[tuple[int, int]]) -> Q:
    """A filter for exactly these (municipality id, building block id) pairs, one term per municipality."""
    by_municipality: dict[int, list[int]] = defaultdict(list)
    for municipality_id, block_id in sorted(pairs):
        by_municipality[municipality_id].append(block_id)
    condition = Q()
    for municipality_id, block_ids in by_municipality.items():
        condition |= Q(municipality_id=municipality_id, building_block_id__in=block_ids)
    return condition


def rebuild_monthly(
    pairs: Iterable[tuple[int, int]] | None = None,
    *,
    programme: Programme,
    today: datetime.date | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Recompute the monthly rows of ``pairs`` (municipality id, block id) of ``programme``, or of all its pairs.

    Runs in the caller's transaction. One pass over the events of those pairs, ordered by pair and
    ``valid_from``; rows are inserted in batches with one prepared statement. Returns the number of rows.
    """
    months = programme_months(programme, today=today)
    block_ids = programme.building_blocks.values("pk")
    events = StatusEvent.objects.filter(building_block_id__in=block_ids)
    existing = MonthlyStatus.objects.filter(building_block_id__in=block_ids)
    if pairs is not None:
        pairs = set(pairs)
        if not pairs:
            return 0
        condition = _pairs_filter(pairs)
        events = events.filter(condition)
        existing = existing.filter(condition)
    existing.delete()
    rows = events.order_by("municipality_id", "building_block_id", "valid_from", "recorded_at", "pk").values_list(
        "municipality_id", "building_block_id", "valid_from", "level_id", "blockers", "is_demo"
    )
    written = 0
    batch: list[tuple] = []
    pair, pair_events = None, []

    def flush_pair():
        nonlocal written
        if pair is not None:
            batch.extend(_pair_rows(pair[0], pair[1], pair_events, months))
        if len(batch) >= batch_size:
            _insert(batch)
            written += len(batch)
            batch.clear()

    for municipality_id, block_id, valid_from, level_id, blockers, is_demo in rows.iterator(chunk_size=batch_size):
        if (municipality_id, block_id) != pair:
            flush_pair()
            pair, pair_events = (municipality_id, block_id), []
        pair_events.append((valid_from, level_id, blockers, is_demo))
    flush_pair()
    _insert(batch)
    written += len(batch)
    return written


def rebuild_monthly_for_events(events: Iterable[StatusEvent]) -> int:
    """Rebuild the pairs of these (just saved) events, per programme of their building blocks."""
    by_programme: dict[int, tuple[Programme, set[tuple[int, int]]]] = {}
    for event in events:
        programme = event.building_block.programme
        by_programme.setdefault(programme.pk, (programme, set()))[1].add(
            (event.municipality_id, event.building_block_id)
        )
    return sum(rebuild_monthly(pairs, programme=programme) for programme, pairs in by_programme.values())


def rebuild_all_monthly(*, today: datetime.date | None = None) -> dict[str, int]:
    """Rebuild the rows of every programme; returns the number of rows per programme slug."""
    return {
        programme.slug: rebuild_monthly(programme=programme, today=today)
        for programme in Programme.objects.order_by("start_date", "pk")
    }
