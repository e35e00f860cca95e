# SPDX-License-Identifier: EUPL-1.2
"""A successor takes over each municipality's current status from its predecessor; both stay visible."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue import services as catalogue_services
from bouwplaats.catalogue.models import BuildingBlock, Programme, StatusVisibility
from bouwplaats.core.testing import warmed_query_count
from bouwplaats.monitor import services
from bouwplaats.monitor.constants import Source
from bouwplaats.monitor.models import CurrentStatus, MonthlyStatus, StatusEvent

from ..factories import MunicipalityFactory
from ..imports.files import snapshot

pytestmark = pytest.mark.django_db

START = datetime.date(2023, 1, 1)
EVERYTHING = ["status_levels", "building_blocks", "statuses"]


@pytest.fixture
def history(staff, programme, levels, blocks, town_a, town_b):
    """Aadorp reported A twice (the latest with plans and evidence) and B; Beedorp reported C. Eendorp,
    which ends in 2022, reported A: it is not part of a division of 2023."""
    a, b, c = blocks
    gone = MunicipalityFactory(code="GM9905", name="Eendorp", valid_to=datetime.date(2022, 6, 1))
    report = services.status_report
    report(actor=staff, municipality=town_a, building_block=a, level=levels[1], valid_from=datetime.date(2021, 1, 1))
    latest = report(
        actor=staff,
        municipality=town_a,
        building_block=a,
        level=levels[2],
        valid_from=datetime.date(2022, 3, 1),
        planned_date=datetime.date(2023, 6, 1),
        budget_planned=Decimal("1500.00"),
        evidence_url="https://example.org/bewijs",
        blockers=["capacity"],
        blocker_note="Te weinig mensen",
    )
    report(actor=staff, municipality=town_a, building_block=b, level=levels[3], valid_from=datetime.date(2022, 4, 1))
    report(actor=staff, municipality=town_b, building_block=c, level=levels[0], valid_from=datetime.date(2022, 5, 1))
    report(actor=staff, municipality=gone, building_block=a, level=levels[3], valid_from=datetime.date(2022, 1, 1))
    catalogue_services.programme_close(actor=staff, programme=programme, closed_on=START)
    programme.refresh_from_db()
    return {"latest": latest, "gone": gone}


def start(staff, programme, parts=EVERYTHING, **overrides):
    values = {
        "slug": "vervolg",
        "name": "Vervolg",
        "start_date": START,
        "end_date": datetime.date(2025, 1, 1),
        "reference_date": START,
        "municipality_status_visibility": StatusVisibility.AGGREGATED,
    }
    return catalogue_services.successor_start(
        actor=staff, predecessor=programme, parts=parts, make_current=True, **{**values, **overrides}
    )


def test_each_municipality_starts_from_its_status_in_the_predecessor(staff, programme, history, town_a, town_b):
    before = snapshot()
    successor = start(staff, programme)
    blocks = {block.code: block for block in BuildingBlock.objects.filter(programme=successor)}
    taken = StatusEvent.objects.filter(building_block__programme=successor)
    assert sorted((e.municipality.code, e.building_block.code, e.level.code) for e in taken) == [
        ("GM9901", "AAA", "stap-2"),
        ("GM9901", "BBB", "stap-3"),
        ("GM9902", "CCC", "stap-0"),
    ]
    event = taken.get(municipality=town_a, building_block=blocks["AAA"])
    assert (event.source, event.valid_from, event.author, event.level.programme) == (
        Source.PREDECESSOR,
        START,
        staff,
        successor,
    )
    assert (event.planned_date, event.budget_planned, event.evidence_url, event.blocker_codes, event.blocker_note) == (
        datetime.date(2023, 6, 1),
        Decimal("1500.00"),
        "https://example.org/bewijs",
        ["capacity"],
        "Te weinig mensen",
    )
    # The note is written in the site's language, Dutch, and names the predecessor.
    assert event.note == f"Overgenomen uit {programme.name}."
    assert list(event.derived_from.all()) == [history["latest"]]
    current = CurrentStatus.objects.get(municipality=town_a, building_block=blocks["AAA"])
    assert (current.version, current.last_event, current.level) == (1, event, event.level)
    assert (
        MonthlyStatus.objects.get(municipality=town_a, building_block=blocks["AAA"], month=START).level == event.level
    )
    # Eendorp is not part of the successor's division; the predecessor's rows are as they were.
    assert not taken.filter(municipality=history["gone"]).exists()
    events, currents, monthly = snapshot()
    assert [row for row in events if row[0] in {pk for pk, *_ in before[0]}] == before[0]
    assert [row for row in currents if row[0] in {pk for pk, *_ in before[1]}] == before[1]
    assert [row for row in monthly if row[0] in {pk for pk, *_ in before[2]}] == before[2]
    entry = AuditEntry.objects.get(action="catalogue.programme.successor_start")
    assert entry.changes["copied"][1]["statuses"] == 3


def test_without_statuses_the_successor_starts_with_none(staff, programme, history):
    successor = start(staff, programme, parts=["status_levels", "building_blocks"])
    assert BuildingBlock.objects.filter(programme=successor).count() == 3
    assert not StatusEvent.objects.filter(building_block__programme=successor).exists()
    assert not CurrentStatus.objects.filter(building_block__programme=successor).exists()


def test_statuses_need_the_blocks_and_the_ladder(staff, programme, history):
    before = snapshot()
    with pytest.raises(ValidationError) as raised:
        start(staff, programme, parts=["statuses", "status_levels"])
    assert raised.value.message_dict["parts"] == [
        "“Current status per municipality” builds on “Building blocks”: choose that too."
    ]
    assert snapshot() == before
    assert not Programme.objects.filter(slug="vervolg").exists()


def test_demo_statuses_stay_demo_data(staff, programme, levels, blocks, town_a, history):
    StatusEvent.objects.filter(building_block=blocks[1]).update(is_demo=True, source=Source.DEMO)
    CurrentStatus.objects.filter(building_block=blocks[1]).update(is_demo=True)
    successor = start(staff, programme)
    copy = StatusEvent.objects.get(building_block__programme=successor, building_block__code="BBB")
    assert copy.is_demo
    assert not StatusEvent.objects.get(building_block__programme=successor, building_block__code="AAA").is_demo


def test_a_status_report_in_the_successor_follows_the_taken_over_one(staff, programme, history, town_a):
    successor = start(staff, programme)
    block = BuildingBlock.objects.get(programme=successor, code="AAA")
    level = successor.status_levels.get(code="stap-3")
    services.status_report(actor=staff, municipality=town_a, building_block=block, level=level, expected_version=1)
    assert CurrentStatus.objects.get(municipality=town_a, building_block=block).version == 2


# --- both programmes shown -----------------------------------------------------------------------


def test_the_progress_page_links_the_predecessor_and_says_what_was_taken_over(
    client, staff, programme, history, town_a
):
    successor = start(staff, programme)
    client.force_login(staff)
    html = client.get(reverse("monitor:municipality-progress", args=[town_a.code])).content.decode()
    assert f"The status per building block in {successor.name}." in html
    assert "Taken over from the predecessor" in html
    earlier = reverse("monitor:municipality-progress", args=[town_a.code]) + f"?programma={programme.slug}"
    assert f'<a href="{earlier}">{programme.name}</a>' in html
    old = client.get(earlier).content.decode()
    assert f"The status per building block in {programme.name}." in old
    assert "was closed on 1 January 2023" in old
    assert reverse("monitor:municipality-update", args=[town_a.code]) not in old
    later = reverse("monitor:municipality-progress", args=[town_a.code]) + f"?programma={successor.slug}"
    assert f'<a href="{later}">{successor.name}</a>' in old


def test_the_municipality_page_links_its_progress_in_both_programmes(client, staff, programme, history, town_a):
    successor = start(staff, programme)
    client.force_login(staff)
    html = client.get(reverse("organisations:municipality-detail", args=[town_a.code])).content.decode()
    progress = reverse("monitor:municipality-progress", args=[town_a.code])
    assert f'<a href="{progress}">Progress per building block</a>' in html
    assert (
        f'<a href="{progress}?programma={programme.slug}">Progress per building block in {programme.name}</a>' in html
    )
    assert successor.name not in html.split("Progress per building block in")[-1].split("</a>")[0]


def test_visitors_are_shown_only_the_programmes_whose_details_they_may_see(staff, programme, history, town_a):
    start(staff, programme)
    anonymous = Client()
    url = reverse("organisations:municipality-detail", args=[town_a.code])
    assert f"?programma={programme.slug}" not in anonymous.get(url).content.decode()
    Programme.objects.filter(pk=programme.pk).update(municipality_status_visibility=StatusVisibility.PUBLIC)
    assert f"?programma={programme.slug}" in anonymous.get(url).content.decode()
    assert (
        anonymous.get(
            reverse("monitor:municipality-progress", args=[town_a.code]) + f"?programma={programme.slug}"
        ).status_code
        == 200
    )


def test_the_progress_page_reads_the_line_in_a_fixed_number_of_queries(client, staff, programme, history, town_a):
    successor = start(staff, programme)
    client.force_login(staff)
    url = reverse("monitor:municipality-progress", args=[town_a.code])
    two = warmed_query_count(client, url)
    catalogue_services.successor_start(
        actor=staff,
        predecessor=successor,
        parts=[],
        slug="derde",
        name="Derde",
        start_date=datetime.date(2025, 1, 1),
        reference_date=START,
    )
    assert warmed_query_count(client, url) == two
