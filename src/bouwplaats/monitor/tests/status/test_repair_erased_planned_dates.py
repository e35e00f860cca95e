# SPDX-License-Identifier: EUPL-1.2
"""The repair of the planned dates that the status form erased while browsers showed its dates empty."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from bouwplaats.audit.models import AuditEntry
from bouwplaats.monitor import selectors, services
from bouwplaats.monitor.models import CurrentStatus, MonthlyStatus, StatusEvent

pytestmark = pytest.mark.django_db

PLANNED = {
    "AAA": datetime.date(2022, 9, 1),
    "BBB": datetime.date(2022, 10, 1),
    "CCC": datetime.date(2022, 11, 15),
}


@pytest.fixture
def planned(coordinator_a, town_a, blocks, levels):
    """Each block at "oriëntatie" with a planned date, reported on 1 March 2022."""
    with freeze_time("2022-03-01 09:00:00"):
        for block in blocks:
            services.status_report(
                actor=coordinator_a,
                municipality=town_a,
                building_block=block,
                level=levels[1],
                planned_date=PLANNED[block.code],
                budget_planned=1000,
                blocker_note="Regel een\nregel twee",
            )
    return blocks


def save_form(actor, town, moment, items):
    """One save of the status form at ``moment``: ``items`` are (block, level, planned date)."""
    changes = [
        {
            "building_block": block,
            "level": level,
            "planned_date": planned_date,
            "budget_planned": 1000,
            "blocker_note": "Regel een\nregel twee",
            "expected_version": CurrentStatus.objects.get(municipality=town, building_block=block).version,
        }
        for block, level, planned_date in items
    ]
    with freeze_time(moment):
        return services.status_report_many(actor=actor, municipality=town, changes=changes)


def run(*args) -> str:
    out = StringIO()
    call_command("repair_erased_planned_dates", *args, stdout=out)
    return out.getvalue()


def test_a_save_that_erased_the_other_blocks_dates_is_found_and_repaired(
    planned, coordinator_a, town_a, levels, django_assert_max_num_queries
):
    a, b, c = planned
    # The user changed Alfa's level; the form sent every block with an empty planned date.
    erasing = save_form(
        coordinator_a, town_a, "2022-05-02 14:00:00", [(a, levels[2], None), (b, levels[1], None), (c, levels[1], None)]
    ).events
    assert len(erasing) == 3

    with django_assert_max_num_queries(3):
        findings = selectors.erased_planned_dates()
    assert [(f.event.building_block.code, f.lost_date, f.is_current) for f in findings] == [
        ("BBB", PLANNED["BBB"], True),
        ("CCC", PLANNED["CCC"], True),
    ]

    listed = run()
    assert f"GM9901 Aadorp | BBB | {coordinator_a.email} | 2022-05-02" in listed
    assert "lost planned date 2022-10-01" in listed and "lost planned date 2022-11-15" in listed
    assert "AAA" not in listed  # its level changed: a real change, not touched
    assert "2 to restore" in listed and "--apply" in listed
    assert StatusEvent.objects.count() == 6  # listing writes nothing

    assert "2 planned date(s) restored" in run("--apply")
    for block in (b, c):
        current = CurrentStatus.objects.select_related("last_event").get(municipality=town_a, building_block=block)
        correction = current.last_event
        assert correction.source == "correction" and correction.author is None
        assert correction.corrects.building_block == block and correction.corrects.planned_date is None
        assert correction.planned_date == current.planned_date == PLANNED[block.code]
        assert correction.valid_from == datetime.date(2022, 5, 2)  # the date of the save it repairs
        assert (correction.level, correction.budget_planned, correction.blocker_note) == (
            levels[1],
            1000,
            "Regel een\nregel twee",
        )
        assert current.version == 3
    alfa = CurrentStatus.objects.get(municipality=town_a, building_block=a)
    assert (alfa.level, alfa.planned_date, alfa.version) == (levels[2], None, 2)
    entry = AuditEntry.objects.get(action="status.restore_planned_dates")
    assert entry.actor is None and [item["building_block"] for item in entry.changes["corrections"]] == ["BBB", "CCC"]
    assert MonthlyStatus.objects.filter(municipality=town_a, building_block=b).exists()

    # Running it again finds nothing and writes nothing.
    assert selectors.erased_planned_dates() == []
    assert "No erased planned dates found." in run("--apply")
    assert StatusEvent.objects.count() == 8


def test_the_history_shows_the_correction(client, planned, coordinator_a, town_a, levels):
    a, b, c = planned
    save_form(coordinator_a, town_a, "2022-05-02 14:00:00", [(a, levels[2], None), (b, levels[1], None)])
    run("--apply")
    client.force_login(coordinator_a)
    page = client.get(reverse("monitor:block-history", args=["GM9901", "BBB"])).content.decode()
    row = page[page.index("Corrects the report of") - 400 : page.index("Corrects the report of") + 60]
    assert "correction" in row and "Corrects the report of 2 May 2022 16:00" in row, row  # 14:00 UTC


NEAR_MISSES = {
    # One block saved on its own, its planned date cleared on purpose.
    "single block": [("2022-05-02 14:00:00", "coordinator", [("BBB", 1)])],
    # Two blocks cleared in saves more than a second apart.
    "saves apart": [
        ("2022-05-02 14:00:00", "coordinator", [("BBB", 1)]),
        ("2022-05-02 14:00:01.500", "coordinator", [("CCC", 1)]),
    ],
    # A level change together with the cleared date, in a save of several blocks.
    "level changed too": [("2022-05-02 14:00:00", "coordinator", [("AAA", 2), ("BBB", 2), ("CCC", 3)])],
    # Two people, each saving one block in the same second.
    "other user": [
        ("2022-05-02 14:00:00", "coordinator", [("BBB", 1)]),
        ("2022-05-02 14:00:00.300", "other", [("CCC", 1)]),
    ],
}


@pytest.mark.parametrize("saves", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_near_misses_are_left_alone(saves, planned, coordinator_a, other_coordinator_a, town_a, levels):
    by_code = {block.code: block for block in planned}
    actors = {"coordinator": coordinator_a, "other": other_coordinator_a}
    for moment, who, items in saves:
        save_form(actors[who], town_a, moment, [(by_code[code], levels[level], None) for code, level in items])
    before = StatusEvent.objects.count()
    assert selectors.erased_planned_dates() == []
    assert "No erased planned dates found." in run("--apply")
    assert StatusEvent.objects.count() == before
    assert not CurrentStatus.objects.filter(planned_date__isnull=False, last_event__source="correction").exists()


def test_a_pair_reported_for_since_is_listed_but_left_to_a_person(planned, coordinator_a, town_a, levels):
    a, b, c = planned
    save_form(coordinator_a, town_a, "2022-05-02 14:00:00", [(a, levels[2], None), (b, levels[1], None)])
    save_form(coordinator_a, town_a, "2022-05-03 10:00:00", [(b, levels[2], None)])
    listed = run("--apply")
    assert "BBB" in listed and "left to check by hand" in listed
    assert "0 planned date(s) restored" in listed
    assert not StatusEvent.objects.filter(source="correction").exists()
    assert CurrentStatus.objects.get(municipality=town_a, building_block=b).level == levels[2]


def test_only_the_system_or_programme_staff_restore(planned, coordinator_a, staff, town_a, levels):
    a, b, c = planned
    save_form(coordinator_a, town_a, "2022-05-02 14:00:00", [(a, levels[2], None), (b, levels[1], None)])
    findings = selectors.erased_planned_dates()
    with pytest.raises(PermissionDenied):
        services.erased_planned_dates_restore(actor=coordinator_a, findings=findings)
    assert not StatusEvent.objects.filter(source="correction").exists()
    [correction] = services.erased_planned_dates_restore(actor=staff, findings=findings)
    assert correction.planned_date == PLANNED["BBB"] and correction.author == staff


def test_the_demo_data_holds_none(programme, levels, blocks, town_a, town_b):
    call_command("load_demo_progress", "--force", "--seed", "7", verbosity=0)
    assert StatusEvent.objects.filter(is_demo=True).count() > 0
    assert selectors.erased_planned_dates() == []
    assert "No erased planned dates found." in run()
