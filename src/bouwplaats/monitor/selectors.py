# SPDX-License-Identifier: EUPL-1.2
"""Reads of the monitor for pages and the API.

The state "as of" a date is the latest event per pair with ``valid_from`` on or before that date
(ties broken by ``recorded_at``). It is found with one correlated subquery per pair that walks the
index (municipality, building_block, valid_from, recorded_at) backwards: the cost per pair grows
with the logarithm of its history, not with its length, and the number of queries is constant.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from bouwplaats.accounts.permissions import is_programme_staff
from bouwplaats.catalogue.models import BuildingBlock, Programme, StatusLevel
from bouwplaats.organisations.models import Municipality
from bouwplaats.organisations.selectors import municipality_on

from . import rules
from .constants import Source, blocker_labels, decode_blockers
from .models import CurrentStatus, StatusEvent
from .permissions import can_report_status, can_view_municipality_status, coordinated_codes

__all__ = ["can_report_status", "can_view_municipality_status"]

LATEST_FIRST = ("-valid_from", "-recorded_at", "-pk")


# --- visibility --------------------------------------------------------------------------------


def visibility_filter(user) -> Q:
    """Rows ``user`` may see: all for staff; otherwise programmes whose progress per municipality is
    public today (``Programme.public_status_filter``) and own municipalities."""
    if is_programme_staff(user):
        return Q()
    allowed = Programme.public_status_filter("building_block__programme__")
    codes = coordinated_codes(user)
    if codes:
        allowed |= Q(municipality__code__in=codes)
    return allowed


# --- as of a date ------------------------------------------------------------------------------


def latest_event_subquery(*, municipality, building_block, on: datetime.date) -> Subquery:
    """The id of the latest event of a pair with ``valid_from <= on`` (arguments may be OuterRefs)."""
    return Subquery(
        StatusEvent.objects.filter(municipality=municipality, building_block=building_block, valid_from__lte=on)
        .order_by(*LATEST_FIRST)
        .values("pk")[:1]
    )


def events_as_of(current: QuerySet[CurrentStatus], *, on: datetime.date) -> QuerySet[StatusEvent]:
    """For the pairs of ``current``, the event that held on ``on`` (pairs without one are left out)."""
    latest = current.annotate(
        as_of_event=latest_event_subquery(
            municipality=OuterRef("municipality_id"), building_block=OuterRef("building_block_id"), on=on
        )
    ).values("as_of_event")
    return StatusEvent.objects.filter(pk__in=latest)


# --- lists for the API -------------------------------------------------------------------------


# The order of the API's lists: columns of the table itself that together tell every row apart,
# matched by an index (the pair's unique constraint; ``status_event_latest_idx``), so that a page is
# read from the index after the previous page's last row (``core.api.CursorPagination``). The events
# of ``statuses_as_of`` are one per pair as well.
PAIR_ORDER = ("municipality_id", "building_block_id")
HISTORY_ORDER = ("-valid_from", "-recorded_at", "-id")


def municipality_ids(code: str) -> list[int]:
    """The ids of every period of municipality ``code`` (any case)."""
    return list(Municipality.objects.filter(code__iexact=code).values_list("id", flat=True))


def current_statuses(*, user) -> QuerySet[CurrentStatus]:
    return (
        CurrentStatus.objects.filter(visibility_filter(user))
        .select_related("municipality", "municipality__province", "building_block__programme", "level", "last_event")
        .order_by(*PAIR_ORDER)
    )


def statuses_as_of(*, user, on: datetime.date, current: QuerySet[CurrentStatus] | None = None):
    current = current if current is not None else CurrentStatus.objects.filter(visibility_filter(user))
    return (
        events_as_of(current, on=on)
        .select_related("municipality", "municipality__province", "building_block__programme", "level")
        .order_by(*PAIR_ORDER)
    )


def status_events(*, user) -> QuerySet[StatusEvent]:
    return (
        StatusEvent.objects.filter(visibility_filter(user))
        .select_related("municipality", "municipality__province", "building_block__programme", "level", "author")
        .order_by(*HISTORY_ORDER)
    )


# --- a municipality's progress -----------------------------------------------------------------


def part_objects(
    *, programme: int, municipality: int | None = None, building_block: int | None = None
) -> tuple[Programme, Municipality | None, BuildingBlock | None]:
    """The programme, municipality and building block of a cached part, by their ids: a worker renders
    the part from its parameters alone (``core.fragments.versioned_part``)."""
    return (
        Programme.objects.get(pk=programme),
        None if municipality is None else Municipality.objects.select_related("province").get(pk=municipality),
        None if building_block is None else BuildingBlock.objects.select_related("programme").get(pk=building_block),
    )


def municipality_for_programme(*, programme: Programme, code: str) -> Municipality | None:
    """The period of municipality ``code`` in the programme's division, if it is part of it."""
    return municipality_on(code, on=programme.reference_date)


