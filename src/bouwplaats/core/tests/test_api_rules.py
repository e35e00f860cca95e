# SPDX-License-Identifier: EUPL-1.2
"""The NL API Design Rules as the API keeps them, for every app's endpoints (core.api, core.problems,
core.middleware.ApiHeadersMiddleware, core.api_schema)."""

import pytest
import yaml
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bouwplaats import __version__
from bouwplaats.catalogue.tests.factories import CoordinatorFactory
from bouwplaats.core.testing import invalid_params

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture
def api_client():
    return APIClient()


def api_routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from api_routes(pattern, route)
        elif isinstance(pattern, URLPattern) and route.startswith(("api/", "^api/")):
            yield route


def test_no_api_route_ends_in_a_slash():
    routes = list(api_routes())
    assert len(routes) > 50
    assert [route for route in routes if route.rstrip("$").endswith("/")] == []


def test_a_trailing_slash_is_a_404_problem_not_a_redirect(client):
    response = client.get(reverse("municipality-list") + "/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 404 and response.json()["instance"] == "/api/v1/municipalities/"
    assert response["API-Version"] == __version__
    assert client.get(reverse("municipality-list")).status_code == 200


def test_a_non_numeric_id_is_a_404(api_client):
    api_client.force_authenticate(CoordinatorFactory())
    assert api_client.post("/api/v1/ideas/abc/vote").status_code == 404
    assert api_client.get("/api/v1/impact/scenarios/x/municipalities/GM0363").status_code == 404


def test_validation_errors_are_problems_with_invalid_params(client):
    response = client.get(reverse("municipality-list"), {"date": "gisteren", "sizeClass": 9})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["title"] == "Bad Request" and body["status"] == 400
    assert set(invalid_params(response)) == {"date", "sizeClass"}
    assert all(param["reason"] for param in body["invalidParams"])


def test_missing_or_wrong_credentials_are_401_and_forbidden_is_403(api_client):
    anonymous = api_client.post(reverse("programme-list"), {}, format="json")
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"] == "Token"
    assert anonymous["Content-Type"] == PROBLEM and anonymous.json()["code"] == "not_authenticated"
    wrong = api_client.get(reverse("municipality-list"), HTTP_AUTHORIZATION="Token nope")
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"] == "Token"
    token = Token.objects.create(user=CoordinatorFactory())
    forbidden = api_client.post(reverse("programme-list"), {}, format="json", HTTP_AUTHORIZATION=f"Token {token}")
    assert forbidden.status_code == 403 and forbidden["Content-Type"] == PROBLEM


@pytest.mark.parametrize("name", ["municipality-list", "province-list", "api-schema", "api-docs"])
def test_every_api_response_carries_the_version(client, name):
    assert client.get(reverse(name))["API-Version"] == __version__


def test_cors_allows_another_site_to_read_public_data_without_credentials(client):
    read = client.get(reverse("municipality-list"), HTTP_ORIGIN="https://elders.example")
    assert read["Access-Control-Allow-Origin"] == "*"
    assert "API-Version" in read["Access-Control-Expose-Headers"]
    assert not read.has_header("Access-Control-Allow-Credentials")
    preflight = client.options(
        reverse("municipality-list"), HTTP_ORIGIN="https://elders.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204 and "GET" in preflight["Access-Control-Allow-Methods"]


def test_cors_does_not_allow_a_write(client):
    preflight = client.options(
        reverse("programme-list"), HTTP_ORIGIN="https://elders.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert not preflight.has_header("Access-Control-Allow-Origin")
    write = client.post(reverse("programme-list"), {}, HTTP_ORIGIN="https://elders.example")
    assert not write.has_header("Access-Control-Allow-Origin")


def test_pages_get_no_api_headers(client):
    response = client.get("/", HTTP_ORIGIN="https://elders.example")
    assert not response.has_header("API-Version") and not response.has_header("Access-Control-Allow-Origin")


def test_the_schema_is_served_as_json_and_yaml(client):
    as_json = client.get("/api/v1/openapi.json")
    assert as_json.status_code == 200 and as_json["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = as_json.json()
    assert schema["info"]["version"] == __version__
    assert schema["servers"] == [{"url": "/api/v1", "description": "This site's API, version 1"}]
    assert {"name", "url", "email"} <= set(schema["info"]["contact"])
    as_yaml = yaml.safe_load(client.get("/api/v1/openapi.yaml").content)
    assert as_yaml["paths"].keys() == schema["paths"].keys()
    operation = schema["paths"]["/municipalities"]["get"]
    assert {"200", "400", "401", "403", "404", "429", "503"} <= set(operation["responses"])
    assert all("API-Version" in response["headers"] for response in operation["responses"].values())
    assert PROBLEM in operation["responses"]["400"]["content"]
