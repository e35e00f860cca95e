# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.utils import timezone

from bouwplaats.catalogue.tests.factories import (
    BuildingBlockFactory,
    CoordinatorFactory,
    ProgrammeFactory,
    StaffFactory,
    UserFactory,
)
from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)
from bouwplaats.monitor.tests.factories import ApprovedMembershipFactory
from bouwplaats.organisations.tests.factories import MunicipalityFactory, PopulationFactory, ProvinceFactory

from .. import services
from ..models import Option


@pytest.fixture
def programme(db):
    """The current programme, on the division of 1 January 2022."""
    from bouwplaats.catalogue.models import Programme

    Programme.objects.update(is_current=False)
    return ProgrammeFactory(is_current=True, reference_date=datetime.date(2022, 1, 1))


@pytest.fixture
def block(programme):
    return BuildingBlockFactory(programme=programme, code="ALFA", name="Alfa")


@pytest.fixture
def other_block(programme):
    return BuildingBlockFactory(programme=programme, code="BRAVO", name="Bravo")


@pytest.fixture
def town_a(db):
    town = MunicipalityFactory(code="GM9901", name="Aadorp", province=ProvinceFactory(code="PV99", name="Testland"))
    PopulationFactory(municipality=town, year=2022, inhabitants=30_000)
    return town


@pytest.fixture
def town_b(db):
    town = MunicipalityFactory(code="GM9902", name="Beedorp", province=ProvinceFactory(code="PV99", name="Testland"))
    PopulationFactory(municipality=town, year=2022, inhabitants=10_000)
    return town


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def coordinator_a(town_a):
    return ApprovedMembershipFactory(municipality=town_a, user=CoordinatorFactory()).user


@pytest.fixture
def colleague_a(town_a):
    return ApprovedMembershipFactory(municipality=town_a, user=CoordinatorFactory()).user


@pytest.fixture
def coordinator_b(town_b):
    return ApprovedMembershipFactory(municipality=town_b, user=CoordinatorFactory()).user


@pytest.fixture
def idea(programme, block, member):
    return services.idea_propose(
        actor=member,
        programme=programme,
        building_block=block,
        theme="Berichtenbox",
        title="Herinnering per sms",
        description="Stuur een herinnering als een bericht ongelezen blijft.",
        added_value="Minder gemiste berichten.",
    )


@pytest.fixture
def per_municipality(programme, staff):
    return services.settings_update(actor=staff, programme=programme, vote_mode="municipality")


def make_consultation(
    programme,
    staff,
    *,
    opens_in=datetime.timedelta(hours=1),
    duration=datetime.timedelta(days=7),
    weighting="none",
    options=("Ja", "Nee", "Onthouding"),
):
    """A consultation created an hour before ``now + opens_in`` (so it may start in the past)."""
    now = timezone.now()
    opens_at = now + opens_in
    created_now = min(now, opens_at - datetime.timedelta(hours=1))
    return services.consultation_create(
        actor=staff,
        programme=programme,
        title="Gezamenlijke aanbesteding",
        question="Stemt u in met een gezamenlijke aanbesteding?",
        description="Toelichting.",
        opens_at=opens_at,
        closes_at=opens_at + duration,
        weighting=weighting,
        options=list(options),
        now=created_now,
    )


@pytest.fixture
def open_consultation(programme, staff):
    return make_consultation(programme, staff, opens_in=-datetime.timedelta(hours=1))


@pytest.fixture
def upcoming_consultation(programme, staff):
    return make_consultation(programme, staff, opens_in=datetime.timedelta(days=1))


def option(consultation, label) -> Option:
    return consultation.options.get(label=label)
