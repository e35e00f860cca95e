# SPDX-License-Identifier: EUPL-1.2
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[4]
GOOD_KEY = "q8Vn2rT0pLm4Xz7WcYb1Hs5Kd9Jf3Ga6Ue0Ri8Oo2Pw4Nx6Mv1Bt7Cy5Dk3El9Fj"
BROKER = "redis://127.0.0.1:6379/0"  # only named: no test here connects to it


def _start_production(secret_key: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env["DJANGO_SETTINGS_MODULE"] = "bouwplaats.conf.production"
    env["CELERY_BROKER_URL"] = BROKER
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "ERROR"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        "short",
        "django-insecure-development-only-key-do-not-use-in-production",
        "a" * 60,
        "changeme-changeme-changeme-changeme-changeme-changeme",
    ],
)
def test_production_refuses_an_unsafe_secret_key(key):
    result = _start_production(key)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_random_key_and_is_hardened():
    result = _start_production(GOOD_KEY)
    assert result.returncode == 0, result.stderr
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
        " 'default-src' in s.CONTENT_SECURITY_POLICY['DIRECTIVES'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bouwplaats.conf.production",
        "SECRET_KEY": GOOD_KEY,
        "CELERY_BROKER_URL": BROKER,
    }
    shell = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shell.stdout.split() == ["False", "True", "True", "True", "True"], shell.stderr


def test_check_secret_key_accepts_random_and_rejects_development_keys():
    from bouwplaats.conf.security import check_secret_key

    check_secret_key(GOOD_KEY)
    with pytest.raises(ImproperlyConfigured):
        check_secret_key("django-insecure-" + GOOD_KEY)


@pytest.mark.parametrize(
    ("cache_url", "engine"),
    [
        ("locmemcache://", "django.contrib.sessions.backends.db"),
        ("rediscache://127.0.0.1:6379/1", "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_sessions_are_cached_only_in_a_shared_cache(cache_url, engine):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bouwplaats.conf.production",
        "SECRET_KEY": GOOD_KEY,
        "CELERY_BROKER_URL": BROKER,
        "CACHE_URL": cache_url,
    }
    shell = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings as s; print(s.SESSION_ENGINE)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shell.stdout.strip() == engine, shell.stderr


def _production_shell(code: str, **variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"CONN_MAX_AGE", "DATABASE_URL"}}
    env.update(
        {"DJANGO_SETTINGS_MODULE": "bouwplaats.conf.production", "SECRET_KEY": GOOD_KEY, "CELERY_BROKER_URL": BROKER}
    )
    env.update(variables)
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("broker", ["memory://", ""])
def test_production_refuses_the_in_memory_broker(broker):
    result = _production_shell("print('started')", CELERY_BROKER_URL=broker)
    assert result.returncode != 0 and "started" not in result.stdout
    assert "ImproperlyConfigured: CELERY_BROKER_URL must name a real broker in production" in result.stderr


TASKS_AND_CONNECTIONS = (
    "from django.conf import settings as s; d = s.DATABASES['default'];"
    "print(s.CELERY_TASK_ALWAYS_EAGER, d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
)


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, ["False", "60", "True"]),
        ({"CONN_MAX_AGE": "300", "CELERY_TASK_ALWAYS_EAGER": "true"}, ["False", "300", "True"]),
        ({"DATABASE_URL": "postgres://u@db:5432/b?conn_max_age=600"}, ["False", "600", "True"]),
    ],
)
def test_production_queues_tasks_and_keeps_checked_connections(variables, expected):
    result = _production_shell(TASKS_AND_CONNECTIONS, **variables)
    assert result.stdout.split() == expected, result.stderr
