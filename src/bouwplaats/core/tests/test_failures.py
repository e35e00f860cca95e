# SPDX-License-Identifier: EUPL-1.2
"""Requests the site cannot serve: a body too large (413, unread) and the database out of reach (503)."""

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse

from bouwplaats.architecture.importers.limits import MAX_FILE_BYTES
from bouwplaats.core import failures
from bouwplaats.suppliers.conformance.limits import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class UnreadableInput(io.RawIOBase):
    """A ``wsgi.input`` that fails the test when anything reads the body."""

    def readable(self):
        return True

    def read(self, *args):
        raise AssertionError("the body was read")

    readinto = readline = read


def call_site(path: str, content_length: int, cookie: str = "") -> tuple[str, dict[str, str], bytes]:
    """POST to the whole site (every middleware) through WSGI, with a body that must not be read."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie,
        "CONTENT_TYPE": "multipart/form-data; boundary=xyz",
        "CONTENT_LENGTH": str(content_length),
        "wsgi.input": UnreadableInput(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, dict(headers)

    body = b"".join(WSGIHandler()(environ, start_response))
    return started["status"], started["headers"], body


@pytest.fixture
def small_limit(settings):
    settings.MAX_REQUEST_BODY_BYTES = 3 * MB
    return settings


def test_a_page_refuses_a_body_above_the_limit_without_reading_it(small_limit):
    status, headers, body = call_site(reverse("architecture:model-import"), 3 * MB + 1)
    assert status.startswith("413")
    assert headers["Content-Type"].startswith("text/html")
    text = body.decode()
    assert "groter dan 3 MB" in text
    assert "larger than 3 MB" in text
    assert "Er is niets opgeslagen" in text


def test_the_api_refuses_a_body_above_the_limit_with_a_json_problem(small_limit):
    status, headers, body = call_site(reverse("programme-list"), 50 * MB, cookie="django_language=en")
    assert status.startswith("413")
    assert headers["Content-Type"] == "application/problem+json"
    assert b'"status": 413' in body
    assert b"larger than 3 MB; nothing was saved" in body


def test_a_body_within_the_limit_is_read_as_usual(small_limit, client):
    response = client.post(reverse("accounts:login"), {"username": "a@example.org", "password": "x" * 1000})
    assert response.status_code == 200  # the login form with its error, not 413


def test_the_default_limit_fits_the_largest_upload():
    assert max(MAX_FILE_BYTES, MAX_UPLOAD_BYTES) < settings.MAX_REQUEST_BODY_BYTES


def _unreachable(*args, **kwargs):
    """What Django raises when PostgreSQL refuses the connection."""
    try:
        raise psycopg.OperationalError('connection failed: connection to server at "127.0.0.1", port 5432 failed')
    except psycopg.OperationalError as exc:
        raise OperationalError(str(exc)) from exc


@pytest.fixture
def database_down(monkeypatch):
    monkeypatch.setattr(connection, "cursor", _unreachable)


def test_a_page_answers_503_when_the_database_is_unreachable(database_down):
    response = Client().get(reverse("catalogue:home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "De database is tijdelijk niet bereikbaar; er is niets opgeslagen, probeer het zo opnieuw." in text
    assert "The database is temporarily unreachable; nothing was saved, please try again shortly." in text


def test_a_post_answers_503_too(database_down):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "a@example.org", "password": "secret-secret"})
    assert response.status_code == 503


def test_the_api_answers_a_json_problem_with_503(database_down):
    response = Client().get(reverse("programme-list"), HTTP_COOKIE="django_language=en")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "The database is temporarily unreachable; nothing was saved, please try again shortly.",
        "instance": reverse("programme-list"),
    }


def test_handler500_answers_503_for_a_connection_error_raised_outside_a_view():
    request = RequestFactory().get("/")
    try:
        _unreachable()
    except OperationalError:
        assert sys.exc_info()[0] is OperationalError
        response = failures.server_error(request)
    assert response.status_code == 503
    assert b"tijdelijk niet bereikbaar" in response.content


def test_handler500_keeps_the_500_page_for_other_errors():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = failures.server_error(request)
    assert response.status_code == 500


def _wrapped(cause: Exception) -> OperationalError:
    try:
        raise cause
    except Exception as exc:
        try:
            raise OperationalError(str(exc)) from exc
        except OperationalError as wrapped:
            return wrapped


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_wrapped(psycopg.OperationalError("connection refused")), True),
        (_wrapped(psycopg.errors.AdminShutdown("terminating connection due to administrator command")), True),
        (_wrapped(psycopg.errors.DeadlockDetected("deadlock detected")), False),
        (_wrapped(psycopg.errors.LockNotAvailable("could not obtain lock")), False),
        (_wrapped(sqlite3.OperationalError("unable to open database file")), True),
        (_wrapped(sqlite3.OperationalError("database is locked")), False),
        (InterfaceError("connection already closed"), True),
        (ValueError("not a database error"), False),
    ],
)
def test_which_errors_are_the_database_out_of_reach(error, expected):
    assert failures.is_connection_error(error) is expected


def test_the_api_problem_is_dutch_by_default(database_down):
    response = Client().get(reverse("programme-list"))
    assert response.status_code == 503
    assert response.json()["detail"] == (
        "De database is tijdelijk niet bereikbaar; er is niets opgeslagen, probeer het zo opnieuw."
    )


CLOSED_PORT_SCRIPT = """
import django; django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client(raise_request_exception=False)
for path in ("/", "/api/v1/programmes"):
    response = client.get(path, HTTP_COOKIE="sessionid=abc")
    print(path, response.status_code, response["Retry-After"], response["Content-Type"])
"""


def test_a_database_on_a_closed_port_answers_503():
    """The real thing: PostgreSQL refuses the connection (nothing listens on port 1)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bouwplaats.conf.test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nothing?connect_timeout=2",
        "LOG_LEVEL": "CRITICAL",
        "PYTHONPATH": str(Path(__file__).resolve().parents[3]),  # src/
    }
    result = subprocess.run(
        [sys.executable, "-c", CLOSED_PORT_SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "/ 503 30 text/html; charset=utf-8",
        "/api/v1/programmes 503 30 application/problem+json",
    ]
