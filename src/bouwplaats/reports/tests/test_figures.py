# SPDX-License-Identifier: EUPL-1.2
"""The figures of a report, computed on the small world of conftest.py, on a date and as of another."""

import datetime

import pytest
from django.utils import timezone

from bouwplaats.monitor import services
from bouwplaats.monitor.dashboards import selectors as overview_selectors
from bouwplaats.reports import selectors
from bouwplaats.reports.sections import ALV, BESTUUR, GATEWAY_REVIEW, TEMPLATES

from .conftest import DATE

pytestmark = pytest.mark.django_db


def compute(world, *, on=DATE, template=GATEWAY_REVIEW, details_visible=True, today=None):
    return selectors.report(
        programme=world.programme,
        template=TEMPLATES[template],
        on=on,
        details_visible=details_visible,
        today=today,
    )


def table(report, key: str, index: int = 0):
    return report.section(key).tables[index]


def rows_by_first(sheet) -> dict:
    return {row[0]: list(row[1:]) for row in sheet.rows}


def test_sections_per_template(world):
    keys = {code: [section.key for section in compute(world, template=code).sections] for code in TEMPLATES}
    assert keys[BESTUUR] == ["summary", "agreements", "progress", "risk", "budget"]
    assert keys[ALV] == [
        "summary",
        "agreements",
        "progress",
        "risk",
        "blockers",
        "unreached",
        "suppliers",
        "budget",
        "knowledge",
        "cocreation",
    ]
    # The Gateway review report: the ALV's sections with the latest review right after the summary.
    assert keys[GATEWAY_REVIEW] == ["summary", "gateway-reviews", *keys[ALV][1:]]


def test_result_agreements_on_the_date_and_at_a_passed_deadline(world):
    report = compute(world)
    national = table(report, "agreements")
    by_title = {row[0]: row for row in national.rows}
    # 1: not yet due, measured on the date: T1 (in gebruik) and T2 (implementatie) use AAA.
    first = by_title["1. Alfa ingevoerd"]
    assert first[1:] == ["AAA", "implementatie", datetime.date(2099, 1, 1), DATE, 2, 4, 50.0]
    # 2: its deadline (31 December 2021) passed: measured at the end of December 2021, when T1's AAA
    # was at oriëntatie and T2 had no BBB: nobody.
    second = by_title["2. Basis op orde"]
    assert second[1:] == [
        "AAA, BBB",
        "implementatie",
        datetime.date(2021, 12, 31),
        datetime.date(2021, 12, 31),
        0,
        4,
        0.0,
    ]
    # 3: no building blocks, nothing measured.
    assert by_title["3. Nog te koppelen"][4:] == [None, None, 4, None]
    # Per municipality: T1 and T2 meet one of the two measured agreements.
    assert table(report, "agreements", 1).rows == [["2 of 2", 0, 0.0], ["1 of 2", 2, 50.0], ["0 of 2", 2, 50.0]]
    per_province = rows_by_first(table(report, "agreements", 2))
    assert per_province == {"Proefprovincie": [2, 0, 0.0, 0.0, 0.0], "Testprovincie": [2, 0, 0.0, 100.0, 0.0]}
    per_town = {row[0]: row[3:] for row in table(report, "agreements", 3).rows}
    assert per_town == {
        "Toetsdorp 1": [1, 2, 50.0],
        "Toetsdorp 2": [1, 2, 50.0],
        "Toetsdorp 3": [0, 2, 0.0],
        "Toetsdorp 4": [0, 2, 0.0],
    }


def test_progress_and_its_trend(world):
    report = compute(world)
    assert report.compared_dates == [datetime.date(2022, 3, 30), datetime.date(2021, 6, 30)]
    trend = rows_by_first(table(report, "progress"))
    # AAA at the highest level: T1 since 1 March 2022; a year earlier nobody.
    assert trend == {"Alfa": [25.0, 25.0, 0.0, 25.0], "Bravo": [0.0, 0.0, 0.0, 0.0]}
    distribution = rows_by_first(table(report, "progress", 1))
    # A municipality without a report counts at the lowest level.
    assert distribution == {"Alfa": ["AAA", 2, 0, 1, 1, 4], "Bravo": ["BBB", 3, 0, 1, 0, 4]}


