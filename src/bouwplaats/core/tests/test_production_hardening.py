# SPDX-License-Identifier: EUPL-1.2
"""Production settings: cookies, HSTS and request limits, read from a process started with them."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
GOOD_KEY = "q8Vn2rT0pLm4Xz7WcYb1Hs5Kd9Jf3Ga6Ue0Ri8Oo2Pw4Nx6Mv1Bt7Cy5Dk3El9Fj"
NAMES = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SAMESITE",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "MAX_REQUEST_BODY_BYTES",
]


def production_settings(**environment: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "SECURE_HSTS_PRELOAD"}}
    production = {"DJANGO_SETTINGS_MODULE": "bouwplaats.conf.production", "SECRET_KEY": GOOD_KEY}
    env.update({**production, "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0", **environment})
    code = (
        f"import json; from django.conf import settings as s;print(json.dumps({{n: getattr(s, n) for n in {NAMES!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_cookies_are_secure_and_same_site():
    values = production_settings()
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["LANGUAGE_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is False  # off unless the domain is submitted to the preload list
    assert values["MAX_REQUEST_BODY_BYTES"] == 55 * 1024 * 1024


def test_hsts_preload_and_the_body_limit_follow_the_environment():
    values = production_settings(SECURE_HSTS_PRELOAD="true", MAX_REQUEST_BODY_BYTES="1048576")
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["MAX_REQUEST_BODY_BYTES"] == 1048576
