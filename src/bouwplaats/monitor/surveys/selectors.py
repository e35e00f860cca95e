# SPDX-License-Identifier: EUPL-1.2
"""Reads for survey rounds: lists with response rates, a round's response per province and size
class, the municipalities that have not answered, and a coordinator's to-do list.

A municipality has *responded* to a round when it has at least one status event of that round.
The municipalities asked are those of the programme's division (its reference date). Every
function runs a fixed number of queries, whatever the number of rounds or municipalities.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bouwplaats.accounts.models import Membership, MembershipStatus
from bouwplaats.accounts.permissions import is_programme_staff
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.organisations.constants import SIZE_CLASSES, size_class_for
from bouwplaats.organisations.models import Municipality
from bouwplaats.organisations.selectors import with_population

from ..models import StatusEvent, SurveyReminder, SurveyRound
from ..permissions import coordinated_codes


class RoundState:
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"

    LABELS = {UPCOMING: _("upcoming"), OPEN: _("open"), CLOSED: _("closed")}


def round_state(survey_round: SurveyRound, today: datetime.date | None = None) -> str:
    """Upcoming, open or closed by its dates; every round of a closed programme is closed."""
    today = today or timezone.localdate()
    if survey_round.programme.is_closed:
        return RoundState.CLOSED
    if today < survey_round.opens_on:
        return RoundState.UPCOMING
    if today > survey_round.closes_on:
        return RoundState.CLOSED
    return RoundState.OPEN


def is_open(survey_round: SurveyRound, today: datetime.date | None = None) -> bool:
    return round_state(survey_round, today) == RoundState.OPEN


def can_view_rounds(user) -> bool:
    """Programme staff and coordinators (anyone with an approved membership) see the rounds."""
    return is_programme_staff(user) or bool(coordinated_codes(user))


# --- response rates ----------------------------------------------------------------------------


@dataclass
class Rate:
    label: str
    responded: int
    total: int
    key: str = ""

    @property
    def rate(self) -> float | None:
        """The share that responded, as a percentage (None when nobody was asked)."""
        return round(100 * self.responded / self.total, 1) if self.total else None


def division(programme: Programme) -> QuerySet[Municipality]:
    """The municipalities a round of ``programme`` asks: its division on the reference date."""
    return Municipality.objects.on(programme.reference_date)


def _division_sizes(reference_dates: set[datetime.date]) -> dict[datetime.date, int]:
    """The number of municipalities in the division of each date, in one query."""
    if not reference_dates:
        return {}
    dates = sorted(reference_dates)
    counts = Municipality.objects.aggregate(
        **{
            f"d{index}": Count("pk", filter=Q(valid_from__lte=date) & (Q(valid_to__isnull=True) | Q(valid_to__gt=date)))
            for index, date in enumerate(dates)
        }
    )
    return {date: counts[f"d{index}"] for index, date in enumerate(dates)}


def _responded_count() -> Subquery:
    return Coalesce(
        Subquery(
            StatusEvent.objects.filter(survey_round=OuterRef("pk"))
            .order_by()
            .values("survey_round")
            .annotate(count=Count("municipality", distinct=True))
            .values("count")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def survey_rounds(*, programme: Programme | None = None) -> QuerySet[SurveyRound]:
    """Rounds with their programme, building blocks and the number of municipalities that responded."""
    rounds = (
        SurveyRound.objects.select_related("programme", "created_by")
        .prefetch_related(Prefetch("building_blocks", queryset=BuildingBlock.objects.order_by("code")))
        .annotate(responded=_responded_count())
        .order_by("-opens_on", "name", "pk")
    )
    if programme is not None:
        rounds = rounds.filter(programme=programme)
    return rounds


def with_response_rates(rounds) -> list[SurveyRound]:
    """The rounds (from ``survey_rounds``) as a list, each with ``response`` (a ``Rate``)."""
    rounds = list(rounds)
    sizes = _division_sizes({survey_round.programme.reference_date for survey_round in rounds})
    for survey_round in rounds:
        survey_round.response = Rate(
            label=survey_round.name,
            responded=survey_round.responded,
            total=sizes.get(survey_round.programme.reference_date, 0),
        )
    return rounds


@dataclass
class RoundGroups:
    open: list[SurveyRound] = field(default_factory=list)
    upcoming: list[SurveyRound] = field(default_factory=list)
    closed: list[SurveyRound] = field(default_factory=list)


def grouped_rounds(*, today: datetime.date | None = None) -> RoundGroups:
    """All rounds with their response rate, grouped into open, upcoming and closed."""
    today = today or timezone.localdate()
    groups = RoundGroups()
    for survey_round in with_response_rates(survey_rounds()):
        getattr(groups, round_state(survey_round, today)).append(survey_round)
    groups.upcoming.reverse()  # the first to open first
    return groups


def open_rounds(*, today: datetime.date | None = None) -> QuerySet[SurveyRound]:
    today = today or timezone.localdate()
    return survey_rounds().filter(opens_on__lte=today, closes_on__gte=today, programme__closed_on__isnull=True)


def responded_ids(survey_round: SurveyRound) -> QuerySet:
    return StatusEvent.objects.filter(survey_round=survey_round).values("municipality_id")


@dataclass
class RoundResponse:
    overall: Rate
    by_province: list[Rate]
    by_size_class: list[Rate]


def round_response(survey_round: SurveyRound) -> RoundResponse:
    """The response to a round overall, per province and per CBS size class (two queries).

    The size class follows from the population on the programme's reference date.
    """
    reference_date = survey_round.programme.reference_date
    municipalities = with_population(division(survey_round.programme), on=reference_date).values(
        "pk", "province__code", "province__name", "inhabitants"
    )
    responded = set(responded_ids(survey_round).distinct().values_list("municipality_id", flat=True))
    provinces: dict[str, list] = {}
    size_classes: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    overall = [0, 0]
    for row in municipalities:
        answered = int(row["pk"] in responded)
        overall[0] += answered
        overall[1] += 1
        province = provinces.setdefault(row["province__code"], [row["province__name"], 0, 0])
        province[1] += answered
        province[2] += 1
        size_class = size_class_for(row["inhabitants"])
        counts = size_classes[size_class.code if size_class else None]
        counts[0] += answered
        counts[1] += 1
    by_province = [
        Rate(label=name, responded=done, total=total, key=code)
        for code, (name, done, total) in sorted(provinces.items(), key=lambda item: item[1][0])
    ]
    by_size_class = [
        Rate(label=str(size_class.label), responded=counts[0], total=counts[1], key=str(size_class.code))
        for size_class in SIZE_CLASSES
        if (counts := size_classes.get(size_class.code))
    ]
    if None in size_classes:
        counts = size_classes[None]
        by_size_class.append(Rate(label=str(_("population unknown")), responded=counts[0], total=counts[1], key=""))
    return RoundResponse(
        overall=Rate(label=str(_("All municipalities")), responded=overall[0], total=overall[1]),
        by_province=by_province,
        by_size_class=by_size_class,
    )


def non_responders(survey_round: SurveyRound) -> QuerySet[Municipality]:
    """Municipalities of the round's division without an answer, by name, with their province,
    population (``inhabitants``), number of approved coordinators and the last reminder."""
    coordinators = (
        Membership.objects.filter(
            municipality__code=OuterRef("code"), status=MembershipStatus.APPROVED, user__is_active=True
        )
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
        .values("count")[:1]
    )
    last_reminder = (
        SurveyReminder.objects.filter(survey_round=survey_round, municipality=OuterRef("pk"))
        .order_by()
        .values("municipality")
        .annotate(last=Max("sent_at"))
        .values("last")[:1]
    )
    reference_date = survey_round.programme.reference_date
    return (
        with_population(division(survey_round.programme).select_related("province"), on=reference_date)
        .exclude(pk__in=responded_ids(survey_round))
        .annotate(
            coordinator_count=Coalesce(Subquery(coordinators, output_field=IntegerField()), 0),
            last_reminder=Subquery(last_reminder),
        )
        .order_by("name", "code")
    )


def answered_blocks(*, survey_round: SurveyRound, municipality: Municipality) -> set[int]:
    """The ids of the round's building blocks that ``municipality`` has answered."""
    return set(
        StatusEvent.objects.filter(survey_round=survey_round, municipality=municipality)
        .values_list("building_block_id", flat=True)
        .distinct()
    )


