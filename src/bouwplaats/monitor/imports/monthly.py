# SPDX-License-Identifier: EUPL-1.2
"""Keeping the monthly table (``MonthlyStatus``, see ``monitor.monthly``) in step with an import, in SQL.

An event that becomes a pair's current state (it is the latest by ``valid_from``, then
``recorded_at``) holds at the end of every month from the month of its ``valid_from`` on: those rows
of the pair are replaced by rows with the event's level and blockers (every month of the programme
from then on gets a row), and the earlier months stay as they are. That gives the same rows as
``monitor.monthly.rebuild_monthly`` without reading the pairs' histories, so the cost of an import
does not grow with the length of the history. The rows are derived in SQL from the batch's events
that their pairs' current rows point at, one statement per month from the first month in which such
events start. Pairs whose new event is back-dated (history only) are rebuilt from their events.
"""

from __future__ import annotations

import datetime

from django.db import connection

from bouwplaats.catalogue.models import Programme

from ..models import CurrentStatus, ImportBatch, MonthlyStatus, StatusEvent
from ..monthly import first_of_month, next_month, programme_months, rebuild_monthly


def _latest_events() -> str:
    """The batch's events (param 1) that are their pair's current state, valid from within a month
    (params 2 and 3: its first day and the next month's)."""
    event, current = (connection.ops.quote_name(model._meta.db_table) for model in (StatusEvent, CurrentStatus))
    return (
        f"{event} AS e JOIN {current} AS c ON c.last_event_id = e.id"
        " WHERE e.import_batch_id = %s AND e.valid_from >= %s AND e.valid_from < %s"
    )


def replace_monthly_from(*, batch: ImportBatch, starts: set[datetime.date]) -> None:
    """Replace the monthly rows of the pairs whose current state is now an event of ``batch``."""
    months = programme_months(batch.programme)
    monthly = connection.ops.quote_name(MonthlyStatus._meta.db_table)
    adapt = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        for start in sorted({first_of_month(date) for date in starts}):
            following = [adapt(month) for month in months if month >= start]
            if not following:
                continue
            # An upsert: every month from ``start`` on gets the event's state, whether the pair had
            # a row for it or not (cheaper than deleting and inserting the rows again).
            month_table = " UNION ALL ".join(["SELECT %s AS month"] * len(following))
            cursor.execute(
                f"INSERT INTO {monthly} (municipality_id, building_block_id, month, level_id, blockers, is_demo)"  # noqa: S608
                f" SELECT e.municipality_id, e.building_block_id, m.month, e.level_id, e.blockers, e.is_demo"
                f" FROM ({month_table}) AS m, {_latest_events()}"
                " ON CONFLICT (municipality_id, building_block_id, month) DO UPDATE SET"
                " level_id = excluded.level_id, blockers = excluded.blockers, is_demo = excluded.is_demo",
                [*following, batch.pk, adapt(start), adapt(next_month(start))],
            )


def rebuild_back_dated(*, programme: Programme, pairs: set[tuple[int, int]]) -> None:
    """Rebuild the pairs whose new event went into their history only."""
    if pairs:
        rebuild_monthly(pairs, programme=programme)
