import datetime

import pytest

from bouwplaats.monitor import services
from bouwplaats.monitor.tests.conftest import (  # noqa: F401 (fixtures)
    blocks,
    coordinator_a,
    levels,
    member,
    programme,
    staff,
    town_a,
    town_b,
)
from bouwplaats.monitor.tests.factories import ApprovedMembershipFactory
from bouwplaats.ui.testing import api_client, client, english_tests  # noqa: F401 (fixtures)


def report(staff, municipality, block, level, on, **kwargs):
    return services.status_report(
        actor=staff, municipality=municipality, building_block=block, level=level, valid_from=on, **kwargs
    )


@pytest.fixture
def coordinator_b(town_b):
    return ApprovedMembershipFactory(municipality=town_b).user


@pytest.fixture
def progress(staff, town_a, town_b, blocks, levels):
    """Aadorp: A stuck at "oriëntatie" since March 2020 with two blockers; B planned after the
    deadline (1 January 2023). Beedorp: A stuck at "oriëntatie" with another blocker."""
    a, b, _c = blocks
    d = datetime.date
    report(staff, town_a, a, levels[1], d(2020, 3, 1), blockers=["capacity", "budget"])
    report(staff, town_a, b, levels[0], d(2021, 6, 1))
    report(staff, town_a, b, levels[2], d(2022, 5, 1), planned_date=d(2023, 6, 1))
    report(staff, town_b, a, levels[1], d(2020, 3, 1), blockers=["supplier_not_ready"])
    return blocks