# --- a coordinator's to-do list ----------------------------------------------------------------


@dataclass
class TodoBlock:
    building_block: BuildingBlock
    answered: bool


@dataclass
class TodoItem:
    survey_round: SurveyRound
    municipality: Municipality
    blocks: list[TodoBlock]

    @property
    def answered(self) -> bool:
        """Responded: at least one block answered."""
        return any(block.answered for block in self.blocks)

    @property
    def complete(self) -> bool:
        return all(block.answered for block in self.blocks)

    @property
    def answered_count(self) -> int:
        return sum(block.answered for block in self.blocks)


def todo(*, user, today: datetime.date | None = None) -> list[TodoItem]:
    """For each open round, each municipality ``user`` coordinates in its programme's division,
    with the answer status per block. A query for the codes, two for the rounds and their blocks,
    one per programme for the municipalities and one for the answers."""
    codes = coordinated_codes(user)
    if not codes:
        return []
    rounds = list(open_rounds(today=today).order_by("closes_on", "name", "pk"))
    if not rounds:
        return []
    municipalities: dict[int, list[Municipality]] = {}
    for programme in {survey_round.programme for survey_round in rounds}:
        municipalities[programme.pk] = list(division(programme).filter(code__in=codes).order_by("name", "code"))
    municipality_ids = {m.pk for group in municipalities.values() for m in group}
    answers = set(
        StatusEvent.objects.filter(survey_round__in=rounds, municipality_id__in=municipality_ids)
        .values_list("survey_round_id", "municipality_id", "building_block_id")
        .distinct()
    )
    items = []
    for survey_round in rounds:
        for municipality in municipalities[survey_round.programme_id]:
            blocks = [
                TodoBlock(block, (survey_round.pk, municipality.pk, block.pk) in answers)
                for block in survey_round.building_blocks.all()
            ]
            items.append(TodoItem(survey_round=survey_round, municipality=municipality, blocks=blocks))
    return items


def open_rounds_for_municipality(*, municipality: Municipality, today: datetime.date | None = None) -> list:
    """Open rounds that ask ``municipality`` (in their programme's division), each with ``answered``."""
    today = today or timezone.localdate()
    rounds = (
        SurveyRound.objects.filter(
            opens_on__lte=today,
            closes_on__gte=today,
            programme__closed_on__isnull=True,
            programme__reference_date__gte=municipality.valid_from,
        )
        .filter(Q(programme__reference_date__lt=municipality.valid_to) if municipality.valid_to else Q())
        .annotate(answered=Count("events", filter=Q(events__municipality=municipality)))
        .order_by("closes_on", "name", "pk")
    )
    return list(rounds)
