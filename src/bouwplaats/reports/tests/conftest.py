# SPDX-License-Identifier: EUPL-1.2
"""A small, hand-made world for the report tests: four towns in two provinces, two building blocks.

The programme's division is that of 1 January 1850, so that only these towns are in it (the oldest
municipality of the reference data starts in 1855). Levels: niet gestart (0), oriëntatie (1),
implementatie (2), in gebruik (3).

    town (province)     reports (valid from)
    T1 (Testprovincie)  AAA oriëntatie 2021-01-10 (budget 1000 / 200, capacity),
                        AAA in gebruik 2022-03-01 (budget 1000 / 900); BBB implementatie 2021-06-01
    T2 (Testprovincie)  AAA implementatie 2021-02-01 (budget 500 / –, supplier not ready)
    T3 (Proefprovincie) BBB niet gestart 2021-03-01
    T4 (Proefprovincie) nothing

Result agreements: 1 (AAA at implementatie by 2099-01-01), 2 (AAA and BBB at implementatie by
2021-12-31, passed on the report's date 2022-06-30), 3 (no building blocks).

Questions about AAA: asked 2021-01-01 and closed 2021-02-01; asked 2022-01-01 and answered
2022-02-01; asked 2022-05-01 (open, theme "Thema A"); asked 2022-07-15 (after the date); and one
about a block of another programme. Ideas: "Eerste idee" (1 January 2022, planned from 1 August
2022, two votes before the date and one after), "Tweede idee" (1 February 2022, under
consideration from 1 March 2022, one vote), "Derde idee" (1 September 2022).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from bouwplaats.catalogue.models import Programme, StatusVisibility
from bouwplaats.catalogue.tests.factories import ResultAgreementFactory
from bouwplaats.cocreation.models import Idea, IdeaStatus, IdeaStatusChange, Vote, VoteMode
from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)
from bouwplaats.knowledge.models import QuestionStatus
from bouwplaats.knowledge.tests.factories import QuestionFactory, ThemeFactory
from bouwplaats.monitor import services
from bouwplaats.monitor.tests.factories import (
    ApprovedMembershipFactory,
    BuildingBlockFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StaffFactory,
    UserFactory,
    ladder,
)
from bouwplaats.organisations.tests.factories import ProvinceFactory
from bouwplaats.reports.models import BudgetKind, ProgrammeBudget

DATE = datetime.date(2022, 6, 30)
REFERENCE_DATE = datetime.date(1850, 1, 1)


def moment(year, month, day) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


@dataclass
class World:
    programme: Programme
    levels: list
    blocks: tuple
    towns: list
    agreements: list
    staff: object


def make_world(*, visibility=StatusVisibility.AGGREGATED) -> World:
    Programme.objects.update(is_current=False)
    programme = ProgrammeFactory(
        slug="toetsprogramma",
        name="Toetsprogramma",
        is_current=True,
        reference_date=REFERENCE_DATE,
        municipality_status_visibility=visibility,
    )
    levels = ladder(programme, names=("niet gestart", "oriëntatie", "implementatie", "in gebruik"))
    a = BuildingBlockFactory(programme=programme, code="AAA", name="Alfa")
    b = BuildingBlockFactory(programme=programme, code="BBB", name="Bravo")
    test, proef = (
        ProvinceFactory(code="PV98", name="Testprovincie"),
        ProvinceFactory(code="PV97", name="Proefprovincie"),
    )
    towns = [
        MunicipalityFactory(
            code=f"GM97{index:02d}", name=f"Toetsdorp {index}", province=province, valid_from=datetime.date(1840, 1, 1)
        )
        for index, province in enumerate((test, test, proef, proef), start=1)
    ]
    staff = StaffFactory()
    none, orientation, implementation, in_use = levels

    def report(town, block, level, day, **kwargs):
        services.status_report(
            actor=staff, municipality=town, building_block=block, level=level, valid_from=day, **kwargs
        )

    d = datetime.date
    report(
        towns[0],
        a,
        orientation,
        d(2021, 1, 10),
        budget_planned=Decimal(1000),
        budget_spent=Decimal(200),
        blockers=["capacity"],
    )
    report(towns[0], a, in_use, d(2022, 3, 1), budget_planned=Decimal(1000), budget_spent=Decimal(900))
    report(towns[0], b, implementation, d(2021, 6, 1))
    report(towns[1], a, implementation, d(2021, 2, 1), budget_planned=Decimal(500), blockers=["supplier_not_ready"])
    report(towns[2], b, none, d(2021, 3, 1))
    agreements = [
        ResultAgreementFactory(
            programme=programme,
            number=1,
            title="Alfa ingevoerd",
            deadline=d(2099, 1, 1),
            required_level=implementation,
            building_blocks=[a],
        ),
        ResultAgreementFactory(
            programme=programme,
            number=2,
            title="Basis op orde",
            deadline=d(2021, 12, 31),
            required_level=implementation,
            building_blocks=[a, b],
        ),
        ResultAgreementFactory(
            programme=programme, number=3, title="Nog te koppelen", deadline=d(2099, 1, 1), required_level=none
        ),
    ]
    ProgrammeBudget.objects.create(
        programme=programme,
        code="budget",
        kind=BudgetKind.CONTRIBUTION,
        amount=Decimal("2640000"),
        description="Betaald door de deelnemers",
        description_en="Paid by the participants",
        source_url="https://example.org/budget",
    )
    theme = ThemeFactory(name="Thema A", slug="thema-a")
    other_block = BuildingBlockFactory(code="ZZZ")  # of another programme
    for asked, answered, closed, question_theme, blocks in (
        (moment(2021, 1, 1), None, moment(2021, 2, 1), None, [a]),
        (moment(2022, 1, 1), moment(2022, 2, 1), None, None, [a]),
        (moment(2022, 5, 1), None, None, theme, [a]),
        (moment(2022, 7, 15), None, None, None, [a]),
        (moment(2022, 1, 1), None, None, None, [other_block]),
    ):
        status = QuestionStatus.CLOSED if closed else QuestionStatus.ANSWERED if answered else QuestionStatus.NEW
        question = QuestionFactory(
            created_at=asked, answered_at=answered, closed_at=closed, theme=question_theme, status=status
        )
        question.building_blocks.set(blocks)
    voters = [UserFactory() for _ in range(3)]
    for title, created, change, votes_at in (
        (
            "Eerste idee",
            moment(2022, 1, 1),
            (IdeaStatus.PLANNED, moment(2022, 8, 1)),
            [moment(2022, 2, 1), moment(2022, 3, 1), moment(2022, 9, 1)],
        ),
        ("Tweede idee", moment(2022, 2, 1), (IdeaStatus.UNDER_CONSIDERATION, moment(2022, 3, 1)), [moment(2022, 4, 1)]),
        ("Derde idee", moment(2022, 9, 1), None, []),
    ):
        idea = Idea.objects.create(
            programme=programme,
            building_block=a,
            theme="Dienstverlening",
            title=title,
            description="Een idee.",
            added_value="Meerwaarde.",
            proposer=voters[0],
            created_at=created,
            status=change[0] if change else IdeaStatus.RECEIVED,
            vote_count=len(votes_at),
        )
        IdeaStatusChange.objects.create(idea=idea, to_status=IdeaStatus.RECEIVED, changed_at=created)
        if change:
            IdeaStatusChange.objects.create(
                idea=idea, from_status=IdeaStatus.RECEIVED, to_status=change[0], changed_at=change[1]
            )
        for voter, cast in zip(voters, votes_at, strict=False):
            Vote.objects.create(idea=idea, mode=VoteMode.USER, user=voter, created_at=cast)
    return World(programme=programme, levels=levels, blocks=(a, b), towns=towns, agreements=agreements, staff=staff)


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def public_world(db) -> World:
    return make_world(visibility=StatusVisibility.PUBLIC)


@pytest.fixture
def coordinator(world):
    return ApprovedMembershipFactory(municipality=world.towns[0]).user