def test_deadline_risk_counts_each_municipality_once(world):
    report = compute(world)
    summary = rows_by_first(table(report, "risk"))
    # T2 lacks BBB, T3 and T4 lack both, past agreement 2's deadline: missed. T1 is on track.
    assert summary["deadline missed"] == [3, 75.0]
    assert summary["high"] == summary["medium"] == summary["low"] == [0, 0.0]
    assert summary["on track or reached"] == [1, 25.0]
    per_block = rows_by_first(table(report, "risk", 1))
    assert per_block == {"Alfa": [2, 0, 0, 0, 2], "Bravo": [3, 0, 0, 0, 3]}


def test_blockers_as_reported_in_the_state_on_the_date(world):
    categories = rows_by_first(table(compute(world), "blockers"))
    # T1's capacity blocker ended with its report of 1 March 2022; T2's supplier still holds it back.
    assert categories["supplier not ready"] == [1, 1, 25.0]
    assert categories["capacity"] == [0, 0, 0.0]
    earlier = rows_by_first(table(compute(world, on=datetime.date(2021, 6, 30)), "blockers"))
    assert earlier["capacity"] == [1, 1, 25.0]
    by_block = rows_by_first(table(compute(world), "blockers", 1))
    assert by_block["Alfa"][:3] == [2, 1, 1]  # reported, with a blocker, supplier not ready


def test_municipalities_not_reached_yet(world):
    report = compute(world)
    per_province = rows_by_first(table(report, "unreached"))
    assert per_province == {
        "Proefprovincie": [2, 1, 1, 2, 100.0],
        "Testprovincie": [2, 0, 0, 0, 0.0],
        "All provinces": [4, 1, 1, 2, 50.0],
    }
    assert table(report, "unreached", 1).rows == [
        ["Toetsdorp 3", "GM9703", "Proefprovincie", "only the lowest level"],
        ["Toetsdorp 4", "GM9704", "Proefprovincie", "no report on any building block"],
    ]


def test_budgets_planned_and_spent_next_to_the_programme_budget(world):
    report = compute(world)
    assert table(report, "budget").rows == [
        ["Programme budget", "Paid by the participants", 2640000, "https://example.org/budget"]
    ]
    reported = rows_by_first(table(report, "budget", 1))
    assert reported == {
        "Alfa": [2, 1500, 900, 60.0],
        "Bravo": [0, 0, 0, None],
        "All building blocks": [2, 1500, 900, 60.0],
    }
    # Earlier, T1 had spent 200 of its 1000.
    earlier = rows_by_first(table(compute(world, on=datetime.date(2021, 6, 30)), "budget", 1))
    assert earlier["All building blocks"] == [2, 1500, 200, 13.3]
    money = rows_by_first(table(report, "summary", 1))
    assert money == {
        "Programme budget": [2640000],
        "Planned by the municipalities (reported)": [1500],
        "Spent by the municipalities (reported)": [900],
    }


def test_questions_and_ideas_as_of_the_date(world):
    report = compute(world)
    assert table(report, "knowledge").rows == [["Asked", 3], ["Answered", 1], ["Open", 1]]
    assert table(report, "knowledge", 1).rows == [["Alfa", 1, 3]]
    assert table(report, "knowledge", 2).rows == [["Thema A", 1]]
    statuses = rows_by_first(table(report, "cocreation"))
    assert statuses["Received"] == [1]
    assert statuses["Under consideration"] == [1]
    assert statuses["Planned"] == [0]
    assert statuses["All ideas"] == [2]
    assert table(report, "cocreation", 1).rows == [
        ["Eerste idee", "Alfa", "received", 2],
        ["Tweede idee", "Alfa", "under consideration", 1],
    ]


