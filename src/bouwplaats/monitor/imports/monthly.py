"""Keeping the monthly table (``MonthlyStatus``, see ``monitor.monthly``) in step with new events in bulk.

An event that becomes a pair's current state (it is the latest by ``valid_from``, then
``recorded_at``) holds at the end of every month from the month of its ``valid_from`` on: those
rows of the pair are replaced by rows with the event's level and blockers, and the earlier months
stay as they are. That gives the same rows as ``monitor.monthly.rebuild_monthly`` without reading
the pairs' histories, so the cost of an import does not grow with the length of the history.
Pairs whose new event is back-dated (history only) are rebuilt from their events.
"""

from __future__ import annotations

from collections import defaultdict

from bouwplaats.catalogue.models import Programme

from ..models import MonthlyStatus, StatusEvent
from ..monthly import _pairs_filter, first_of_month, programme_months, rebuild_monthly

BATCH_SIZE = 5000


def advance_monthly(*, programme: Programme, latest: list[StatusEvent], back_dated: list[StatusEvent]) -> int:
    """Bring the monthly rows up to date after saving new events (one per pair).

    ``latest`` are events that became their pair's current state, ``back_dated`` the others.
    Returns the number of rows written.
    """
    months = programme_months(programme)
    by_month: dict = defaultdict(list)
    for event in latest:
        by_month[first_of_month(event.valid_from)].append(event)
    written = 0
    for start, events in sorted(by_month.items()):
        pairs = {(event.municipality_id, event.building_block_id) for event in events}
        MonthlyStatus.objects.filter(month__gte=start).filter(_pairs_filter(pairs)).delete()
        following = [month for month in months if month >= start]
        rows = [
            MonthlyStatus(
                municipality_id=event.municipality_id,
                building_block_id=event.building_block_id,
                month=month,
                level_id=event.level_id,
                blockers=event.blockers,
                is_demo=event.is_demo,
            )
            for event in events
            for month in following
        ]
        MonthlyStatus.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        written += len(rows)
    if back_dated:
        pairs = {(event.municipality_id, event.building_block_id) for event in back_dated}
        written += rebuild_monthly(pairs, programme=programme)
    return written
