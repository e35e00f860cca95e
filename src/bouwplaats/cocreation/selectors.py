# SPDX-License-Identifier: EUPL-1.2
"""Reads of co-creation for the pages and the API (with the joins and counts each needs)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.organisations.models import Municipality
from bouwplaats.organisations.selectors import municipalities_on

from . import permissions
from .models import Ballot, CocreationSettings, Consultation, Idea, IdeaStatusChange, Option, Vote, VoteMode

# What the list page shows of an idea (its description and answer stay in the database).
LIST_FIELDS = (
    "id",
    "title",
    "theme",
    "status",
    "vote_count",
    "created_at",
    "is_demo",
    "building_block__name",
    "municipality__name",
)
SORTS = {"votes": ("-vote_count", "-created_at", "-pk"), "newest": ("-created_at", "-pk")}


def settings_for(*, programme: Programme) -> CocreationSettings:
    """The programme's settings; unsaved defaults (one vote per member) when none are stored."""
    found = CocreationSettings.objects.filter(programme=programme).first()
    return found or CocreationSettings(programme=programme)


def ideas(
    *, programme: Programme, building_block: str = "", status: str = "", theme: str = "", sort: str = "votes"
) -> QuerySet[Idea]:
    """Ideas of ``programme`` with their block and proposer; filtered and sorted."""
    queryset = (
        Idea.objects.filter(programme=programme).select_related("building_block", "municipality").only(*LIST_FIELDS)
    )
    if building_block:
        queryset = queryset.filter(building_block__code=building_block)
    if status:
        queryset = queryset.filter(status=status)
    if theme:
        queryset = queryset.filter(theme__iexact=theme)
    return queryset.order_by(*SORTS.get(sort, SORTS["votes"]))


def idea_themes(*, programme: Programme) -> list[str]:
    return list(Idea.objects.filter(programme=programme).order_by("theme").values_list("theme", flat=True).distinct())


def idea_blocks(*, programme: Programme) -> QuerySet[BuildingBlock]:
    return BuildingBlock.objects.filter(programme=programme).order_by("name")


def idea_detail(*, pk: int) -> Idea:
    """One idea with its public history (raises Idea.DoesNotExist)."""
    history = IdeaStatusChange.objects.select_related("changed_by").order_by("changed_at", "pk")
    return (
        Idea.objects.select_related("programme", "building_block", "municipality", "proposer", "answered_by")
        .prefetch_related(Prefetch("status_changes", queryset=history))
        .get(pk=pk)
    )


def own_vote(*, user, idea: Idea, mode: str) -> Vote | None:
    """The vote that counts for ``user``: their own, or (per municipality) their municipality's."""
    if not permissions.can_propose(user):
        return None
    if mode == VoteMode.MUNICIPALITY:
        municipalities = permissions.coordinated_municipalities(user, idea.programme)
        return Vote.objects.filter(idea=idea, mode=mode, municipality__in=municipalities).first()
    return Vote.objects.filter(idea=idea, mode=mode, user=user).first()


def voted_idea_ids(*, user, programme: Programme, mode: str, idea_ids) -> set[int]:
    """Which of ``idea_ids`` the user (or the user's municipality) supports, in one query."""
    if not permissions.can_propose(user):
        return set()
    votes = Vote.objects.filter(idea_id__in=list(idea_ids), mode=mode)
    if mode == VoteMode.MUNICIPALITY:
        votes = votes.filter(municipality__in=permissions.coordinated_municipalities(user, programme))
    else:
        votes = votes.filter(user=user)
    return set(votes.values_list("idea_id", flat=True))


# --- consultations --------------------------------------------------------------------------


def consultations(*, programme: Programme | None = None) -> QuerySet[Consultation]:
    """Consultations, newest first."""
    queryset = Consultation.objects.select_related("programme")
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    return queryset.order_by("-opens_at", "-pk")