@dataclass
class ProgressRow:
    building_block: BuildingBlock
    level: StatusLevel
    planned_date: datetime.date | None = None
    blockers: int = 0
    budget_planned: Decimal | None = None
    budget_spent: Decimal | None = None
    version: int = 0
    event: StatusEvent | None = None  # the event that holds; None: nothing reported ("not started")
    is_demo: bool = False

    @property
    def deadline(self) -> datetime.date | None:
        return self.building_block.deadline

    @property
    def blocker_codes(self) -> list[str]:
        return decode_blockers(self.blockers)

    @property
    def blocker_labels(self) -> list[str]:
        return blocker_labels(self.blockers)

    @property
    def has_status(self) -> bool:
        return self.event is not None


@dataclass
class DependencyWarning:
    building_block: BuildingBlock
    level: StatusLevel
    depends_on: BuildingBlock
    depends_on_level: StatusLevel


@dataclass
class Progress:
    programme: Programme
    municipality: Municipality
    levels: list[StatusLevel]
    rows: list[ProgressRow]
    as_of: datetime.date | None = None
    warnings: list[DependencyWarning] = field(default_factory=list)

    @property
    def has_demo(self) -> bool:
        return any(row.is_demo for row in self.rows)


def programme_levels(programme: Programme) -> list[StatusLevel]:
    return list(StatusLevel.objects.filter(programme=programme).order_by("position"))


def municipality_progress(
    *, programme: Programme, municipality: Municipality, as_of: datetime.date | None = None
) -> Progress:
    """Every block of the programme with the municipality's state (now, or as of a date).

    Blocks without a report are shown at the lowest level, without an event. Four queries.
    """
    levels = programme_levels(programme)
    blocks = list(
        BuildingBlock.objects.filter(programme=programme)
        .prefetch_related(Prefetch("depends_on", queryset=BuildingBlock.objects.only("id", "code", "name")))
        .order_by("cluster", "name")
    )
    lowest = levels[0] if levels else None
    by_level = {level.pk: level for level in levels}
    rows: dict[int, ProgressRow] = {block.pk: ProgressRow(building_block=block, level=lowest) for block in blocks}
    if as_of is None:
        statuses = CurrentStatus.objects.filter(municipality=municipality, building_block__programme=programme)
        for status in statuses.select_related("last_event__author"):
            row = rows.get(status.building_block_id)
            if row is None:
                continue
            row.level = by_level.get(status.level_id, lowest)
            row.planned_date, row.blockers = status.planned_date, status.blockers
            row.budget_planned, row.budget_spent = status.budget_planned, status.budget_spent
            row.version, row.event, row.is_demo = status.version, status.last_event, status.is_demo
    else:
        events = StatusEvent.objects.filter(
            pk__in=BuildingBlock.objects.filter(programme=programme)
            .annotate(
                as_of_event=latest_event_subquery(municipality=municipality, building_block=OuterRef("pk"), on=as_of)
            )
            .values("as_of_event")
        ).select_related("author")
        for event in events:
            row = rows[event.building_block_id]
            row.level = by_level.get(event.level_id, lowest)
            row.planned_date, row.blockers = event.planned_date, event.blockers
            row.budget_planned, row.budget_spent = event.budget_planned, event.budget_spent
            row.event, row.is_demo = event, event.is_demo
    progress = Progress(
        programme=programme, municipality=municipality, levels=levels, rows=list(rows.values()), as_of=as_of
    )
    progress.warnings = dependency_warnings(rows=progress.rows, levels=levels)
    return progress


def dependency_warnings(*, rows: list[ProgressRow], levels: list[StatusLevel]) -> list[DependencyWarning]:
    """Blocks at the highest level while a block they depend on is still at the lowest level."""
    if len(levels) < 2:
        return []
    lowest, highest = levels[0].position, levels[-1].position
    by_block = {row.building_block.pk: row for row in rows}
    warnings = []
    for row in rows:
        if row.level is None or row.level.position != highest:
            continue
        for dependency in row.building_block.depends_on.all():
            needed = by_block.get(dependency.pk)
            if needed is not None and needed.level is not None and needed.level.position == lowest:
                warnings.append(
                    DependencyWarning(
                        building_block=row.building_block,
                        level=row.level,
                        depends_on=needed.building_block,
                        depends_on_level=needed.level,
                    )
                )
    return warnings


