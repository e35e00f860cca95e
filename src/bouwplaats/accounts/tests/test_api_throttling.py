# SPDX-License-Identifier: EUPL-1.2
"""The API's rate limits (core.throttling): 429 with Retry-After, per address and per account."""

import pytest
from django.urls import reverse

from .factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("programme-list")


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "5/minute"},
    }
    return settings


def test_anonymous_requests_beyond_the_rate_get_429_with_retry_after(english_api_client, low_rates):
    api_client = english_api_client
    for _request in range(3):
        assert api_client.get(URL).status_code == 200
    response = api_client.get(URL)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "detail" in response.json()

    # Another address has a count of its own.
    assert api_client.get(URL, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_each_user_has_a_rate_of_their_own(english_api_client, low_rates):
    api_client = english_api_client
    first, second = UserFactory(), UserFactory()
    api_client.force_authenticate(first)
    for _request in range(5):  # more than the anonymous rate: a signed-in user counts per account
        assert api_client.get(URL).status_code == 200
    response = api_client.get(URL)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60

    api_client.force_authenticate(second)
    assert api_client.get(URL).status_code == 200


def test_the_test_settings_throttle_at_rates_no_test_reaches(english_api_client):
    api_client = english_api_client
    for _request in range(20):
        assert api_client.get(URL).status_code == 200
