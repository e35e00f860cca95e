# SPDX-License-Identifier: EUPL-1.2
"""A reported "supplier not ready" confirmed or questioned by the landscape (``impact.waiting``) with the current
state on the monitor's block history and block page, counted on the blockers overview, and in the statuses API
(``monitor.extensions.BlockerVerdictSource``).

The world of ``test_waiting_filters``; besides, Toetsdorp 1 (runs Centric, late for AAA), Toetsdorp 2 (runs
Pink, ready) and Toetsdorp 4 (nothing linked) report "supplier not ready" for AAA.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bouwplaats.core.testing import warmed_query_count
from bouwplaats.impact.models import Application
from bouwplaats.monitor import services
from bouwplaats.monitor.tests.conftest import blocks, levels, member, programme, staff  # noqa: F401 (fixtures)
from bouwplaats.monitor.tests.dashboards.world import PROVINCE
from bouwplaats.suppliers import services as supplier_services
from bouwplaats.suppliers.models import Readiness, ReadinessState

from .test_waiting_filters import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
CONFIRMED = "Supplier not ready: confirmed"
QUESTIONED = "Supplier not ready: questioned"
BLOCKERS = reverse("monitor:insight-blockers")
STATUSES = reverse("status-list")


def report_not_ready(made, town, **extra) -> None:
    """``town`` of the world ``made`` reports Alfa at the second level, its supplier not ready."""
    services.status_report(
        actor=made.staff,
        municipality=town,
        building_block=made.blocks[0],
        level=made.levels[1],
        **{"blockers": ["supplier_not_ready"], **extra},
    )


@pytest.fixture
def reported(world):  # noqa: F811
    for town in (world.towns[0], world.towns[1], world.towns[3]):
        report_not_ready(world, town, valid_from=datetime.date(2022, 9, 1), blockers=["supplier_not_ready", "capacity"])
    return world


def history_url(town, code="AAA") -> str:
    return reverse("monitor:block-history", args=[town.code, code])


def history(client, town, code="AAA"):
    return client.get(history_url(town, code)).content.decode()


def test_the_block_history_shows_the_verdict_on_the_current_blocker(reported, client):
    client.force_login(reported.staff)
    first, second, third, fourth = reported.towns
    assert CONFIRMED in history(client, first) and QUESTIONED not in history(client, first)
    assert QUESTIONED in history(client, second) and CONFIRMED not in history(client, second)
    assert CONFIRMED not in history(client, fourth) and QUESTIONED not in history(client, fourth)  # nothing linked
    assert CONFIRMED not in history(client, third)  # Toetsdorp 3 runs Centric but reports no such blocker
    # The blocker is cleared: the verdict goes with it.
    services.status_report(
        actor=reported.staff, municipality=first, building_block=reported.blocks[0], level=reported.levels[2]
    )
    assert CONFIRMED not in history(client, first)


def test_the_verdict_follows_the_readiness(reported, client):
    client.force_login(reported.staff)
    readiness = Readiness.objects.get(product_version__product__supplier=reported.pink)
    supplier_services.readiness_update(
        actor=reported.staff, readiness=readiness, state=ReadinessState.NOT_PLANNED, date=None
    )
    assert CONFIRMED in history(client, reported.towns[1])


def block_rows(html: str) -> dict[str, str]:
    """The block page's list: each municipality's row."""
    rows = re.findall(r"<tr>\s*<th scope=\"row\"><a [^>]*>(Toetsdorp \d)</a></th>(.*?)</tr>", html, re.S)
    return dict(rows)


def test_the_blocks_page_shows_the_verdicts_with_the_blockers(reported, client, django_assert_max_num_queries):
    client.force_login(reported.staff)
    url = reverse("monitor:insight-block", args=["AAA"])
    cache.clear()
    with django_assert_max_num_queries(20):
        rows = block_rows(client.get(url, {"provincie": PROVINCE}).content.decode())
    assert CONFIRMED in rows["Toetsdorp 1"] and QUESTIONED in rows["Toetsdorp 2"]
    assert CONFIRMED not in rows["Toetsdorp 4"] and QUESTIONED not in rows["Toetsdorp 4"]
    # On a past date the blockers are those of that date: a verdict is about now, so none is shown.
    past = block_rows(client.get(url, {"provincie": PROVINCE, "peildatum": "2022-10-01"}).content.decode())
    assert "supplier not ready" in past["Toetsdorp 1"]
    assert CONFIRMED not in past["Toetsdorp 1"] and QUESTIONED not in past["Toetsdorp 2"]


def verdict_row(html: str, block: str) -> list[int]:
    table = html.split('id="verdicts-title"')[1]
    row = re.search(rf'<th scope="row">{block}</th>(.*?)</tr>', table, re.S).group(1)
    return [int(number) for number in re.findall(r">(\d+)<", row)]


def test_the_blockers_overview_counts_the_verdicts(reported, client):
    html = client.get(BLOCKERS, {"provincie": PROVINCE}).content.decode()  # public: numbers only
    assert "Reported blockers against other facts" in html and "landscape links no such version" in html
    assert verdict_row(html, "Alfa") == [1, 1] and verdict_row(html, "Bravo") == [0, 0]
    assert "Toetsdorp" not in html.split('id="verdicts-title"')[1]
    export = client.get(BLOCKERS, {"provincie": PROVINCE, "formaat": "csv"}).content.decode("utf-8-sig")
    header, alfa = export.splitlines()[0], next(line for line in export.splitlines() if "Alfa" in line)
    assert header.endswith(f"{CONFIRMED},{QUESTIONED}") and alfa.endswith(",1,1")
    # A readiness changes: the cached overview is renewed.
    readiness = Readiness.objects.get(product_version__product__supplier=reported.pink)
    supplier_services.readiness_update(
        actor=reported.staff, readiness=readiness, state=ReadinessState.NOT_PLANNED, date=None
    )
    assert verdict_row(client.get(BLOCKERS, {"provincie": PROVINCE}).content.decode(), "Alfa") == [2, 0]


def test_the_blockers_overview_costs_a_constant_number_of_queries(reported, client, django_assert_num_queries):
    cache.clear()
    with CaptureQueriesContext(connection) as first:
        client.get(BLOCKERS, {"provincie": PROVINCE})
    count = len(first.captured_queries)  # now: the next request starts a new log
    report_not_ready(reported, reported.towns[2])
    cache.clear()
    with django_assert_num_queries(count):
        html = client.get(BLOCKERS, {"provincie": PROVINCE}).content.decode()
    assert verdict_row(html, "Alfa") == [2, 1]


def test_the_status_api_gives_the_verdicts(reported, api_client, django_assert_num_queries):
    api_client.force_authenticate(reported.staff)
    with CaptureQueriesContext(connection) as first:
        rows = api_client.get(STATUSES, {"province": PROVINCE, "buildingBlock": "AAA"}).json()["results"]
    count = len(first.captured_queries)  # now: the next request starts a new log
    verdicts = {row["municipality"]: row["blocker_verdicts"] for row in rows}
    assert verdicts == {
        "GM9801": {"supplier_not_ready": "confirmed"},
        "GM9802": {"supplier_not_ready": "questioned"},
        "GM9803": {},
        "GM9804": {},
    }
    # As of a date the rows are that date's events: a verdict is about now.
    as_of = api_client.get(STATUSES, {"province": PROVINCE, "buildingBlock": "AAA", "asOf": "2022-10-01"}).json()
    assert all(row["blocker_verdicts"] == {} for row in as_of["results"])
    # One more pair reporting the blocker: the same number of queries.
    report_not_ready(reported, reported.towns[2])
    with django_assert_num_queries(count):
        rows = api_client.get(STATUSES, {"province": PROVINCE, "buildingBlock": "AAA"}).json()["results"]
    assert {row["municipality"]: row["blocker_verdicts"] for row in rows}["GM9803"] == {
        "supplier_not_ready": "confirmed"
    }


def test_the_block_history_costs_a_fixed_number_of_queries(reported, client, django_assert_num_queries):
    client.force_login(reported.staff)
    count = warmed_query_count(client, history_url(reported.towns[1]))
    # Another municipality with a confirmed blocker and more linked versions: the same number.
    version = reported.centric.products.get().versions.get()
    Application.objects.create(municipality=reported.towns[0], name="Zaken", product_version=version)
    history(client, reported.towns[0])
    with django_assert_num_queries(count):
        assert CONFIRMED in history(client, reported.towns[0])


def test_a_conflicts_current_state_carries_its_verdicts(reported, api_client):
    """The 409 answer to a stale report shows the current state as the statuses list does, verdicts included."""
    api_client.force_authenticate(reported.staff)
    town, block = reported.towns[0], reported.blocks[0]
    body = {"municipality": town.code, "building_block": block.code, "level": reported.levels[2].code}
    response = api_client.post(reverse("status-event-list"), {**body, "expected_version": 0}, format="json")
    assert response.status_code == 409
    assert response.json()["current"]["blocker_verdicts"] == {"supplier_not_ready": "confirmed"}
