# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.urls import reverse

from bouwplaats.core.testing import invalid_params
from bouwplaats.organisations.models import Municipality

pytestmark = pytest.mark.django_db

PROVINCES = reverse("province-list")
MUNICIPALITIES = reverse("municipality-list")


def codes(response):
    return [item["code"] for item in response.json()["results"]]


def test_provinces(client):
    response = client.get(PROVINCES)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 12
    assert data["results"][0] == {"id": data["results"][0]["id"], "code": "PV22", "name": "Drenthe"}
    detail = client.get(f"{PROVINCES}/{data['results'][0]['id']}").json()
    assert detail["name"] == "Drenthe"


def test_municipalities_list_is_paginated(client):
    data = client.get(MUNICIPALITIES).json()
    assert data["count"] == 789
    assert len(data["results"]) == 50
    assert data["next"]


@pytest.mark.parametrize(("date", "count"), [("2014-01-01", 403), ("2022-01-01", 345), ("2025-01-01", 342)])
def test_filter_by_date(client, date, count):
    assert client.get(MUNICIPALITIES, {"date": date}).json()["count"] == count


@pytest.mark.parametrize("date", ["2014-13-01", "01-01-2014", "tomorrow"])
def test_invalid_date_is_a_400(client, date):
    response = client.get(MUNICIPALITIES, {"date": date})
    assert response.status_code == 400
    assert invalid_params(response) == {"date": ["Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2014-01-01."]}


def test_filter_province_search_and_size_class(client):
    assert client.get(MUNICIPALITIES, {"date": "2014-01-01", "province": "PV21"}).json()["count"] == 24
    assert codes(client.get(MUNICIPALITIES, {"date": "2014-01-01", "search": "gm0363"})) == ["GM0363"]
    big = client.get(MUNICIPALITIES, {"date": "2014-01-01", "sizeClass": 8})
    assert codes(big) == ["GM0518", "GM0363", "GM0599", "GM0344"]  # by name, 's-Gravenhage first
    assert client.get(MUNICIPALITIES, {"sizeClass": 9}).status_code == 400


def test_municipality_fields(client):
    appingedam = Municipality.objects.get(code="GM0003")
    data = client.get(reverse("municipality-detail", args=[appingedam.pk])).json()
    assert data == {
        "id": appingedam.pk,
        "code": "GM0003",
        "name": "Appingedam",
        "province": {"code": "PV20", "name": "Groningen"},
        "valid_from": "1970-01-01",
        "valid_to": "2021-01-01",
        "merged_into": "GM1979",
        "population": [
            {
                "year": 2014,
                "inhabitants": 12065,
                "derived": False,
                "source": "CBS Wijk- en buurtkaart 2014 (afgerond op vijftallen)",
            }
        ],
        "inhabitants": 12065,
        "population_year": 2014,
        "size_class": {"code": 3, "label": "10.000 tot 20.000 inwoners"},
    }


def test_inhabitants_follow_the_date(client):
    voorne = client.get(MUNICIPALITIES, {"date": "2025-01-01", "search": "Voorne"}).json()["results"][0]
    assert voorne["merged_into"] is None
    assert voorne["population_year"] == 2022
    assert voorne["population"][0]["derived"] is True
    assert voorne["inhabitants"] == voorne["population"][0]["inhabitants"]


def test_detail_404(client):
    assert client.get(reverse("municipality-detail", args=["999999"])).status_code == 404


def test_read_only(client):
    assert client.post(MUNICIPALITIES, {"code": "GM9999"}).status_code in (401, 403, 405)


def test_list_query_count_is_fixed(client, django_assert_max_num_queries):
    # The data version (the newest audit entry), the count, the page and the population figures.
    with django_assert_max_num_queries(4):
        data = client.get(MUNICIPALITIES, {"pageSize": 500}).json()
    assert len(data["results"]) == 500
    with django_assert_max_num_queries(4):
        client.get(MUNICIPALITIES, {"date": "2014-01-01", "province": "PV27", "search": "a", "sizeClass": 4})


def test_schema_lists_the_endpoints(client):
    response = client.get(reverse("api-schema"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '"/municipalities"' in content and "sizeClass" in content
