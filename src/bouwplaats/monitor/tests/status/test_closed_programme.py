# SPDX-License-Identifier: EUPL-1.2
"""A closed programme in the monitor: every status write refuses, its rounds are closed, pages show it."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue import services as catalogue_services
from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.monitor import services
from bouwplaats.monitor.imports import mergers
from bouwplaats.monitor.imports import services as imports
from bouwplaats.monitor.models import StatusEvent, SurveyRound
from bouwplaats.monitor.surveys import selectors as survey_selectors
from bouwplaats.monitor.surveys import services as surveys

from ..factories import MunicipalityFactory
from ..imports.files import csv_file, snapshot

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
CLOSED_ON = datetime.date(2023, 1, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def survey_round(programme, blocks, staff):
    survey_round = SurveyRound.objects.create(
        programme=programme,
        name="Uitvraag",
        opens_on=TODAY - datetime.timedelta(days=3),
        closes_on=TODAY + datetime.timedelta(days=3),
        created_by=staff,
    )
    survey_round.building_blocks.set(blocks[:2])
    return survey_round


def close(programme, staff):
    catalogue_services.programme_close(actor=staff, programme=programme, closed_on=CLOSED_ON)
    programme.refresh_from_db()


def message(programme):
    return f"{programme.name} was closed on 1 January 2023; it can no longer be changed."


def test_every_status_write_refuses_and_writes_nothing(
    staff, coordinator_a, programme, levels, blocks, town_a, survey_round
):
    a, b, _c = blocks
    first = services.status_report(actor=staff, municipality=town_a, building_block=a, level=levels[1])
    batch = imports.import_check(
        actor=staff, programme=programme, file=csv_file([[town_a.code, b.code, levels[2].code, ""]])
    )
    close(programme, staff)
    before, audits = snapshot(), AuditEntry.objects.count()
    calls = [
        lambda: services.status_report(actor=staff, municipality=town_a, building_block=a, level=levels[2]),
        lambda: services.status_report(actor=coordinator_a, municipality=town_a, building_block=b, level=levels[1]),
        lambda: services.status_report_many(
            actor=staff, municipality=town_a, changes=[{"building_block": b, "level": levels[3]}]
        ),
        lambda: surveys.survey_round_answer(
            actor=coordinator_a,
            survey_round=survey_round,
            municipality=town_a,
            changes=[{"building_block": a, "level": levels[2]}],
        ),
        lambda: surveys.survey_round_create(
            actor=staff,
            programme=programme,
            name="Nog een",
            building_blocks=[a],
            opens_on=TODAY,
            closes_on=TODAY + datetime.timedelta(days=7),
        ),
        lambda: surveys.survey_round_update(actor=staff, survey_round=survey_round, name="Anders"),
        lambda: surveys.survey_round_close(actor=staff, survey_round=survey_round),
        lambda: imports.import_check(
            actor=staff, programme=programme, file=csv_file([[town_a.code, a.code, levels[3].code, ""]])
        ),
        lambda: imports.import_apply(actor=staff, batch=batch),
        lambda: mergers.carry_over_mergers(actor=staff, programme=programme),
        lambda: mergers.carry_over_merger(actor=staff, programme=programme, municipality=town_a),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as raised:
            call()
        assert raised.value.messages == [message(programme)]
    assert snapshot() == before
    assert AuditEntry.objects.count() == audits
    assert SurveyRound.objects.get(pk=survey_round.pk).name == "Uitvraag"
    restored = services.erased_planned_dates_restore(
        findings=[SimpleNamespace(event=first, lost_date=datetime.date(2024, 1, 1))]
    )
    assert restored == []
    assert snapshot() == before


def test_the_rounds_of_a_closed_programme_are_closed(staff, coordinator_a, programme, survey_round):
    assert survey_selectors.is_open(survey_round)
    assert list(survey_selectors.open_rounds()) == [survey_round]
    close(programme, staff)
    survey_round = SurveyRound.objects.select_related("programme").get(pk=survey_round.pk)
    assert survey_selectors.round_state(survey_round) == "closed"
    assert list(survey_selectors.open_rounds()) == []
    assert survey_selectors.todo(user=coordinator_a) == []
    assert (
        survey_selectors.open_rounds_for_municipality(municipality=coordinator_a.memberships.get().municipality) == []
    )


def test_the_survey_api_lists_the_rounds_of_a_closed_programme_as_closed(api_client, staff, programme, survey_round):
    close(programme, staff)
    api_client.force_login(staff)
    url = "/api/v1/survey-rounds"
    assert api_client.get(url, {"state": "open"}).json()["results"] == []
    assert [row["id"] for row in api_client.get(url, {"state": "closed"}).json()["results"]] == [survey_round.pk]


def test_the_status_api_answers_400_with_the_reason(api_client, staff, programme, levels, blocks, town_a):
    close(programme, staff)
    api_client.force_login(staff)
    response = api_client.post(
        "/api/v1/status-events",
        {"municipality": town_a.code, "building_block": blocks[0].code, "level": levels[1].code},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert message(programme) in str(response.json())
    assert not StatusEvent.objects.filter(building_block=blocks[0]).exists()


# --- pages -------------------------------------------------------------------------------------


def progress(code):
    return reverse("monitor:municipality-progress", args=[code])


def test_the_progress_page_says_closed_and_offers_no_form(client, staff, programme, levels, blocks, town_a):
    services.status_report(actor=staff, municipality=town_a, building_block=blocks[0], level=levels[1])
    client.force_login(staff)
    html = client.get(progress(town_a.code)).content.decode()
    assert reverse("monitor:municipality-update", args=[town_a.code]) in html
    close(programme, staff)
    html = client.get(progress(town_a.code)).content.decode()
    assert "was closed on 1 January 2023: it can no longer be changed." in html
    assert reverse("monitor:municipality-update", args=[town_a.code]) not in html
    assert reverse("monitor:block-update", args=[town_a.code, blocks[0].code]) not in html
    history = client.get(reverse("monitor:block-history", args=[town_a.code, blocks[0].code])).content.decode()
    assert "was closed on 1 January 2023" in history
    assert reverse("monitor:block-update", args=[town_a.code, blocks[0].code]) not in history


def test_the_status_forms_of_a_closed_programme_lead_back_with_the_reason(client, staff, programme, blocks, town_a):
    close(programme, staff)
    client.force_login(staff)
    for url in (
        reverse("monitor:municipality-update", args=[town_a.code]),
        reverse("monitor:block-update", args=[town_a.code, blocks[0].code]),
    ):
        response = client.get(url, follow=True)
        assert response.redirect_chain == [(progress(town_a.code), 302)]
        assert message(programme) in [str(m) for m in response.context["messages"]]


def test_the_status_form_of_a_coordinator_is_refused_in_dutch(client, staff, coordinator_a, programme, town_a):
    close(programme, staff)
    dutch = Client()
    dutch.force_login(coordinator_a)
    response = dutch.get(reverse("monitor:municipality-update", args=[town_a.code]), follow=True)
    assert f"{programme.name} is afgesloten op 1 januari 2023; wijzigingen zijn niet meer mogelijk." in [
        str(m) for m in response.context["messages"]
    ]


def test_the_survey_and_overview_pages_stay_readable_without_edit_buttons(client, staff, programme, survey_round):
    close(programme, staff)
    client.force_login(staff)
    assert client.get(reverse("monitor:survey-list")).status_code == 200
    detail = client.get(reverse("monitor:survey-detail", args=[survey_round.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "was closed on 1 January 2023" in html
    assert reverse("monitor:survey-update", args=[survey_round.pk]) not in html
    assert reverse("monitor:survey-close", args=[survey_round.pk]) not in html
    assert client.get(reverse("monitor:dashboard-overview")).status_code == 200


def test_another_programme_of_the_line_is_shown_with_its_short_name(client, staff, programme, levels, blocks):
    """``?programma=`` shows the municipality's progress in that programme; its links keep it."""
    town = MunicipalityFactory(code="GM9907", name="Zevendorp")
    services.status_report(actor=staff, municipality=town, building_block=blocks[0], level=levels[2])
    close(programme, staff)
    programme.is_current = False
    programme.save()
    programme.municipality_status_visibility = StatusVisibility.PUBLIC
    programme.save()
    url = progress(town.code) + f"?programma={programme.slug}"
    html = client.get(url).content.decode()
    assert "The status per building block in " + programme.name in html
    assert reverse("monitor:block-history", args=[town.code, blocks[0].code]) + f"?programma={programme.slug}" in html
    assert f'name="programma" value="{programme.slug}"' in html
    assert client.get(progress(town.code) + "?programma=bestaat-niet").status_code == 404
