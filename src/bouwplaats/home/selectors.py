# SPDX-License-Identifier: EUPL-1.2
"""Reads of "My municipality": a coordinator's start page, gathered from the other apps' selectors.

The page shows, for one municipality the user is a member of, what there is to do and by when:
each building block of the current programme with its level, deadline, planned date, deadline risk
(with its reasons) and blockers; the open survey rounds; the guides not yet ticked off; the open
consultations without the municipality's ballot; and the user's own open questions and what they
follow. The municipality's part is the same for everyone who may see it and is cached under the
data version (ADR 6); the user's own part is read on every request. The number of queries does not
depend on the number of blocks, rounds, guides, consultations, questions or follows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from bouwplaats.accounts.models import MembershipStatus
from bouwplaats.accounts.permissions import is_authenticated, is_programme_staff
from bouwplaats.catalogue.models import BuildingBlock, Programme, StatusLevel
from bouwplaats.cocreation import selectors as cocreation_selectors
from bouwplaats.cocreation.models import Consultation
from bouwplaats.core.fragments import cached_fragment
from bouwplaats.impact import waiting
from bouwplaats.knowledge.guides.selectors import GuideToTick, guides_to_tick
from bouwplaats.knowledge.models import Question
from bouwplaats.knowledge.questions.selectors import open_questions_of
from bouwplaats.monitor import selectors as monitor_selectors
from bouwplaats.monitor.constants import SUPPLIER_NOT_READY, blocker_labels, decode_blockers
from bouwplaats.monitor.insights import selectors as insight_selectors
from bouwplaats.monitor.insights.forecast import Risk
from bouwplaats.monitor.models import SurveyRound
from bouwplaats.monitor.surveys.selectors import open_rounds_for_municipality
from bouwplaats.notifications.selectors import FollowedItem, followed_items
from bouwplaats.organisations.models import Municipality

# How many of the user's own questions and followed items the page lists (with a link to all).
LIST_LENGTH = 10


# --- whose municipality ------------------------------------------------------------------------


def member_municipalities(user) -> list[Municipality]:
    """The municipalities ``user`` is an approved member of, one per CBS code, by name (one query)."""
    if not is_authenticated(user):
        return []
    memberships = (
        user.memberships.filter(status=MembershipStatus.APPROVED)
        .select_related("municipality")
        .order_by("municipality__name", "municipality__code", "-municipality__valid_from")
    )
    by_code: dict[str, Municipality] = {}
    for membership in memberships:
        by_code.setdefault(membership.municipality.code, membership.municipality)
    return list(by_code.values())


def landing_url(user) -> str | None:
    """Where ``user`` lands after logging in: programme staff on the programme overview, a member of
    one municipality on its page, of several on the choice; None for everyone else."""
    if is_programme_staff(user):
        return reverse("monitor:dashboard-overview")
    municipalities = member_municipalities(user)
    if len(municipalities) == 1:
        return reverse("home:municipality", args=[municipalities[0].code])
    if municipalities:
        return reverse("home:index")
    return None


@dataclass
class Periods:
    """The periods of one CBS code that the page needs."""

    code: str
    latest: Municipality  # the municipality as it is now (guides are ticked for it)
    in_programme: Municipality | None  # its period in the programme's division; None: not part of it

    @property
    def name(self) -> str:
        return (self.in_programme or self.latest).name


def periods_of(code: str, programme: Programme | None) -> Periods | None:
    """The latest period of ``code`` and its period in the programme's division (one query)."""
    periods = Municipality.objects.filter(code=code.upper()).select_related("province").order_by("-valid_from")
    if programme is not None:
        division = Municipality.objects.on(programme.reference_date).filter(pk=OuterRef("pk"))
        periods = periods.annotate(in_division=Exists(division))
    periods = list(periods)
    if not periods:
        return None
    in_programme = next((period for period in periods if getattr(period, "in_division", False)), None)
    return Periods(code=periods[0].code, latest=periods[0], in_programme=in_programme)


# --- the municipality's part (the same for everyone who may see it) -----------------------------


@dataclass
class BlockRow:
    """One building block: the municipality's state and the deadline risk of each target at risk.

    Plain values only (no events, no users), as the row is kept in the cache."""

    building_block: BuildingBlock
    level: StatusLevel | None
    has_status: bool  # False: nothing reported (shown at the lowest level)
    planned_date: datetime.date | None = None
    blockers: tuple = ()  # the labels of the reported blockers (lazy: translated when shown)
    since: datetime.date | None = None
    risks: list[insight_selectors.RiskRow] = field(default_factory=list)
    # A reported "supplier not ready", borne out by the landscape (True: a linked product version is late,
    # False: every linked version is ready in time) or None: not reported, or nothing linked concerns the block.
    supplier_verdict: bool | None = None

    @property
    def deadline(self) -> datetime.date | None:
        return self.building_block.deadline

    @property
    def planned_late(self) -> bool:
        """The planned date falls after the block's deadline."""
        return bool(self.planned_date and self.deadline and self.planned_date > self.deadline)

    @property
    def risk(self) -> Risk:
        """The highest risk over the block's targets (on track: ``Risk.NONE``)."""
        return max((row.risk for row in self.risks), default=Risk.NONE)


