# SPDX-License-Identifier: EUPL-1.2
"""The monthly status table: rebuilt with every report, equal to the as-of state at each month end."""

import datetime

import pytest
from django.core.management import call_command

from bouwplaats.audit.models import AuditEntry
from bouwplaats.monitor import services
from bouwplaats.monitor.models import CurrentStatus, MonthlyStatus, StatusEvent
from bouwplaats.monitor.monthly import month_end, programme_months, rebuild_monthly
from bouwplaats.monitor.selectors import events_as_of

from .world import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme, levels, blocks, staff):
    return make_world(programme, levels, blocks, staff)


def monthly_levels(programme) -> dict:
    return {
        (row.municipality_id, row.building_block_id, row.month): row.level_id
        for row in MonthlyStatus.objects.filter(building_block__programme=programme)
    }


def as_of_levels(programme) -> dict:
    """The as-of selector's answer at every month end of the programme (the reference)."""
    expected = {}
    current = CurrentStatus.objects.filter(building_block__programme=programme)
    for month in programme_months(programme):
        for event in events_as_of(current, on=month_end(month)):
            expected[(event.municipality_id, event.building_block_id, month)] = event.level_id
    return expected


def test_programme_months(programme):
    months = programme_months(programme)
    assert months[0] == datetime.date(2020, 1, 1)
    assert months[-1] == datetime.date(2023, 1, 1)
    assert len(months) == 37
    programme.end_date = None
    assert programme_months(programme, today=datetime.date(2024, 3, 15))[-1] == datetime.date(2024, 3, 1)


def test_monthly_rows_match_the_as_of_state_after_reports(world):
    programme = world.programme
    rows = monthly_levels(programme)
    assert rows == as_of_levels(programme)
    t1, t2 = world.towns[0].pk, world.towns[1].pk
    a, b = world.blocks[0].pk, world.blocks[1].pk
    levels = world.levels
    # No row before the first report; the level holds from the month it became valid.
    assert (t1, a, datetime.date(2021, 2, 1)) not in rows
    assert rows[(t1, a, datetime.date(2021, 3, 1))] == levels[3].pk
    assert rows[(t1, a, datetime.date(2023, 1, 1))] == levels[3].pk
    assert (t2, a, datetime.date(2022, 7, 1)) not in rows
    assert rows[(t2, a, datetime.date(2022, 8, 1))] == levels[3].pk
    assert rows[(t2, b, datetime.date(2021, 1, 1))] == levels[3].pk


def test_back_dated_report_rewrites_the_months_it_covers(world):
    programme, staff = world.programme, world.staff
    town, block = world.towns[0], world.blocks[0]
    levels = world.levels
    # Reported later, but valid from before the current state: history changes, the current state does not.
    services.status_report(
        actor=staff, municipality=town, building_block=block, level=levels[1], valid_from=datetime.date(2020, 6, 1)
    )
    rows = monthly_levels(programme)
    assert rows == as_of_levels(programme)
    assert rows[(town.pk, block.pk, datetime.date(2020, 6, 1))] == levels[1].pk
    assert rows[(town.pk, block.pk, datetime.date(2021, 2, 1))] == levels[1].pk
    assert rows[(town.pk, block.pk, datetime.date(2021, 3, 1))] == levels[3].pk
    # A report in the middle of a month counts for that month's end.
    services.status_report(
        actor=staff, municipality=town, building_block=block, level=levels[2], valid_from=datetime.date(2020, 9, 30)
    )
    rows = monthly_levels(programme)
    assert rows[(town.pk, block.pk, datetime.date(2020, 9, 1))] == levels[2].pk
    assert rows == as_of_levels(programme)


def test_report_many_rebuilds_its_pairs_only(world):
    programme, staff = world.programme, world.staff
    town = world.towns[3]
    a, b, c = world.blocks
    before = MonthlyStatus.objects.exclude(municipality=town).count()
    services.status_report_many(
        actor=staff,
        municipality=town,
        changes=[
            {"building_block": a, "level": world.levels[2], "valid_from": datetime.date(2022, 12, 1)},
            {"building_block": c, "level": world.levels[1], "valid_from": datetime.date(2022, 11, 5)},
        ],
    )
    assert MonthlyStatus.objects.exclude(municipality=town).count() == before
    assert set(MonthlyStatus.objects.filter(municipality=town).values_list("building_block_id", "month")) == {
        (a.pk, datetime.date(2022, 12, 1)),
        (a.pk, datetime.date(2023, 1, 1)),
        (c.pk, datetime.date(2022, 11, 1)),
        (c.pk, datetime.date(2022, 12, 1)),
        (c.pk, datetime.date(2023, 1, 1)),
    }
    assert monthly_levels(programme) == as_of_levels(programme)


def test_rebuild_all_gives_the_same_rows_and_the_command_is_audited(world):
    programme = world.programme
    expected = monthly_levels(programme)
    MonthlyStatus.objects.all().delete()
    assert rebuild_monthly(programme=programme, batch_size=3) == len(expected)  # several batches
    assert monthly_levels(programme) == expected
    MonthlyStatus.objects.filter(building_block__programme=programme).update(level=world.levels[0])
    call_command("rebuild_monthly_status", "--programme", programme.slug, verbosity=0)
    assert monthly_levels(programme) == expected
    assert AuditEntry.objects.filter(action="monthly_status.rebuild", actor__isnull=True).exists()


def test_rebuild_is_for_staff_or_the_system(world, coordinator_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.monthly_status_rebuild(actor=coordinator_a, programme=world.programme)
    assert services.monthly_status_rebuild(actor=world.staff, programme=world.programme) == {
        world.programme.slug: MonthlyStatus.objects.filter(building_block__programme=world.programme).count()
    }


def test_demo_load_and_removal_keep_the_monthly_table_in_step(programme, levels, staff):
    from ..factories import BuildingBlockFactory

    block = BuildingBlockFactory(programme=programme, code="DEMO1")
    call_command("load_demo_progress", "--force", "--seed", "3", verbosity=0)
    demo_pairs = set(
        StatusEvent.objects.filter(is_demo=True, building_block=block).values_list("municipality_id", flat=True)
    )
    assert demo_pairs
    monthly = MonthlyStatus.objects.filter(building_block=block)
    assert monthly.filter(is_demo=True).exists()
    assert set(monthly.values_list("municipality_id", flat=True)) == demo_pairs
    assert monthly_levels(programme) == as_of_levels(programme)
    call_command("remove_demo_progress", verbosity=0)
    assert not MonthlyStatus.objects.filter(building_block__programme=programme).exists()
