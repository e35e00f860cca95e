# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bouwplaats.core.testing import invalid_params
from bouwplaats.monitor.models import SurveyRound

from .data import answer, small_programme

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LIST = reverse("survey-round-list")


@pytest.fixture
def data(staff):
    return small_programme(today=TODAY, staff=staff)


def detail(survey_round):
    return reverse("survey-round-detail", args=[survey_round.pk])


def body(data, **overrides):
    return {
        "programme": data.programme.slug,
        "name": "API-uitvraag",
        "building_blocks": ["XXX", "YYY"],
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=10)).isoformat(),
        **overrides,
    }


def test_list_for_staff_and_coordinators_only(api_client, data, member, django_assert_max_num_queries):
    answer(data, "N1")
    assert api_client.get(LIST).status_code in (401, 403)
    api_client.force_authenticate(member)
    assert api_client.get(LIST).status_code == 403
    api_client.force_authenticate(data.coordinators["N2"][0])
    with django_assert_max_num_queries(6):
        response = api_client.get(LIST, {"programme": data.programme.slug})
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["name"] == "Uitvraag voorjaar"
    assert item["building_blocks"] == ["XXX", "YYY"]
    assert (item["state"], item["responded"], item["asked"], item["response_rate"]) == ("open", 1, 5, 20.0)


def test_state_filter(api_client, data, staff):
    SurveyRound.objects.create(
        programme=data.programme,
        name="Oud",
        opens_on=TODAY - datetime.timedelta(days=9),
        closes_on=TODAY - datetime.timedelta(days=2),
    )
    api_client.force_authenticate(staff)
    names = [
        r["name"] for r in api_client.get(LIST, {"programme": data.programme.slug, "state": "closed"}).json()["results"]
    ]
    assert names == ["Oud"]
    assert api_client.get(LIST, {"state": "nonsense"}).status_code == 400


def test_detail_with_rates_per_province_and_size_class(api_client, data, staff):
    answer(data, "N1")
    api_client.force_authenticate(data.coordinators["N1"][0])
    response = api_client.get(detail(data.survey_round))
    assert response.status_code == 200
    figures = response.json()
    assert {row["key"]: (row["responded"], row["asked"]) for row in figures["by_province"]} == {
        "PV27": (1, 2),
        "PV26": (0, 3),
    }
    assert {row["key"]: row["response_rate"] for row in figures["by_size_class"]} == {
        "1": 50.0,
        "4": 0.0,
        "8": 0.0,
        "": 0.0,
    }


def test_staff_create_and_update_through_the_services(api_client, data, staff):
    api_client.force_authenticate(staff)
    response = api_client.post(LIST, body(data), format="json")
    assert response.status_code == 201, response.json()
    created = SurveyRound.objects.get(pk=response.json()["id"])
    assert created.created_by == staff and response.json()["asked"] == 5
    response = api_client.post(
        LIST, body(data, closes_on=(TODAY - datetime.timedelta(days=1)).isoformat()), format="json"
    )
    assert response.status_code == 400 and "closes_on" in invalid_params(response)
    response = api_client.post(LIST, body(data, building_blocks=["XXX", "ONBEKEND"]), format="json")
    assert response.status_code == 400 and "ONBEKEND" in str(response.json())
    response = api_client.post(LIST, body(data, building_blocks=[]), format="json")
    assert response.status_code == 400 and "building_blocks" in invalid_params(response)
    response = api_client.patch(detail(created), {"name": "Hernoemd", "building_blocks": ["ZZZ"]}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["name"] == "Hernoemd" and response.json()["building_blocks"] == ["ZZZ"]
    response = api_client.patch(detail(created), {"programme": "iets-anders"}, format="json")
    assert response.status_code == 400


def test_coordinator_cannot_create_update_or_see_non_responders(api_client, data):
    api_client.force_authenticate(data.coordinators["N1"][0])
    assert api_client.post(LIST, body(data), format="json").status_code == 403
    assert api_client.patch(detail(data.survey_round), {"name": "Mijn naam"}, format="json").status_code == 403
    assert api_client.get(reverse("survey-round-non-responders", args=[data.survey_round.pk])).status_code == 403
    assert api_client.delete(detail(data.survey_round)).status_code == 405
    data.survey_round.refresh_from_db()
    assert data.survey_round.name == "Uitvraag voorjaar"
    assert SurveyRound.objects.filter(programme=data.programme).count() == 1


def test_non_responders_for_staff(api_client, data, staff, django_assert_max_num_queries):
    answer(data, "N1")
    api_client.force_authenticate(staff)
    with django_assert_max_num_queries(5):
        response = api_client.get(reverse("survey-round-non-responders", args=[data.survey_round.pk]))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["code"] for row in rows] == ["GM9812", "GM9823", "GM9821", "GM9822"]
    first = rows[0]
    assert (first["province"], first["inhabitants"], first["size_class"], first["coordinators"]) == (
        "PV27",
        30_000,
        4,
        2,
    )
    assert rows[1]["size_class"] is None
