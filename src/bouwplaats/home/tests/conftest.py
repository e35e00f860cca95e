# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest

from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)
from bouwplaats.monitor import services

# The programme, its ladder, the towns and the people of the monitor's tests.
from bouwplaats.monitor.tests.conftest import (  # noqa: F401 (fixtures)
    coordinator_a,
    levels,
    member,
    programme,
    staff,
    town_a,
    town_b,
)
from bouwplaats.monitor.tests.factories import (
    ApprovedMembershipFactory,
    BuildingBlockFactory,
)


def report(staff, municipality, block, level, on, **kwargs):
    return services.status_report(
        actor=staff, municipality=municipality, building_block=block, level=level, valid_from=on, **kwargs
    )


@pytest.fixture
def blocks(programme, levels):
    """Alfa, Bravo and Charlie, each due on 1 January 2023."""
    return (
        BuildingBlockFactory(programme=programme, code="AAA", name="Alfa"),
        BuildingBlockFactory(programme=programme, code="BBB", name="Bravo"),
        BuildingBlockFactory(programme=programme, code="CCC", name="Charlie"),
    )


@pytest.fixture
def coordinator_b(town_b):
    return ApprovedMembershipFactory(municipality=town_b).user


@pytest.fixture
def progress(staff, town_a, town_b, blocks, levels):
    """Aadorp: Alfa stuck at "oriëntatie" since March 2020 with two blockers; Bravo planned after
    the deadline. Beedorp: Alfa stuck at "oriëntatie" with another blocker."""
    a, b, _c = blocks
    d = datetime.date
    report(staff, town_a, a, levels[1], d(2020, 3, 1), blockers=["capacity", "budget"])
    report(staff, town_a, b, levels[0], d(2021, 6, 1))
    report(staff, town_a, b, levels[2], d(2022, 5, 1), planned_date=d(2023, 6, 1))
    report(staff, town_b, a, levels[1], d(2020, 3, 1), blockers=["supplier_not_ready"])
    return blocks