@dataclass
class MunicipalityStatus:
    programme: Programme | None
    risk_on: datetime.date | None = None
    uses_agreements: bool = False
    rows: list[BlockRow] = field(default_factory=list)
    survey_rounds: list[SurveyRound] = field(default_factory=list)  # each with ``answered`` (a count)
    guides: list[GuideToTick] = field(default_factory=list)
    # The municipality's product versions that are not ready for a block by its deadline (``impact.waiting``).
    supplier_waits: list[waiting.VersionReadiness] = field(default_factory=list)
    has_demo: bool = False

    @property
    def at_risk(self) -> list[BlockRow]:
        return [row for row in self.rows if row.risks]


def municipality_status(*, programme: Programme | None, periods: Periods, today: datetime.date) -> MunicipalityStatus:
    """The programme part of the page for one municipality (no personal data)."""
    municipality = periods.in_programme
    if programme is None or municipality is None:
        return MunicipalityStatus(programme=programme)
    progress = monitor_selectors.municipality_progress(programme=programme, municipality=municipality)
    risk = insight_selectors.deadline_risk(programme=programme, municipality=municipality)
    risks_by_block: dict[int, list] = {}
    for risk_row in risk.rows:
        risks_by_block.setdefault(risk_row.building_block.pk, []).append(risk_row)
    blocks = [row.building_block for row in progress.rows]
    versions = waiting.version_readiness(blocks=blocks, municipalities=[municipality.pk])
    verdicts = waiting.verdicts(versions)
    rows = [
        BlockRow(
            building_block=row.building_block,
            level=row.level,
            has_status=row.has_status,
            planned_date=row.planned_date,
            blockers=tuple(blocker_labels(row.blockers)),
            since=row.event.valid_from if row.event else None,
            risks=risks_by_block.get(row.building_block.pk, []),
            supplier_verdict=verdicts.get((municipality.pk, row.building_block.pk))
            if SUPPLIER_NOT_READY in decode_blockers(row.blockers)
            else None,
        )
        for row in progress.rows
    ]
    return MunicipalityStatus(
        programme=programme,
        risk_on=risk.on,
        uses_agreements=risk.uses_agreements,
        rows=rows,
        survey_rounds=open_rounds_for_municipality(municipality=municipality, today=today),
        guides=guides_to_tick(periods.latest, sorted(blocks, key=lambda block: block.name)),
        supplier_waits=waiting.late(versions),
        has_demo=progress.has_demo or risk.has_demo,
    )


# --- the whole page ----------------------------------------------------------------------------


@dataclass
class Dashboard:
    periods: Periods
    current_programme: Programme | None
    status: MunicipalityStatus | None  # None where the page renders it apart (cached as HTML)
    consultations: list[Consultation]
    questions: list[Question]
    following: list[FollowedItem]
    municipalities: list[Municipality]  # all of the user's municipalities (to switch between them)

    @property
    def code(self) -> str:
        return self.periods.code

    @property
    def name(self) -> str:
        return self.periods.name

    @property
    def programme(self) -> Programme | None:
        return self.current_programme


def municipality_status_of(*, programme: Programme | None, periods: Periods, version: int) -> MunicipalityStatus:
    """The municipality's part, the same for every viewer: cached under the data version and the date."""
    today = timezone.localdate()
    return cached_fragment(
        "home.municipality-status",
        (version, programme.pk if programme else None, periods.code, today),
        lambda: municipality_status(programme=programme, periods=periods, today=today),
    )


def dashboard(
    *,
    user,
    periods: Periods,
    programme: Programme | None,
    version: int,
    municipalities: list[Municipality] | None = None,
    with_status: bool = True,
) -> Dashboard:
    """Everything the page (and the API) shows for ``user`` and one municipality.

    ``version`` is the data version (``audit.selectors.data_version``): the municipality's part is
    cached under it, the date and the municipality.
    """
    status = municipality_status_of(programme=programme, periods=periods, version=version) if with_status else None
    consultations = []
    if programme is not None and periods.in_programme is not None:
        # Not cached: a consultation opens and closes at a moment, not on a date.
        consultations = cocreation_selectors.open_consultations_without_ballot(
            programme=programme, municipality=periods.in_programme
        )
    return Dashboard(
        periods=periods,
        current_programme=programme,
        status=status,
        consultations=consultations,
        questions=list(open_questions_of(user)[:LIST_LENGTH]),
        following=followed_items(user, limit=LIST_LENGTH),
        municipalities=municipalities if municipalities is not None else member_municipalities(user),
    )
