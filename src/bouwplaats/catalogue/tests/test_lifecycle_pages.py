# SPDX-License-Identifier: EUPL-1.2
"""The pages of a programme's lifecycle: create, close, start a successor; a closed programme's pages."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue import services
from bouwplaats.catalogue.models import BuildingBlock, Programme, StatusLevel
from bouwplaats.core.testing import warmed_query_count

from .factories import ResultAgreementFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"catalogue:{name}", args=args)


def dutch(user=None):
    client = Client()  # no language cookie: the site's default, Dutch
    if user is not None:
        client.force_login(user)
    return client


def close(programme, staff):
    services.programme_close(actor=staff, programme=programme, closed_on=datetime.date(2023, 1, 1))
    programme.refresh_from_db()


# --- who may open the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["programme-create", "programme-close", "successor-start"])
def test_only_staff_open_the_lifecycle_pages(client, coordinator, programme, name):
    address = url(name) if name == "programme-create" else url(name, programme.slug)
    assert client.get(address).status_code == 302  # to the login page
    client.force_login(coordinator)
    assert client.get(address).status_code == 403
    assert client.post(address, {"slug": "x", "name": "x", "closed_on": "2023-01-01"}).status_code == 403
    programme.refresh_from_db()
    assert not programme.is_closed
    assert not Programme.objects.filter(slug="x").exists()


# --- creating ------------------------------------------------------------------------------------


def create_data(**overrides):
    data = {
        "slug": "digitale-agenda",
        "name": "Digitale Agenda",
        "description": "",
        "owner": "VNG",
        "executor": "VNG Realisatie",
        "start_date": "2016-01-01",
        "start_date_note": "",
        "end_date": "",
        "reference_date": "01-01-2016",
        "predecessor": "",
        "municipality_status_visibility": "after_end",
        "result_agreement_total": "",
    }
    return {**data, **overrides}


def test_staff_create_a_programme_on_its_page(client, staff):
    client.force_login(staff)
    html = client.get(url("programme-create")).content.decode()
    assert "<h1>Create a programme</h1>" in html
    response = client.post(url("programme-create"), create_data(), follow=True)
    programme = Programme.objects.get(slug="digitale-agenda")
    assert response.redirect_chain == [(url("programme-detail", "digitale-agenda"), 302)]
    assert (programme.reference_date, programme.end_date, programme.executor) == (
        datetime.date(2016, 1, 1),
        None,
        "VNG Realisatie",
    )
    assert "The programme “Digitale Agenda” has been created." in response.content.decode()


def test_the_create_page_in_dutch_shows_every_problem(staff, programme):
    client = dutch(staff)
    html = client.get(url("programme-create")).content.decode()
    assert "<h1>Programma aanmaken</h1>" in html
    response = client.post(url("programme-create"), create_data(slug=programme.slug, end_date="2015-01-01"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Er is al een programma met de korte naam “{programme.slug}”." in html
    assert "Het einde mag niet vóór de start liggen." in html
    assert not AuditEntry.objects.filter(action="catalogue.programme.create").exists()


def test_the_programme_list_offers_staff_to_create_one(client, staff, programme):
    assert url("programme-create") not in client.get(url("programme-list")).content.decode()
    client.force_login(staff)
    assert url("programme-create") in client.get(url("programme-list")).content.decode()


# --- closing -------------------------------------------------------------------------------------


def test_staff_close_a_programme_on_its_page(client, staff, programme):
    client.force_login(staff)
    html = client.get(url("programme-close", programme.slug)).content.decode()
    assert f"<h1>Close {programme.name}</h1>" in html
    assert 'value="2023-01-01"' in html  # its end, which has passed
    response = client.post(url("programme-close", programme.slug), {"closed_on": "2023-01-01"}, follow=True)
    assert response.redirect_chain == [(url("programme-detail", programme.slug), 302)]
    programme.refresh_from_db()
    assert (programme.closed_on, programme.closed_by) == (datetime.date(2023, 1, 1), staff)
    assert f"{programme.name} was closed on 1 January 2023; it can no longer be changed." in response.content.decode()
    # Closed: the page says so and leads back.
    response = client.get(url("programme-close", programme.slug), follow=True)
    assert response.redirect_chain == [(url("programme-detail", programme.slug), 302)]


def test_the_close_page_in_dutch_refuses_a_day_before_the_end(staff, programme):
    client = dutch(staff)
    html = client.get(url("programme-close", programme.slug)).content.decode()
    assert f"<h1>{programme.name} afsluiten</h1>" in html
    html = client.post(url("programme-close", programme.slug), {"closed_on": "31-12-2022"}).content.decode()
    assert f"{programme.name} loopt tot 1 januari 2023" in html
    programme.refresh_from_db()
    assert not programme.is_closed


def test_the_close_page_says_when_a_programme_still_runs(client, staff, programme):
    programme.end_date = datetime.date(2099, 1, 1)
    programme.save()
    client.force_login(staff)
    html = client.get(url("programme-close", programme.slug)).content.decode()
    assert f"{programme.name} runs until 1 January 2099; it can be closed from that day on." in html


# --- a closed programme's pages --------------------------------------------------------------------


def test_a_closed_programme_shows_the_label_and_no_edit_buttons(client, staff, programme, levels, blocks):
    ResultAgreementFactory(programme=programme, number=1, required_level=levels[1])
    client.force_login(staff)
    pages = [
        url("programme-detail", programme.slug),
        url("building-block-list", programme.slug),
        url("building-block-detail", programme.slug, "AAA"),
        url("result-agreement-list", programme.slug),
    ]
    edit_links = [
        url("programme-edit", programme.slug),
        url("programme-close", programme.slug),
        url("status-level-list", programme.slug),
        url("building-block-create", programme.slug),
        url("building-block-edit", programme.slug, "AAA"),
        url("result-agreement-create", programme.slug),
        url("result-agreement-edit", programme.slug, 1),
    ]
    before = "".join(client.get(page).content.decode() for page in pages)
    assert all(link in before for link in edit_links)
    close(programme, staff)
    for page in pages:
        html = client.get(page).content.decode()
        assert f"{programme.name} was closed on 1 January 2023: it can no longer be changed." in html, page
        assert not [link for link in edit_links if f'href="{link}"' in html], page
    # Staff may still start a successor from it.
    assert (
        url("successor-start", programme.slug) in client.get(url("programme-detail", programme.slug)).content.decode()
    )
    assert "closed" in client.get(url("programme-list")).content.decode()


def test_the_edit_pages_of_a_closed_programme_lead_back_with_the_reason(client, staff, programme, levels, blocks):
    ResultAgreementFactory(programme=programme, number=1, required_level=levels[1])
    close(programme, staff)
    client.force_login(staff)
    level = levels[0].code
    for address in [
        url("programme-edit", programme.slug),
        url("status-level-list", programme.slug),
        url("status-level-edit", programme.slug, level),
        url("status-level-delete", programme.slug, level),
        url("building-block-create", programme.slug),
        url("building-block-edit", programme.slug, "AAA"),
        url("building-block-dependencies", programme.slug, "AAA"),
        url("building-block-delete", programme.slug, "AAA"),
        url("building-block-gemma", programme.slug, "AAA"),
        url("result-agreement-create", programme.slug),
        url("result-agreement-edit", programme.slug, 1),
        url("result-agreement-delete", programme.slug, 1),
    ]:
        response = client.get(address, follow=True)
        assert response.redirect_chain == [(url("programme-detail", programme.slug), 302)], address
        assert "it can no longer be changed" in response.content.decode()
    response = client.post(url("status-level-move", programme.slug, level), {"direction": "up"})
    assert response.status_code == 302
    response = client.post(url("building-block-delete", programme.slug, "AAA"))
    assert BuildingBlock.objects.filter(programme=programme, code="AAA").exists()


# --- starting a successor ------------------------------------------------------------------------


def successor_data(**overrides):
    data = {
        "slug": "vervolg",
        "name": "Vervolg",
        "description": "",
        "owner": "VNG",
        "executor": "KING",
        "start_date": "2023-01-01",
        "end_date": "2025-01-01",
        "reference_date": "2022-01-01",
        "municipality_status_visibility": "aggregated",
        "parts": ["status_levels", "building_blocks"],
        "make_current": "on",
    }
    return {**data, **overrides}


def test_the_successor_form_offers_every_part_and_starts_from_the_predecessor(client, staff, programme, levels, blocks):
    close(programme, staff)
    client.force_login(staff)
    response = client.get(url("successor-start", programme.slug))
    html = response.content.decode()
    assert f"<h1>Start a successor of {programme.name}</h1>" in html
    for key in ("status_levels", "building_blocks", "result_agreements", "statuses", "guides", "open_questions"):
        assert f'value="{key}"' in html
    form = response.context["form"]
    assert (form["start_date"].value(), form["owner"].value()) == (datetime.date(2023, 1, 1), programme.owner)
    response = client.post(url("successor-start", programme.slug), successor_data(), follow=True)
    successor = Programme.objects.get(slug="vervolg")
    assert response.redirect_chain == [(url("programme-detail", "vervolg"), 302)]
    assert (successor.predecessor, successor.is_current) == (programme, True)
    assert StatusLevel.objects.filter(programme=successor).count() == 3
    assert BuildingBlock.objects.filter(programme=successor).count() == 3
    html = response.content.decode()
    assert f"Vervolg has started as the successor of {programme.name}." in html
    assert f'<a href="{url("programme-detail", programme.slug)}">{programme.name}</a>' in html
    old = client.get(url("programme-detail", programme.slug)).content.decode()
    assert f'<a href="{url("programme-detail", "vervolg")}">Vervolg</a>' in old


def test_the_successor_form_in_dutch_shows_what_is_wrong_and_writes_nothing(staff, programme, levels, blocks):
    client = dutch(staff)
    html = client.get(url("successor-start", programme.slug)).content.decode()
    assert f"<h1>Opvolger van {programme.name} starten</h1>" in html
    response = client.post(
        url("successor-start", programme.slug),
        successor_data(start_date="2022-06-01", parts=["result_agreements", "building_blocks"]),
    )
    html = response.content.decode()
    assert f"Een opvolger begint als {programme.name} eindigt (1 januari 2023) of later." in html
    assert "“Resultaatafspraken” bouwt voort op “Statusladder”: kies dat ook." in html
    assert not Programme.objects.filter(slug="vervolg").exists()


# --- query counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"), [("programme-create", 2), ("programme-close", 2), ("successor-start", 2)]
)
def test_the_lifecycle_pages_read_a_fixed_number_of_queries(client, staff, programme, blocks, name, expected):
    client.force_login(staff)
    address = url(name) if name == "programme-create" else url(name, programme.slug)
    assert warmed_query_count(client, address) == expected


def test_submitting_the_programme_form_unchanged_writes_nothing(client, staff, programme):
    client.force_login(staff)
    form = client.get(url("programme-edit", programme.slug)).context["form"]
    data = {name: "" if value is None else value for name, value in form.initial.items() if name in form.fields}
    data["predecessor"] = ""
    data["is_current"] = "on" if programme.is_current else ""
    count = AuditEntry.objects.count()
    response = client.post(url("programme-edit", programme.slug), data)
    assert response.status_code == 302
    assert AuditEntry.objects.count() == count
