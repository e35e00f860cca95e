# SPDX-License-Identifier: EUPL-1.2
"""The report pages: the choice, a report in Dutch and English, who sees which tables, the cache."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from bouwplaats.core.testing import hold_fragment_renders, in_english
from bouwplaats.monitor import services
from bouwplaats.monitor.tests.factories import UserFactory

from .conftest import DATE

pytestmark = pytest.mark.django_db


# What differs between two answers with the same report: the CSP nonce and the CSRF token of the page.
PER_REQUEST = re.compile(rb'(nonce|csrfmiddlewaretoken" value|csrf-token" content)="[^"]*"')


def url(world, template="alv", on=DATE, name="page"):
    address = reverse(f"reports:report-{name}", args=[world.programme.slug, template])
    return f"{address}?peildatum={on.isoformat()}" if on else address


def test_url_names():
    assert reverse("reports:index") == "/rapportages/"
    assert reverse("reports:report-page", args=["operatie-nup", "bestuur"]) == "/rapportages/operatie-nup/bestuur/"
    assert reverse("reports:report-pdf", args=["operatie-nup", "alv"]) == "/rapportages/operatie-nup/alv/rapportage.pdf"


def test_the_header_links_to_the_reports(client, world):
    response = client.get(reverse("catalogue:home"))
    assert f'href="{reverse("reports:index")}"' in response.content.decode()


def test_index_lists_the_templates_of_the_current_programme(client, world):
    response = client.get(reverse("reports:index"))
    assert response.status_code == 200
    body = response.content.decode()
    for template in ("bestuur", "alv", "gateway-review"):
        assert reverse("reports:report-page", args=["toetsprogramma", template]) in body
    assert 'value="toetsprogramma" selected' in body


def test_index_leads_to_the_chosen_report(client, world):
    query = {"programma": "toetsprogramma", "sjabloon": "bestuur", "peildatum": "30-06-2022"}
    response = client.get(reverse("reports:index"), query)
    assert response.status_code == 302
    assert response["Location"] == url(world, "bestuur")


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"programma": "onbekend", "sjabloon": "alv"}, "programma", "Select a valid choice"),
        ({"programma": "toetsprogramma", "sjabloon": "jaarverslag"}, "sjabloon", "Select a valid choice"),
        (
            {"programma": "toetsprogramma", "sjabloon": "alv", "peildatum": "31-02-2022"},
            "peildatum",
            "Enter a date as dd-mm-yyyy",
        ),
        (
            {"programma": "toetsprogramma", "sjabloon": "alv", "peildatum": "2999-01-01"},
            "peildatum",
            "Choose a date up to today",
        ),
    ],
)
def test_index_refuses_a_wrong_choice_with_a_message(client, world, query, field, message):
    response = client.get(reverse("reports:index"), query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors


def test_report_page_in_english(client, world):
    response = client.get(url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert "General meeting (ALV): report on Toetsprogramma" in body
    assert "The state on 30 June 2022, computed on" in body
    assert "1. Alfa ingevoerd" in body
    assert "50.0%" in body  # agreement 1, T1 and T2 of four
    assert "€2,640,000" in body  # the programme budget
    assert "+25.0" in body  # Alfa's change in 12 months, in percentage points
    assert 'role="img"' in body and "<svg" in body  # charts, each next to its table
    assert url(world, name="pdf-job") in body.replace("&amp;", "&")
    assert url(world, name="xlsx") in body.replace("&amp;", "&")


def test_report_page_in_dutch(world):
    client = Client()  # a new visitor: Dutch
    response = client.get(url(world))
    body = response.content.decode()
    assert "Algemene ledenvergadering (ALV): rapportage over Toetsprogramma" in body
    assert "De stand op 30 juni 2022, berekend op" in body
    assert "50,0%" in body
    assert "€ 2.640.000" in body
    assert "Resultaatafspraken" in body and "Deadlinerisico" in body
    assert "Gemeenten die nog niet bereikt zijn" in body


def test_board_report_is_brief(client, world):
    body = client.get(url(world, "bestuur")).content.decode()
    assert 'id="summary"' in body and 'id="budget"' in body
    assert 'id="blockers"' not in body and 'id="knowledge"' not in body
    assert "Result agreements met per province" not in body


def test_the_default_date_of_an_ended_programme_is_its_last_day(client, world):
    response = client.get(url(world, on=None))
    assert response.status_code == 200
    assert "The state on 31 December 2022" in response.content.decode()


def test_a_date_in_the_future_is_refused(client, world):
    response = client.get(url(world, on=datetime.date(2999, 1, 1)))
    assert response.status_code == 400
    assert "Choose a date up to today" in response.content.decode()
    assert client.get(url(world, on=datetime.date(2999, 1, 1), name="pdf")).status_code == 400
    assert client.get(url(world, on=datetime.date(2999, 1, 1), name="xlsx")).status_code == 400


def test_unknown_programme_or_report(client, world):
    assert client.get(reverse("reports:report-page", args=["onbekend", "alv"])).status_code == 404
    assert client.get(reverse("reports:report-page", args=["toetsprogramma", "jaarverslag"])).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "member", "coordinator"])
def test_single_municipalities_are_hidden_from_the_public_while_the_programme_keeps_them(
    client, world, coordinator, who
):
    if who == "member":
        client.force_login(UserFactory())
    elif who == "coordinator":
        client.force_login(coordinator)  # of Toetsdorp 1: the others' figures are not theirs
    body = client.get(url(world)).content.decode()
    assert "Result agreements met per province" in body  # aggregated: public
    assert "Result agreements met per municipality" not in body
    assert "Toetsdorp 4" not in body
    assert "The names of these municipalities are not shown" in body


def test_programme_staff_see_single_municipalities(client, world):
    client.force_login(world.staff)
    body = client.get(url(world)).content.decode()
    assert "Result agreements met per municipality" in body
    assert "Toetsdorp 4" in body


def test_the_cached_body_of_staff_is_not_served_to_the_public(client, world):
    staff = Client()
    staff.force_login(world.staff)
    for _round in range(2):  # the second round from the cache
        assert "Toetsdorp 4" in staff.get(url(world)).content.decode()
        assert "Toetsdorp 4" not in client.get(url(world)).content.decode()


def test_everyone_sees_them_when_the_programme_makes_them_public(client, public_world):
    body = client.get(url(public_world)).content.decode()
    assert "Result agreements met per municipality" in body
    assert "no report on any building block" in body


def test_a_repeated_view_is_served_from_the_cache(client, world, django_assert_num_queries):
    client.get(url(world))
    # The data version of what reports show; the programme and the page's body (form and report) are cached.
    with django_assert_num_queries(1):
        response = client.get(url(world))
    assert "1. Alfa ingevoerd" in response.content.decode()
    assert 'name="peildatum"' in response.content.decode()


def test_an_invalid_date_is_a_400_also_from_the_cache(client, world):
    address = reverse("reports:report-page", args=[world.programme.slug, "alv"])
    for _attempt in range(2):
        response = client.get(f"{address}?peildatum=31-02-2022")
        assert response.status_code == 400
        assert "1. Alfa ingevoerd" not in response.content.decode()


def test_the_uncached_page_keeps_a_constant_number_of_queries(client, world, django_assert_num_queries):
    # The version, the programme, the report's 25 queries (the ALV report, as in test_figures), and the
    # programme again, read by id by the cached report (which a worker computes from its ids alone).
    with django_assert_num_queries(28):
        client.get(url(world))


def test_a_report_renews_after_a_status_report(client, world):
    client.get(url(world, on=None))
    a, _b = world.blocks
    services.status_report(
        actor=world.staff,
        municipality=world.towns[3],
        building_block=a,
        level=world.levels[3],
        valid_from=datetime.date(2022, 7, 1),
    )
    body = client.get(url(world, on=None)).content.decode()
    # Alfa's row of the distribution: niet gestart 1 (T3), implementatie 1, in gebruik 2.
    cells = '<td class="number">1</td><td class="number">0</td><td class="number">1</td><td class="number">2</td>'
    assert f'<th scope="row">Alfa</th><td>AAA</td>{cells}' in body


@pytest.mark.parametrize("name", ["page", "xlsx"])
def test_after_a_status_report_readers_get_the_previous_report_until_the_worker_made_the_new_one(
    client, world, settings, monkeypatch, django_capture_on_commit_callbacks, name
):
    settings.FRAGMENTS_RENDER_BEHIND = True
    settings.FRAGMENTS_FRESH_FOR_SECONDS = 0
    worker = hold_fragment_renders(monkeypatch)

    def read() -> bytes:
        with django_capture_on_commit_callbacks(execute=True):
            return PER_REQUEST.sub(b"", client.get(url(world, on=None, name=name)).content)

    before = read()
    services.status_report(
        actor=world.staff,
        municipality=world.towns[3],
        building_block=world.blocks[0],
        level=world.levels[3],
        valid_from=datetime.date(2022, 7, 1),
    )

    assert read() == before
    assert worker, "the new report was asked of the worker"
    worker.run()
    after = read()

    assert after != before
    settings.FRAGMENTS_RENDER_BEHIND = False
    cache.clear()
    if name == "page":  # a workbook holds the time it was written
        assert read() == after


def test_no_demo_notice_without_demo_data(client, world):
    assert "Demo data" not in client.get(url(world)).content.decode()


def test_cache_is_kept_per_language(world):
    english, dutch = in_english(Client()), Client()
    assert "Result agreements" in english.get(url(world)).content.decode()
    assert "Resultaatafspraken" in dutch.get(url(world)).content.decode()
    cache.clear()