def block_history(*, municipality: Municipality, building_block: BuildingBlock) -> QuerySet[StatusEvent]:
    """Every event of one municipality for one block, newest first."""
    return (
        StatusEvent.objects.filter(municipality=municipality, building_block=building_block)
        .select_related("level", "author", "corrects")
        .order_by(*LATEST_FIRST)
    )


def municipality_timeline(
    *, municipality: Municipality, programme: Programme, limit: int = 20, as_of: datetime.date | None = None
) -> list[StatusEvent]:
    """The latest ``limit`` events of a municipality over all blocks of the programme."""
    events = StatusEvent.objects.filter(municipality=municipality, building_block__programme=programme)
    if as_of is not None:
        events = events.filter(valid_from__lte=as_of)
    return list(events.select_related("level", "building_block", "author").order_by(*LATEST_FIRST)[:limit])


def pair_version(*, municipality: Municipality, building_block: BuildingBlock) -> int:
    """The version of a pair: the number of its reports (0 when there is none)."""
    version = (
        CurrentStatus.objects.filter(municipality=municipality, building_block=building_block)
        .values_list("version", flat=True)
        .first()
    )
    return version or 0


# --- planned dates erased by the status form -----------------------------------------------------

# The sources of the status forms (the one-page form, a block's form, a survey round's form).
FORM_SOURCES = (Source.SELF_REPORT, Source.STAFF, Source.SURVEY)
# Events of one save of a form are recorded within this time of each other.
ONE_SAVE = datetime.timedelta(seconds=1)


@dataclass
class ErasedPlannedDate:
    """An event that only erased its pair's planned date, in a save that wrote other blocks too."""

    event: StatusEvent  # the event that erased the date
    previous: StatusEvent  # the state it replaced, which had the date
    is_current: bool  # whether ``event`` still holds for the pair (nobody reported for it since)

    @property
    def lost_date(self) -> datetime.date:
        return self.previous.planned_date


def erased_planned_dates(*, programme: Programme | None = None) -> list[ErasedPlannedDate]:
    """The events whose only change was an empty planned date where the pair had one, written by a
    save that also wrote events for other blocks of the same municipality (the same author, recorded
    within a second): what the status form did while browsers showed its dates empty. Events that a
    correction already repairs are left out. Oldest first; three queries.

    The state an event replaced is what the pair's current row held when it was recorded: the latest
    event (by ``valid_from``, then ``recorded_at``) among those recorded before it.
    """
    pair = {"municipality": OuterRef("municipality_id"), "building_block": OuterRef("building_block_id")}
    recorded_before = StatusEvent.objects.filter(**pair).filter(
        Q(recorded_at__lt=OuterRef("recorded_at")) | Q(recorded_at=OuterRef("recorded_at"), pk__lt=OuterRef("pk"))
    )
    replaced = recorded_before.order_by(*LATEST_FIRST)
    same_save = StatusEvent.objects.filter(
        municipality=OuterRef("municipality_id"),
        author=OuterRef("author_id"),
        source__in=FORM_SOURCES,
        recorded_at__gte=OuterRef("recorded_at") - ONE_SAVE,
        recorded_at__lte=OuterRef("recorded_at") + ONE_SAVE,
    ).exclude(building_block=OuterRef("building_block_id"))
    candidates = (
        StatusEvent.objects.filter(
            planned_date__isnull=True,
            author__isnull=False,
            is_demo=False,
            import_batch__isnull=True,
            source__in=FORM_SOURCES,
        )
        .annotate(replaced_id=Subquery(replaced.values("pk")[:1]))
        .annotate(replaced_planned_date=Subquery(replaced.values("planned_date")[:1]))
        .filter(replaced_planned_date__isnull=False)
        .filter(Exists(same_save))
        .exclude(Exists(StatusEvent.objects.filter(corrects=OuterRef("pk"))))
        .select_related("municipality", "building_block__programme", "level", "author")
        .order_by("recorded_at", "pk")
    )
    if programme is not None:
        candidates = candidates.filter(building_block__programme=programme)
    events = list(candidates)
    replaced_events = StatusEvent.objects.in_bulk([event.replaced_id for event in events])
    current = set(
        CurrentStatus.objects.filter(last_event__in=[event.pk for event in events]).values_list(
            "last_event_id", flat=True
        )
    )
    return [
        ErasedPlannedDate(event=event, previous=replaced_events[event.replaced_id], is_current=event.pk in current)
        for event in events
        if rules.only_erases_planned_date(event, replaced_events[event.replaced_id])
    ]
