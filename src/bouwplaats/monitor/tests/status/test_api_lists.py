# SPDX-License-Identifier: EUPL-1.2
"""The monitor's large lists: cursor pages without gaps or repeats, Link headers, ETags, the index, the time limit."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.core.api import CursorPagination
from bouwplaats.monitor import selectors, services
from bouwplaats.monitor.models import CurrentStatus, StatusEvent

from ..factories import MunicipalityFactory

pytestmark = pytest.mark.django_db
STATUSES = reverse("status-list")
EVENTS = reverse("status-event-list")
SIZE = CursorPagination.page_size_query_param
DAY = datetime.date(2022, 3, 1)


@pytest.fixture
def history(programme, staff, blocks, levels):
    """Nine towns × three blocks with two reports each: 54 events, most of them on the same day, and
    18 of them also recorded at the same moment (ties that only the id tells apart)."""
    programme.municipality_status_visibility = StatusVisibility.PUBLIC
    programme.save()
    moment = timezone.now()
    for number in range(9):
        town = MunicipalityFactory(code=f"GM97{number:02d}")
        for block in blocks:
            for step, level in enumerate(levels[1:3]):
                event = services.status_report(
                    actor=staff, municipality=town, building_block=block, level=level, valid_from=DAY
                )
                if step == 0 and number % 3 == 0:
                    StatusEvent.objects.filter(pk=event.pk).update(recorded_at=moment)
    return StatusEvent.objects.order_by(*selectors.HISTORY_ORDER)


def walk(client, url, params, *, direction="next"):
    """Follow the links from ``url`` on; the rows of every page, and the responses."""
    rows, responses = [], []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        responses.append(response)
        rows.extend(response.json()["results"])
        link = response.json()["next" if direction == "next" else "previous"]
        if not link:
            return rows, responses
        response = client.get(link)


def test_the_history_is_walked_page_by_page_without_gaps_or_repeats(api_client, history):
    rows, responses = walk(api_client, EVENTS, {SIZE: 5})
    assert [row["id"] for row in rows] == list(history.values_list("pk", flat=True))
    assert len(responses) == 11 and "count" not in responses[0].json()
    assert responses[0].json()["previous"] is None and responses[-1].json()["next"] is None


def test_going_back_gives_the_same_pages(api_client, history):
    forward, responses = walk(api_client, EVENTS, {SIZE: 4})
    last = responses[-1]
    back, back_responses = walk(api_client, last.json()["previous"], {}, direction="previous")
    # The pages going back, each in its own order, are the pages before the last one.
    assert [[row["id"] for row in page.json()["results"]] for page in reversed(back_responses)] == [
        [row["id"] for row in page.json()["results"]] for page in responses[:-1]
    ]
    assert len(back) == len(forward) - len(last.json()["results"])


def test_current_statuses_are_walked_in_the_order_of_their_index(api_client, history, staff):
    rows, _responses = walk(api_client, STATUSES, {SIZE: 4})
    expected = CurrentStatus.objects.order_by(*selectors.PAIR_ORDER)
    assert [(row["municipality"], row["building_block"]) for row in rows] == [
        (status.municipality.code, status.building_block.code) for status in expected
    ]
    as_of, _responses = walk(api_client, STATUSES, {SIZE: 5, "as_of": DAY.isoformat()})
    assert len(as_of) == 27 and len({(row["municipality"], row["building_block"]) for row in as_of}) == 27


def test_filters_stay_on_the_next_pages(api_client, history):
    rows, responses = walk(api_client, EVENTS, {SIZE: 2, "municipality": "GM9704"})
    assert len(rows) == 6 and {row["municipality"] for row in rows} == {"GM9704"}
    assert "municipality=GM9704" in responses[0].json()["next"]


def links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.get("Link", ""))}


def test_link_headers_name_the_next_and_previous_page(api_client, history):
    first = api_client.get(EVENTS, {SIZE: 10})
    assert links(first) == {"next": first.json()["next"]}
    second = api_client.get(links(first)["next"])
    assert links(second) == {"next": second.json()["next"], "prev": second.json()["previous"]}
    last = api_client.get(EVENTS, {SIZE: 100})
    assert "Link" not in last


def test_a_broken_cursor_is_refused(api_client, history):
    assert api_client.get(EVENTS, {"cursor": "not-a-cursor"}).status_code == 404
    assert api_client.get(EVENTS, {"cursor": "eyJwIjpbMV19"}).status_code == 404  # {"p":[1]}: too few values


def test_the_page_size_has_a_ceiling(api_client, history):
    assert len(api_client.get(EVENTS, {SIZE: 100000}).json()["results"]) == 54
    assert len(api_client.get(EVENTS, {SIZE: "x"}).json()["results"]) == 50


# --- ETag -------------------------------------------------------------------------------------


def test_an_unchanged_list_answers_304_and_a_change_gives_a_new_tag(api_client, history, staff, blocks, levels):
    first = api_client.get(STATUSES)
    tag = first["ETag"]
    assert first.status_code == 200 and tag
    again = api_client.get(STATUSES, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again["ETag"] == tag and not again.content
    assert api_client.get(STATUSES, {"level": levels[1].code}, HTTP_IF_NONE_MATCH=tag).status_code == 200
    town = MunicipalityFactory(code="GM9798")
    services.status_report(actor=staff, municipality=town, building_block=blocks[0], level=levels[2])
    changed = api_client.get(STATUSES, HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["ETag"] != tag


def test_the_language_is_part_of_the_tag(api_client, history):
    api_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = api_client.get(EVENTS)
    api_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = api_client.get(EVENTS, HTTP_IF_NONE_MATCH=english["ETag"])
    assert dutch["Content-Language"] == "nl"
    assert dutch.status_code == 200 and dutch["ETag"] != english["ETag"]


def test_no_304_across_users_with_a_different_view(api_client, history, programme, staff, coordinator_a):
    programme.municipality_status_visibility = StatusVisibility.AGGREGATED
    programme.save()
    api_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"  # one language for all three
    api_client.force_authenticate(staff)
    seen_by_staff = api_client.get(EVENTS)
    assert len(seen_by_staff.json()["results"]) == 50
    for other in (coordinator_a, None):
        api_client.force_authenticate(other)
        response = api_client.get(EVENTS, HTTP_IF_NONE_MATCH=seen_by_staff["ETag"])
        assert response.status_code == 200 and response.json()["results"] == []
    api_client.force_authenticate(staff)
    assert api_client.get(EVENTS, HTTP_IF_NONE_MATCH=seen_by_staff["ETag"]).status_code == 304


def test_a_304_costs_one_query(api_client, history, django_assert_num_queries):
    tag = api_client.get(EVENTS)["ETag"]
    with django_assert_num_queries(1):  # the data version
        assert api_client.get(EVENTS, HTTP_IF_NONE_MATCH=tag).status_code == 304


# --- PostgreSQL: the index and the time limit -------------------------------------------------


def _events_sql(queries) -> list[str]:
    return [query["sql"] for query in queries if 'FROM "monitor_statusevent"' in query["sql"]]


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("who", "filters", "index"),
    [
        ("staff", {}, "status_event_latest_idx"),
        ("anonymous", {}, "status_event_latest_idx"),
        # 200 rows of a town: read by any of its indexes and sorted (at national volume, 3,300 rows a
        # town, the plan walks status_event_town_latest_idx: bench/serve.py --only api).
        ("anonymous", {"municipality": "gm9607"}, "Index Scan"),
    ],
)
def test_the_history_is_read_from_an_index(api_client, programme, staff, blocks, levels, who, filters, index):
    programme.municipality_status_visibility = StatusVisibility.PUBLIC
    programme.save()
    towns = [MunicipalityFactory(code=f"GM96{number:02d}") for number in range(40)]
    StatusEvent.objects.bulk_create(
        StatusEvent(
            municipality=towns[number % 40],
            building_block=blocks[number % 3],
            level=levels[number % 4],
            valid_from=datetime.date(2015, 1, 1) + datetime.timedelta(days=number % 700),
            source="staff",
        )
        for number in range(8000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the statistics of a filled database, as in production
    if who == "staff":
        api_client.force_authenticate(staff)
    with CaptureQueriesContext(connection) as first:
        response = api_client.get(EVENTS, {SIZE: 100, **filters})
    with CaptureQueriesContext(connection) as second:
        assert api_client.get(response.json()["next"]).status_code == 200
    for sql in _events_sql(first.captured_queries) + _events_sql(second.captured_queries):
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan
        assert "Seq Scan on monitor_statusevent" not in plan, plan


@pytest.mark.postgres
def test_a_read_beyond_the_time_limit_answers_503(api_client, history, settings, monkeypatch):
    settings.API_STATEMENT_TIMEOUT_MS = 50
    slow = StatusEvent.objects.extra(where=["pg_sleep(0.2) IS NOT NULL"])
    monkeypatch.setattr(selectors, "status_events", lambda user: slow.order_by(*selectors.HISTORY_ORDER))
    api_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = api_client.get(EVENTS)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json" and response["Retry-After"]
    assert "after 0.05 seconds" in response.json()["detail"]


@pytest.mark.postgres
def test_the_time_limit_ends_with_the_request(api_client, history, settings):
    settings.API_STATEMENT_TIMEOUT_MS = 2500
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get(EVENTS).status_code == 200
    assert queries.captured_queries[0]["sql"] == "SET statement_timeout = 2500"
    assert queries.captured_queries[-1]["sql"] == "RESET statement_timeout"
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
    with CaptureQueriesContext(connection) as queries:
        api_client.post(EVENTS, {}, format="json")
    assert not [query for query in queries.captured_queries if "statement_timeout" in query["sql"]]  # writes