def open_consultations_without_ballot(*, programme: Programme, municipality: Municipality, now=None) -> list:
    """The consultations of ``programme`` open at ``now`` in which ``municipality`` has cast no
    ballot yet, the first to close first (one query)."""
    now = now or timezone.now()
    return list(
        Consultation.objects.filter(programme=programme, opens_at__lte=now, closes_at__gt=now)
        .exclude(pk__in=Ballot.objects.filter(municipality=municipality).values("consultation_id"))
        .order_by("closes_at", "pk")
    )


def consultation_detail(*, pk: int) -> Consultation:
    return (
        Consultation.objects.select_related("programme", "created_by")
        .prefetch_related(Prefetch("options", queryset=Option.objects.order_by("position")))
        .get(pk=pk)
    )


def own_ballots(*, user, consultation: Consultation) -> list[Ballot]:
    """The ballots of the municipalities ``user`` coordinates (what they chose, before and after closing)."""
    municipalities = permissions.coordinated_municipalities(user, consultation.programme)
    return list(
        Ballot.objects.filter(consultation=consultation, municipality__in=municipalities).select_related(
            "municipality", "option", "cast_by"
        )
    )


@dataclass
class OptionResult:
    option: Option
    ballots: int = 0
    inhabitants: int = 0
    share: float = 0.0  # of the ballots cast, in %
    weighted_share: float = 0.0  # of the inhabitants of the municipalities that voted, in %


@dataclass
class ProvinceTurnout:
    code: str
    name: str
    municipalities: int = 0
    ballots: int = 0

    @property
    def percentage(self) -> float:
        return 100 * self.ballots / self.municipalities if self.municipalities else 0.0


@dataclass
class Turnout:
    municipalities: int = 0
    ballots: int = 0
    provinces: list[ProvinceTurnout] = field(default_factory=list)

    @property
    def percentage(self) -> float:
        return 100 * self.ballots / self.municipalities if self.municipalities else 0.0


@dataclass
class Results:
    consultation: Consultation
    population_year: int
    options: list[OptionResult]
    turnout: Turnout
    inhabitants_voted: int = 0


def turnout(*, consultation: Consultation) -> Turnout:
    """Municipalities of the division and ballots cast, in total and per province (two queries)."""
    division = (
        Municipality.objects.on(consultation.programme.reference_date)
        .values("province__code", "province__name")
        .annotate(count=Count("pk"))
        .order_by("province__name")
    )
    cast = dict(
        Ballot.objects.filter(consultation=consultation)
        .values("municipality__province__code")
        .annotate(count=Count("pk"))
        .values_list("municipality__province__code", "count")
    )
    provinces = [
        ProvinceTurnout(
            code=row["province__code"],
            name=row["province__name"],
            municipalities=row["count"],
            ballots=cast.get(row["province__code"], 0),
        )
        for row in division
    ]
    return Turnout(
        municipalities=sum(p.municipalities for p in provinces),
        ballots=sum(p.ballots for p in provinces),
        provinces=provinces,
    )


def results(*, consultation: Consultation) -> Results:
    """Ballots and inhabitants per option (the population of the programme's reference year).

    Only call after closing (``permissions.can_view_results``): before that, nobody sees these.
    """
    reference = consultation.programme.reference_date
    population_of = dict(
        municipalities_on(reference)
        .filter(pk__in=Ballot.objects.filter(consultation=consultation).values("municipality_id"))
        .values_list("pk", "inhabitants")
    )
    options = {option.pk: OptionResult(option=option) for option in consultation.options.all()}
    for option_id, municipality_id in Ballot.objects.filter(consultation=consultation).values_list(
        "option_id", "municipality_id"
    ):
        row = options[option_id]
        row.ballots += 1
        row.inhabitants += population_of.get(municipality_id) or 0
    total_ballots = sum(row.ballots for row in options.values())
    total_inhabitants = sum(row.inhabitants for row in options.values())
    for row in options.values():
        row.share = 100 * row.ballots / total_ballots if total_ballots else 0.0
        row.weighted_share = 100 * row.inhabitants / total_inhabitants if total_inhabitants else 0.0
    return Results(
        consultation=consultation,
        population_year=reference.year,
        options=list(options.values()),
        turnout=turnout(consultation=consultation),
        inhabitants_voted=total_inhabitants,
    )
