# SPDX-License-Identifier: EUPL-1.2
"""Error reports to Sentry carry no personal data (core.sentry)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import sentry_sdk

import bouwplaats
from bouwplaats.core.sentry import FILTERED, scrub_event


def sample_event(url="https://bouwplaats.example.nl/account/inloggen/") -> dict:
    return {
        "event_id": "0f3c",
        "level": "error",
        "release": "bouwplaats@0.2.0",
        "environment": "production",
        "message": "Login of jan.jansen@example.org failed",
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": "No membership for Jan.Jansen+werk@gemeente-utrecht.nl",
                    "stacktrace": {"frames": [{"function": "login", "vars": {"email": "x", "attempts": 3}}]},
                }
            ]
        },
        "user": {"id": 42, "email": "jan.jansen@example.org", "username": "jan.jansen@example.org", "name": "Jan"},
        "request": {
            "url": url,
            "method": "POST",
            "query_string": "next=/account/&e=piet%40example.org&mail=piet@example.org",
            "cookies": {"sessionid": "abc", "csrftoken": "def"},
            "headers": {
                "Authorization": "Token 0123456789abcdef",
                "Cookie": "sessionid=abc",
                "User-Agent": "Firefox",
                "X-Request-ID": "req-1",
            },
            "data": {"username": "jan.jansen@example.org", "password": "secret", "remember": "on"},
            "env": {"REMOTE_ADDR": "192.0.2.1", "SERVER_NAME": "web-1"},
        },
        "breadcrumbs": {"values": [{"category": "query", "message": "SELECT … WHERE email = 'an@example.org'"}]},
        "extra": {"form": {"first_name": "Jan", "last_name": "Jansen", "full_name": "Jan Jansen"}},
        "contexts": {"runtime": {"name": "CPython", "version": "3.11.7"}},
        "tags": {"request_id": "req-1"},
    }


def test_the_scrubber_removes_personal_data_and_keeps_what_helps_to_fix_the_error():
    event = scrub_event(sample_event(), {})
    text = json.dumps(event)

    for personal in (
        "jan.jansen",
        "Jan.Jansen",
        "piet@",
        "an@example.org",
        "Jansen",
        "secret",
        "0123456789",
        "192.0.2.1",
    ):
        assert personal not in text, personal
    assert event["user"] == {"id": 42}
    assert "cookies" not in event["request"] and "env" not in event["request"]
    assert event["request"]["headers"] == {"User-Agent": "Firefox", "X-Request-ID": "req-1"}
    assert event["request"]["data"] == FILTERED  # a login form's body is never sent
    assert event["message"] == f"Login of {FILTERED} failed"
    assert event["exception"]["values"][0]["value"] == f"No membership for {FILTERED}"
    assert event["exception"]["values"][0]["stacktrace"]["frames"][0]["vars"] == {"email": FILTERED, "attempts": 3}
    assert event["extra"]["form"] == {"first_name": FILTERED, "last_name": FILTERED, "full_name": FILTERED}
    # What is not personal stays.
    assert event["request"]["url"] == "https://bouwplaats.example.nl/account/inloggen/"
    assert event["contexts"] == {"runtime": {"name": "CPython", "version": "3.11.7"}}
    assert event["tags"] == {"request_id": "req-1"}
    assert (event["release"], event["environment"], event["level"]) == ("bouwplaats@0.2.0", "production", "error")


def test_the_body_of_other_forms_stays_without_e_mail_addresses_and_passwords():
    event = scrub_event(sample_event("https://bouwplaats.example.nl/kennis/vragen/nieuw/"), {})

    assert event["request"]["data"] == {"username": FILTERED, "password": FILTERED, "remember": "on"}


def test_every_login_registration_and_password_page_drops_its_body():
    for path in (
        "/account/inloggen/",
        "/account/registreren/",
        "/account/activeren/MQ/abc-123/",
        "/account/wachtwoord-vergeten/",
        "/account/wachtwoord-herstellen/MQ/set-password/",
        "/account/wachtwoord-wijzigen/",
        "/admin/login/",
    ):
        assert scrub_event(sample_event(f"https://b.example.nl{path}"))["request"]["data"] == FILTERED, path


def test_an_event_without_request_or_user_passes():
    assert scrub_event({"message": "worker lost", "level": "error"}, None) == {
        "message": "worker lost",
        "level": "error",
    }


def test_sentry_is_off_without_a_dsn():
    assert not sentry_sdk.get_client().is_active()


def test_with_a_dsn_sentry_reports_with_the_release_and_environment_and_without_personal_data():
    code = (
        "import json, django, sentry_sdk; django.setup(); o = sentry_sdk.get_client().options; "
        "print(json.dumps({k: o[k] for k in ('release', 'environment', 'send_default_pii', 'include_local_variables')}"
        " | {'before_send': o['before_send'].__name__, "
        "'integrations': sorted(sentry_sdk.get_client().integrations)}))"
    )
    environment = {
        **os.environ,
        "PYTHONPATH": str(Path(bouwplaats.__file__).parents[1]),
        "DJANGO_SETTINGS_MODULE": "bouwplaats.conf.test",
        "SENTRY_DSN": "https://public@sentry.example.invalid/1",
        "SENTRY_ENVIRONMENT": "acceptance",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60, check=True
    )

    options = json.loads(result.stdout)
    assert options | {"integrations": None} == {
        "release": f"bouwplaats@{bouwplaats.__version__}",
        "environment": "acceptance",
        "send_default_pii": False,
        "include_local_variables": False,
        "before_send": "scrub_event",
        "integrations": None,
    }
    assert {"django", "celery"} <= set(options["integrations"])
