# SPDX-License-Identifier: EUPL-1.2
"""The reports in the API: /api/v1/programme-reports — the same figures as the page, the same rule for details."""

import pytest
from django.urls import reverse

from bouwplaats.core.testing import invalid_params
from bouwplaats.reports import selectors
from bouwplaats.reports.sections import TEMPLATES
from bouwplaats.reports.tables import table_data

from .conftest import DATE

pytestmark = pytest.mark.django_db


def report_url(template="alv", **query):
    query = {"programme": "toetsprogramma", "date": DATE.isoformat(), **query}
    return reverse("api-programme-report-detail", args=[template]), query


def test_list_of_report_templates(api_client):
    response = api_client.get(reverse("api-programme-report-list"))
    assert response.status_code == 200
    assert [item["code"] for item in response.json()] == ["bestuur", "alv", "gateway-review"]
    assert response.json()[0]["brief"] is True


def test_report_as_json_holds_the_report_figures(api_client, world):
    address, query = report_url()
    response = api_client.get(address, query)
    assert response.status_code == 200
    data = response.json()
    assert (data["programme"], data["template"], data["date"]) == ("toetsprogramma", "alv", "2022-06-30")
    assert data["compared_dates"] == ["2022-03-30", "2021-06-30"]
    assert data["details_visible"] is False and data["has_demo"] is False
    expected = selectors.report(programme=world.programme, template=TEMPLATES["alv"], on=DATE, details_visible=False)
    assert [section["key"] for section in data["sections"]] == [section.key for section in expected.sections]
    for section, computed in zip(data["sections"], expected.sections, strict=True):
        assert section["tables"] == [table_data(table) for table in computed.tables]
    agreements = data["sections"][1]["tables"][0]
    assert agreements["columns"][3] == {"heading": "Deadline", "kind": "date"}
    assert agreements["rows"][0] == [
        "1. Alfa ingevoerd",
        "AAA",
        "implementatie",
        "2099-01-01",
        "2022-06-30",
        2,
        4,
        50.0,
    ]
    budget = next(section for section in data["sections"] if section["key"] == "budget")["tables"][0]
    assert budget["rows"][0][2] == 2640000


def test_the_default_programme_and_date(api_client, world):
    response = api_client.get(reverse("api-programme-report-detail", args=["bestuur"]))
    assert response.status_code == 200
    assert (response.json()["programme"], response.json()["date"]) == ("toetsprogramma", "2022-12-31")


def test_tables_naming_municipalities_only_for_staff(api_client, world, coordinator):
    address, query = report_url()
    api_client.force_authenticate(coordinator)
    captions = [
        table["caption"] for section in api_client.get(address, query).json()["sections"] for table in section["tables"]
    ]
    assert "Result agreements met per municipality" not in captions
    api_client.force_authenticate(world.staff)
    data = api_client.get(address, query).json()
    captions = [table["caption"] for section in data["sections"] for table in section["tables"]]
    assert data["details_visible"] is True
    assert "Result agreements met per municipality" in captions and "Municipalities not reached yet" in captions


@pytest.mark.parametrize(
    ("query", "field"),
    [({"date": "2999-01-01"}, "date"), ({"date": "30-06-2022"}, "date"), ({"programme": "onbekend"}, "programme")],
)
def test_wrong_parameters_answer_400_with_the_field(api_client, world, query, field):
    address, defaults = report_url(**query)
    response = api_client.get(address, defaults)
    assert response.status_code == 400
    assert field in invalid_params(response)


def test_unknown_template_answers_404(api_client, world):
    assert api_client.get(reverse("api-programme-report-detail", args=["jaarverslag"])).status_code == 404


def test_repeated_request_is_served_from_the_cache(api_client, world, django_assert_num_queries):
    address, query = report_url()
    api_client.get(address, query)
    with django_assert_num_queries(2):  # the programme and the data version
        api_client.get(address, query)
