# SPDX-License-Identifier: EUPL-1.2
"""The municipality list and API answers come from the cache until the data changes (ADR 6)."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bouwplaats.audit.selectors import data_version
from bouwplaats.organisations.models import Municipality

pytestmark = pytest.mark.django_db

LIST_URL = reverse("organisations:municipality-list")
API_URL = reverse("municipality-list")
AMSTERDAM = {"search": "0363", "date": "2014-01-01"}


@pytest.fixture
def renamed_amsterdam():
    """Amsterdam renamed behind the services' back, with an empty cache so that pages show it."""
    Municipality.objects.filter(code="GM0363").update(name="Mokum")
    cache.clear()


def api_names(client, params=AMSTERDAM) -> list[str]:
    return [item["name"] for item in client.get(API_URL, params).json()["results"]]


def test_a_reference_data_load_that_changes_something_bumps_the_version(renamed_amsterdam):
    before = data_version()
    call_command("load_reference_data", verbosity=0)
    assert data_version() > before
    assert Municipality.objects.get(code="GM0363", valid_to=None).name == "Amsterdam"


def test_a_reference_data_load_that_changes_nothing_keeps_the_version():
    before = data_version()
    call_command("load_reference_data", verbosity=0)
    assert data_version() == before


def test_the_list_page_follows_a_reference_data_load(client, renamed_amsterdam, django_assert_max_num_queries):
    assert ">Mokum</a>" in client.get(LIST_URL, {"q": "0363"}).content.decode()
    with django_assert_max_num_queries(1):  # from the cache: only the data version is read
        assert ">Mokum</a>" in client.get(LIST_URL, {"q": "0363"}).content.decode()
    call_command("load_reference_data", verbosity=0)
    html = client.get(LIST_URL, {"q": "0363"}).content.decode()
    assert ">Amsterdam</a>" in html and "Mokum" not in html


def test_the_api_follows_a_reference_data_load(client, renamed_amsterdam, django_assert_max_num_queries):
    assert api_names(client) == ["Mokum"]
    with django_assert_max_num_queries(1):
        assert api_names(client) == ["Mokum"]
    call_command("load_reference_data", verbosity=0)
    assert api_names(client) == ["Amsterdam"]


def test_api_pages_and_hosts_are_cached_apart(client):
    first = client.get(API_URL, {"date": "2014-01-01"}).json()
    second = client.get(API_URL, {"date": "2014-01-01", "page": 2}).json()
    assert first["results"] != second["results"]
    assert first["next"].startswith("http://testserver/") and "page=2" in first["next"]
    elsewhere = client.get(API_URL, {"date": "2014-01-01"}, HTTP_HOST="localhost").json()
    assert elsewhere["next"].startswith("http://localhost/")
    assert elsewhere["results"] == first["results"]


def test_api_size_class_labels_follow_the_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(API_URL, AMSTERDAM).json()["results"][0]["size_class"]["label"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = client.get(API_URL, AMSTERDAM).json()["results"][0]["size_class"]["label"]
    assert english != dutch


def test_the_list_page_is_cached_per_language():
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = visitor.get(LIST_URL).content.decode()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = visitor.get(LIST_URL).content.decode()
    assert "Municipalities with province, inhabitants and size class" in english
    assert "Gemeenten met provincie, inwoners en grootteklasse" in dutch
    assert "Municipalities with province" not in dutch