def test_headline_figures(world):
    headline = rows_by_first(table(compute(world), "summary"))
    assert headline["Municipalities in the programme"] == [4, None, None]
    assert headline["Result agreements entered"] == [3, 3, 100.0]
    assert headline["Municipalities meeting every measured result agreement"] == [0, 4, 0.0]
    assert headline["Municipality × building block pairs at the highest level"] == [1, 8, 12.5]
    assert headline["The same on 30 June 2021"] == [0, 8, 0.0]
    assert headline["Municipalities with a deadline at risk or missed"] == [3, 4, 75.0]
    assert headline["Municipalities not reached yet"] == [2, 4, 50.0]
    assert headline["Open questions in the knowledge centre"] == [1, None, None]
    assert headline["Ideas under consideration or planned"] == [1, 2, None]


def test_the_date_is_respected(world):
    """Reports written after the date change nothing in it; a report on today shows them."""
    a, _b = world.blocks
    services.status_report(
        actor=world.staff,
        municipality=world.towns[3],
        building_block=a,
        level=world.levels[3],
        valid_from=DATE + datetime.timedelta(days=1),
    )
    before = compute(world)
    assert rows_by_first(table(before, "progress", 1))["Alfa"] == ["AAA", 2, 0, 1, 1, 4]
    today = timezone.localdate()
    now = compute(world, on=today)
    assert rows_by_first(table(now, "progress", 1))["Alfa"] == ["AAA", 1, 0, 1, 2, 4]


def test_today_agrees_with_the_progress_overview(world):
    """On today the report counts as the monitor's overview does (its ``CurrentStatus`` path)."""
    today = timezone.localdate()
    report = compute(world, on=today)
    overview = overview_selectors.programme_overview(programme=world.programme, today=today)
    assert [row[5] for row in table(report, "agreements").rows] == [status.met for status in overview.agreements]
    distribution = {row[0]: row[2:-1] for row in table(report, "progress", 1).rows}
    assert distribution == {row.building_block.name: row.counts for row in overview.distributions}


def test_brief_report_has_headline_tables_only(world):
    report = compute(world, template=BESTUUR)
    assert len(report.section("agreements").tables) == 2  # national and by number met
    assert len(report.section("progress").tables) == 1  # the trend
    assert len(report.section("risk").tables) == 1
    assert rows_by_first(table(report, "budget", 1)) == {"All building blocks": [2, 1500, 900, 60.0]}


def test_tables_naming_municipalities_only_with_details(world):
    report = compute(world, details_visible=False)
    assert len(report.section("agreements").tables) == 3  # no table per municipality
    assert len(report.section("unreached").tables) == 1  # no list of names
    assert not report.details_visible


def test_months_earlier_keeps_the_day_or_the_last_day_of_the_month():
    assert selectors.months_earlier(datetime.date(2014, 5, 31), 3) == datetime.date(2014, 2, 28)
    assert selectors.months_earlier(datetime.date(2014, 3, 15), 12) == datetime.date(2013, 3, 15)
    assert selectors.months_earlier(datetime.date(2014, 1, 31), 1) == datetime.date(2013, 12, 31)


def test_default_date_is_today_or_the_last_day_of_an_ended_programme(world):
    today = datetime.date(2026, 1, 1)
    assert selectors.default_date(world.programme, today) == datetime.date(2022, 12, 31)
    world.programme.end_date = None
    assert selectors.default_date(world.programme, today) == today


def test_the_report_keeps_a_constant_number_of_queries(world, django_assert_num_queries):
    with django_assert_num_queries(QUERIES):
        compute(world)
    # More towns, blocks and reports: the same number.
    a, b = world.blocks
    for index in range(5):
        town = world.towns[0].__class__.objects.create(
            code=f"GM96{index:02d}",
            name=f"Extra {index}",
            province=world.towns[0].province,
            valid_from=datetime.date(1840, 1, 1),
        )
        services.status_report(
            actor=world.staff,
            municipality=town,
            building_block=b,
            level=world.levels[2],
            valid_from=datetime.date(2021, 1, 1),
        )
    with django_assert_num_queries(QUERIES):
        compute(world)


# The Gateway review report: the ALV's 23 (20, and the suppliers' section: the blocks, the readiness and the
# overdue commitments), and the Gateway reviews (one query while there are none; four with the latest review's
# ratings, recommendations and the result agreements, see reviews/test_report_section.py), and two of the
# deadline risk's supplier reasons (who waits on whom: the linked applications and their readiness).
QUERIES = 26
