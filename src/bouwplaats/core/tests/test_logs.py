# SPDX-License-Identifier: EUPL-1.2
"""Logs: every line of a request carries its id and user id; JSON in production (core.logs)."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from bouwplaats.core import logs

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bouwplaats.core.tests.logs_urls")]

REPOSITORY = Path(__file__).resolve().parents[4]


@pytest.fixture
def json_lines():
    """Every log line at INFO and above, rendered as in production, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.formatter("json"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
def user():
    return get_user_model().objects.create_user(
        "jan.jansen@example.org", "a-Long-test-passw0rd", full_name="Jan Jansen"
    )


def by_event(lines: list[dict]) -> dict[str, dict]:
    return {line["event"]: line for line in lines}


def test_a_signed_in_request_logs_json_lines_with_its_request_id_and_user_id(client, user, json_lines):
    client.force_login(user)

    response = client.get(reverse("signed-in"), headers={"X-Request-ID": "req-2026-abc"})

    assert response["X-Request-ID"] == "req-2026-abc"
    lines = by_event(json_lines())
    for event in ("in_view", "request_finished"):
        line = lines[event]
        assert line["request_id"] == "req-2026-abc"
        assert line["user_id"] == user.pk
        assert line["level"] == "info"
        assert line["timestamp"].endswith("Z")
    assert lines["in_view"]["logger"] == "bouwplaats.core.tests"
    assert lines["request_finished"] | {"duration_ms": 0} == {
        "event": "request_finished",
        "logger": "bouwplaats.requests",
        "level": "info",
        "timestamp": lines["request_finished"]["timestamp"],
        "request_id": "req-2026-abc",
        "user_id": user.pk,
        "method": "GET",
        "path": reverse("signed-in"),
        "status": 200,
        "duration_ms": 0,
    }
    # Neither the e-mail address nor the name of the user, nor a record's other attributes.
    text = json.dumps(json_lines())
    assert "jan.jansen" not in text and "Jansen" not in text and "ignored" not in text


@pytest.mark.parametrize("header", [None, "", "has space", "line\nbreak", "x" * 129, "<script>", "é"])
def test_without_a_sane_incoming_id_a_new_one_is_made_and_returned(client, json_lines, header):
    headers = {} if header is None else {"X-Request-ID": header}

    response = client.get(reverse("no-user"), headers=headers)

    request_id = response["X-Request-ID"]
    assert request_id != header and len(request_id) == 32 and int(request_id, 16) >= 0
    assert {line["request_id"] for line in json_lines()} == {request_id}


def test_each_request_gets_its_own_id_and_nothing_is_left_bound_after_it(client, json_lines):
    first = client.get(reverse("no-user"))["X-Request-ID"]
    second = client.get(reverse("no-user"))["X-Request-ID"]
    logging.getLogger("bouwplaats.core.tests").info("after")

    assert first != second
    assert [line.get("request_id") for line in json_lines()] == [first, first, second, second, None]


def test_the_user_is_not_loaded_for_the_log_so_a_page_that_does_not_need_it_asks_nothing(
    client, user, json_lines, django_assert_num_queries
):
    client.force_login(user)

    with django_assert_num_queries(0):
        client.get(reverse("no-user"))

    assert all("user_id" not in line for line in json_lines())


def test_an_anonymous_request_has_no_user_id(client, json_lines):
    client.get(reverse("signed-in"))

    lines = json_lines()
    assert lines and all("user_id" not in line and line["request_id"] for line in lines)


def test_a_task_logs_with_its_task_id_and_the_request_id_of_the_request_that_queued_it(client, user, json_lines):
    client.force_login(user)

    response = client.get(reverse("task"), headers={"X-Request-ID": "queued-by-me"})

    lines = by_event(json_lines())
    assert lines["in_task"]["task_name"] == "core.tests.log_in_task"
    assert len(lines["in_task"]["task_id"]) == 36
    assert lines["in_task"]["request_id"] == "queued-by-me"
    # Once the task is done, the request's lines no longer carry it.
    assert lines["request_finished"]["request_id"] == "queued-by-me"
    assert "task_id" not in lines["request_finished"]
    assert response["X-Request-ID"] == "queued-by-me"


def test_a_task_in_a_worker_gets_the_request_id_from_its_message(json_lines):
    class Request:
        request_id = "from-the-message"

    class Task:
        name = "some.task"
        request = Request()

    logs.task_started(task_id="t-1", task=Task())
    logging.getLogger("bouwplaats.worker").warning("working")
    logs.task_finished(task_id="t-1")
    logging.getLogger("bouwplaats.worker").warning("idle")

    working, idle = json_lines()
    assert (working["task_id"], working["task_name"], working["request_id"]) == ("t-1", "some.task", "from-the-message")
    assert "task_id" not in idle and "request_id" not in idle


def test_a_task_queued_during_a_request_carries_its_id_in_the_message_headers():
    headers = {}
    with logs.RequestContext(type("Request", (), {"headers": {"X-Request-ID": "abc"}})()):
        logs.task_publishing(headers=headers)
    assert headers == {"request_id": "abc"}


def test_the_secret_parts_of_a_signed_link_are_not_logged(client, json_lines):
    client.get(reverse("signed-link", args=["MTIz", "cg3abc-0123456789abcdef"]))

    finished = by_event(json_lines())["request_finished"]
    assert finished["path"] == "/activate/[uidb64]/[token]/"
    assert "cg3abc" not in json.dumps(json_lines())


def test_plain_lines_for_development_and_an_unknown_format_refused():
    record = logging.LogRecord("bouwplaats.x", logging.WARNING, __file__, 1, "hello %s", ("world",), None)
    line = logs.formatter("plain").format(record)
    assert "hello world" in line and "warning" in line and "[bouwplaats.x]" in line
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        logs.logging_config("xml", "INFO")


def run_python(code: str, **environment) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY / "src"), **environment}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True)


def test_production_logs_json_by_default_and_plain_when_asked():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('bouwplaats.x').warning('started'); "
        "logging.getLogger('bouwplaats.x').debug('details')"
    )
    production = {
        "DJANGO_SETTINGS_MODULE": "bouwplaats.conf.production",
        "SECRET_KEY": "p" * 20 + "Q7-x" * 10 + "z9" * 10,
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",  # production refuses to start without a real broker
        "LOG_LEVEL": "INFO",
    }

    [line] = run_python(code, **production).stderr.splitlines()
    assert json.loads(line) | {"timestamp": None} == {
        "event": "started",
        "level": "warning",
        "logger": "bouwplaats.x",
        "timestamp": None,
    }

    plain = run_python(code, **{**production, "LOG_FORMAT": "plain", "LOG_LEVEL": "DEBUG"}).stderr.splitlines()
    assert len(plain) == 2 and "[warning  ] started" in plain[0] and "details" in plain[1]
