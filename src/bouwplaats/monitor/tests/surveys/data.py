# SPDX-License-Identifier: EUPL-1.2
"""A small programme of its own for the survey tests: five towns in two provinces, nobody else.

The programme runs on the division of 1 January 1800, before the first period of any real
municipality, so its division holds the five towns made here and nothing of the reference data.
"""

import datetime
from dataclasses import dataclass

from bouwplaats.accounts.models import Membership, MembershipStatus
from bouwplaats.monitor.models import SurveyRound
from bouwplaats.organisations.tests.factories import PopulationFactory, ProvinceFactory

from ..factories import (
    ApprovedMembershipFactory,
    BuildingBlockFactory,
    CoordinatorFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    ladder,
)

REFERENCE_DATE = datetime.date(1800, 1, 1)


@dataclass
class SmallProgramme:
    programme: object
    levels: list
    blocks: list  # X and Y are asked by the round, Z is not
    towns: dict  # key → Municipality
    coordinators: dict  # key → list of users
    survey_round: SurveyRound


def _town(code, name, province, inhabitants):
    town = MunicipalityFactory(code=code, name=name, province=province, valid_from=datetime.date(1790, 1, 1))
    if inhabitants is not None:
        PopulationFactory(municipality=town, year=2014, inhabitants=inhabitants)
    return town


def _coordinator(town, language="nl", email=None):
    extra = {"email": email} if email else {}
    user = CoordinatorFactory(preferred_language=language, **extra)
    ApprovedMembershipFactory(user=user, municipality=town)
    return user


def small_programme(*, today: datetime.date | None = None, staff=None) -> SmallProgramme:
    """Towns N1 (3,000 inhabitants) and N2 (30,000) in Noord-Holland; U1 (4,000), U2 (300,000)
    and U3 (population unknown) in Utrecht. Coordinators: N1 one (nl), N2 two (nl and en), U1 one
    (en), U2 none, U3 only a pending request. One round, open today, about blocks X and Y."""
    today = today or datetime.date.today()
    noord_holland = ProvinceFactory(code="PV27", name="Noord-Holland")
    utrecht = ProvinceFactory(code="PV26", name="Utrecht")
    programme = ProgrammeFactory(reference_date=REFERENCE_DATE, start_date=datetime.date(2020, 1, 1))
    levels = ladder(programme, names=("niet gestart", "oriëntatie", "in gebruik"))
    blocks = [
        BuildingBlockFactory(programme=programme, code=code, name=name)
        for code, name in (("XXX", "Xray"), ("YYY", "Yankee"), ("ZZZ", "Zulu"))
    ]
    towns = {
        "N1": _town("GM9811", "Noordeen", noord_holland, 3_000),
        "N2": _town("GM9812", "Noordtwee", noord_holland, 30_000),
        "U1": _town("GM9821", "Utreen", utrecht, 4_000),
        "U2": _town("GM9822", "Utretwee", utrecht, 300_000),
        "U3": _town("GM9823", "Utredrie", utrecht, None),
    }
    coordinators = {
        "N1": [_coordinator(towns["N1"], "nl", "n1@example.org")],
        "N2": [
            _coordinator(towns["N2"], "nl", "n2-nl@example.org"),
            _coordinator(towns["N2"], "en", "n2-en@example.org"),
        ],
        "U1": [_coordinator(towns["U1"], "en", "u1@example.org")],
        "U2": [],
        "U3": [],
    }
    Membership.objects.create(
        user=CoordinatorFactory(email="u3-pending@example.org"),
        municipality=towns["U3"],
        status=MembershipStatus.PENDING,
    )
    survey_round = SurveyRound.objects.create(
        programme=programme,
        name="Uitvraag voorjaar",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=5),
        created_by=staff,
    )
    survey_round.building_blocks.set(blocks[:2])
    return SmallProgramme(programme, levels, blocks, towns, coordinators, survey_round)


def answer(data: SmallProgramme, key: str, *, actor=None, level_index: int = 1, blocks=None):
    """Answer the round for town ``key`` (as its first coordinator unless ``actor`` is given)."""
    from bouwplaats.monitor.surveys import services

    actor = actor or data.coordinators[key][0]
    return services.survey_round_answer(
        actor=actor,
        survey_round=data.survey_round,
        municipality=data.towns[key],
        changes=[{"building_block": block, "level": data.levels[level_index]} for block in (blocks or data.blocks[:1])],
    )
