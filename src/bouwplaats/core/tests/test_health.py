# SPDX-License-Identifier: EUPL-1.2
import dataclasses

import pytest
from django.urls import reverse
from health_check.exceptions import ServiceUnavailable

from bouwplaats.core import health

pytestmark = pytest.mark.django_db

REDIS_BROKER = "redis://127.0.0.1:6399/0"


def test_liveness_touches_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("health-live"))
    assert response.status_code == 200 and response.content == b"ok"


def test_healthy_site_reports_each_check_as_json(client):
    response = client.get(reverse("health"), {"format": "json"})
    assert response.status_code == 200
    # Development and tests run tasks in-process: there is no broker to check.
    assert response.json() == {"database": "OK", "cache": "OK", "disk": "OK"}
    assert "no-cache" in response["Cache-Control"]


def test_json_when_the_client_asks_for_it(client):
    response = client.get(reverse("health"), HTTP_ACCEPT="application/json")
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"database", "cache", "disk"}


def test_page_lists_the_checks(client):
    response = client.get(reverse("health"), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Systeemstatus: in orde</h1>" in page
    assert '<th scope="row">database</th>' in page and '<th scope="row">disk</th>' in page


def test_a_redis_broker_is_pinged_and_reported_when_down(client, settings):
    settings.CELERY_BROKER_URL = REDIS_BROKER  # a port where nothing listens
    response = client.get(reverse("health"), {"format": "json"})
    assert response.status_code == 500
    body = response.json()
    assert body["database"] == "OK" and body["cache"] == "OK"
    assert body["broker"].startswith("Unavailable: Unable to connect to Redis")


def test_a_redis_broker_that_answers_is_healthy(client, settings, monitor_pings):
    settings.CELERY_BROKER_URL = REDIS_BROKER
    response = client.get(reverse("health"), {"format": "json"})
    assert response.status_code == 200, response.json()
    assert response.json()["broker"] == "OK"
    assert monitor_pings == [REDIS_BROKER]


def test_another_broker_asks_a_worker(settings):
    settings.CELERY_BROKER_URL = "amqp://guest@127.0.0.1:5672//"
    assert [repr(check) for check in health.configured_checks()] == ["database", "cache", "broker", "disk"]
    assert isinstance(health.configured_checks()[2], health.CeleryBrokerCheck)


def test_a_full_disk_is_unhealthy(client, settings):
    settings.HEALTH_CHECK_DISK_USAGE_MAX = 0.001
    response = client.get(reverse("health"), {"format": "json"})
    assert response.status_code == 500
    assert response.json()["disk"].startswith("Warning:") and response.json()["database"] == "OK"


def test_the_disk_of_a_media_root_not_made_yet(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "not" / "yet"
    assert health.existing_folder(settings.MEDIA_ROOT) == str(tmp_path)


def test_a_failing_database_is_reported(client, monkeypatch):
    def refuse(self):
        raise ServiceUnavailable("connection refused")

    monkeypatch.setattr(health.DatabaseCheck, "run", refuse)
    response = client.get(reverse("health"), {"format": "json"})
    assert response.status_code == 500
    assert response.json()["database"] == "Unavailable: connection refused"


@pytest.fixture
def monitor_pings(monkeypatch):
    """Stands in for a Redis that answers: records the URLs pinged."""
    pinged = []

    @dataclasses.dataclass
    class Answering:
        url: str

        async def ping(self):
            pinged.append(self.url)
            return True

        async def aclose(self):
            return None

    monkeypatch.setattr(health, "broker_client", lambda url: lambda: Answering(url))
    return pinged
