# SPDX-License-Identifier: EUPL-1.2
"""The API plumbing of every list: numbered pages with X-Total-Count and Link, ETags on details, timeouts."""

import json
import re

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from bouwplaats.core import failures
from bouwplaats.core.api import Pagination
from bouwplaats.core.middleware import ApiStatementTimeoutMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_client():
    return APIClient()


def links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.get("Link", ""))}


@pytest.mark.parametrize("name", ["municipality-list", "building-block-list"])
def test_numbered_pages_send_the_count_and_links(api_client, name):
    url = reverse(name)
    first = api_client.get(url, {Pagination.page_size_query_param: 2})
    data = first.json()
    assert first["X-Total-Count"] == str(data["count"]) and data["count"] > 4
    assert links(first) == {"next": data["next"]}
    second = api_client.get(data["next"])
    assert links(second) == {"next": second.json()["next"], "prev": second.json()["previous"]}
    # Served again from the cache (the municipalities): the same headers.
    again = api_client.get(url, {Pagination.page_size_query_param: 2})
    assert again["X-Total-Count"] == first["X-Total-Count"] and again["Link"] == first["Link"]


def test_a_detail_answers_304_while_unchanged(api_client, django_user_model):
    slug = api_client.get(reverse("programme-list")).json()["results"][0]["slug"]
    url = reverse("programme-detail", args=[slug])
    tag = api_client.get(url)["ETag"]
    assert api_client.get(url, HTTP_IF_NONE_MATCH=f'W/{tag}, "other"').status_code == 304
    assert api_client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    user = django_user_model.objects.create_user(email="reader@example.org", password="x")
    api_client.force_authenticate(user)
    assert api_client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200  # another reader, another tag


def _query_canceled() -> OperationalError:
    class QueryCanceled(Exception):
        sqlstate = "57014"

    error = OperationalError("canceling statement due to statement timeout")
    error.__cause__ = QueryCanceled()
    return error


def test_a_statement_timeout_answers_503_with_a_problem(settings):
    settings.API_STATEMENT_TIMEOUT_MS = 4000
    request = RequestFactory().get("/api/v1/status-events/")
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "en"
    middleware = ApiStatementTimeoutMiddleware(lambda request: None)
    response = middleware.process_exception(request, _query_canceled())
    assert response.status_code == 503 and response["Retry-After"]
    assert response["Content-Type"] == "application/problem+json"
    assert "after 4 seconds" in json.loads(response.content)["detail"]
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "nl"
    assert "na 4 seconden" in json.loads(middleware.process_exception(request, _query_canceled()).content)["detail"]
    assert middleware.process_exception(request, OperationalError("database is locked")) is None
    assert not failures.is_connection_error(_query_canceled())
