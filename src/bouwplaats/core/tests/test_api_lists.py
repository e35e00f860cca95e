# SPDX-License-Identifier: EUPL-1.2
"""The API plumbing of every list: numbered pages with X-Total-Count and Link, ETags on details, timeouts."""

import json
import re
from pathlib import Path

import pytest
import yaml
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bouwplaats.catalogue.tests.factories import StaffFactory
from bouwplaats.core import failures
from bouwplaats.core.api import Pagination
from bouwplaats.core.middleware import ApiStatementTimeoutMiddleware

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).resolve().parents[4] / "docs" / "api" / "openapi.yaml"


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


def _schema() -> dict:
    return yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))


def test_every_read_sends_the_headers_its_schema_describes(api_client):
    """Each list and object without path parameters, as programme staff (who may read them all): the
    committed schema names ETag and X-Total-Count exactly where they are sent, Link wherever it is
    sent, and 304 where If-None-Match with the tag answers it."""
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=StaffFactory()).key}")
    checked = conditional = 0
    for path, item in _schema()["paths"].items():
        operation = item.get("get")
        if operation is None or "{" in path or path.startswith("/open-data"):
            continue
        response = api_client.get(f"/api/v1{path}", {Pagination.page_size_query_param: 1})
        if response.status_code != 200:
            continue  # one that needs parameters (a search, a municipality)
        declared = operation["responses"]["200"].get("headers", {})
        for header in ("ETag", "X-Total-Count"):
            assert response.has_header(header) == (header in declared), (path, header)
        if response.has_header("Link"):
            assert "Link" in declared, path
        if "304" in operation["responses"]:
            assert any(parameter["name"] == "If-None-Match" for parameter in operation["parameters"]), path
            again = api_client.get(
                f"/api/v1{path}", {Pagination.page_size_query_param: 1}, HTTP_IF_NONE_MATCH=response["ETag"]
            )
            assert again.status_code == 304 and again["ETag"] == response["ETag"] and not again.content, path
            conditional += 1
        checked += 1
    assert checked > 30 and conditional > 10


def test_the_schema_names_the_paging_and_tag_headers_of_a_list():
    schema = _schema()
    headers = schema["components"]["headers"]
    assert {"ETag", "Link", "X-Total-Count", "Retry-After", "API-Version"} <= set(headers)
    numbered = schema["paths"]["/municipalities"]["get"]["responses"]
    assert set(numbered["200"]["headers"]) == {"API-Version", "ETag", "Link", "X-Total-Count"}
    assert set(numbered["304"]["headers"]) == {"API-Version", "ETag"}
    assert "Retry-After" in numbered["429"]["headers"] and "Retry-After" in numbered["503"]["headers"]
    cursor = schema["paths"]["/status-events"]["get"]["responses"]["200"]["headers"]
    assert set(cursor) == {"API-Version", "ETag", "Link"}  # a cursor does not count the rows
    write = schema["paths"]["/building-blocks"]["post"]["responses"]
    assert "304" not in write and "ETag" not in write["201"].get("headers", {})
