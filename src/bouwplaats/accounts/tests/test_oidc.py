# SPDX-License-Identifier: EUPL-1.2
"""Signing in through the organisation, against a real OpenID provider on loopback.

The provider (django-oauth-toolkit, ``oidc_provider/``) runs in its own process with an RSA key
made here. Each test goes through the whole authorization code flow: Bouwplaats sends the browser
to the provider, the person logs in there (the client skips the consent page), the provider sends
the browser back with a code, and Bouwplaats exchanges the code over HTTP and checks the id_token
against the provider's published keys.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.messages import get_messages
from django.urls import reverse

from bouwplaats.accounts.models import Membership, Role, User

from .factories import StaffFactory, UserFactory
from .oidc_provider import CLIENT_ID, CLIENT_SECRET, PASSWORD

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[3]
CLAIMS = {
    "ann": {"email": "Ann.Coordinator@Example.org", "email_verified": True},
    "stranger": {"email": "nobody-here@example.org", "email_verified": True},
    "unverified": {"email": "ursula@example.org", "email_verified": False},
    "groups": {"email": "gus@example.org", "email_verified": True, "groups": ["staff"], "role": "admin"},
    "staffer": {"email": "sam.staff@example.org", "email_verified": True},
}


@pytest.fixture(scope="session")
def provider(tmp_path_factory):
    """The provider's address; its process runs for the whole test session."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    folder = tmp_path_factory.mktemp("oidc-provider")
    (folder / "claims.json").write_text(json.dumps(CLAIMS))
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "PROVIDER_DATABASE": str(folder / "provider.sqlite3"),
        "PROVIDER_CLAIMS": str(folder / "claims.json"),
        "PROVIDER_RSA_KEY": pem,
        # The test client's host: the provider only names this address, the test client opens it.
        "PROVIDER_REDIRECT_URI": "http://testserver" + reverse("accounts:oidc-callback"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bouwplaats.accounts.tests.oidc_provider.serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    line = process.stdout.readline()
    if not line.strip().isdigit():
        process.kill()
        raise RuntimeError(f"The test provider did not start: {process.stderr.read().decode()}")
    yield f"http://127.0.0.1:{int(line)}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def oidc(settings, provider):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/o/.well-known/jwks.json"
    return provider


def sign_in_through_provider(client, provider: str, username: str, next_page: str = ""):
    """The whole flow; returns Bouwplaats's answer to the provider's redirect back."""
    start = client.get(reverse("accounts:oidc-login"), {"next": next_page} if next_page else {})
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider}/o/authorize/")
    assert "code_challenge=" in start["Location"]

    browser = requests.Session()
    to_login = browser.get(start["Location"], allow_redirects=False, timeout=10)
    assert to_login.status_code == 302
    login_url = urljoin(provider, to_login.headers["Location"])
    form = browser.get(login_url, timeout=10)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    logged_in = browser.post(
        login_url,
        data={
            "csrfmiddlewaretoken": csrf,
            "username": username,
            "password": PASSWORD,
            "next": parse_qs(urlsplit(login_url).query)["next"][0],
        },
        allow_redirects=False,
        timeout=10,
    )
    assert logged_in.status_code == 302, logged_in.text
    back = browser.get(urljoin(provider, logged_in.headers["Location"]), allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text
    callback = urlsplit(back.headers["Location"])
    assert callback.path == reverse("accounts:oidc-callback")
    assert "code" in parse_qs(callback.query)
    return client.get(f"{callback.path}?{callback.query}")


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_verified_email_of_an_existing_account_signs_in(client, oidc):
    ann = UserFactory(email="ann.coordinator@example.org", preferred_language="en")
    next_page = reverse("accounts:account")
    response = sign_in_through_provider(client, oidc, "ann", next_page=next_page)
    assert response.status_code == 302
    assert response["Location"] == next_page
    assert signed_in_user_id(client) == str(ann.pk)
    assert client.get(next_page).status_code == 200


def test_an_unknown_email_is_refused_and_no_account_is_made(client, oidc):
    users = User.objects.count()
    response = sign_in_through_provider(client, oidc, "stranger")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert signed_in_user_id(client) is None
    assert User.objects.count() == users
    assert not User.objects.filter(email__iexact="nobody-here@example.org").exists()
    assert any("no active account on this site" in message for message in shown_messages(response))


def test_an_unverified_email_is_refused(client, oidc):
    UserFactory(email="ursula@example.org")
    response = sign_in_through_provider(client, oidc, "unverified")
    assert response["Location"] == reverse("accounts:login")
    assert signed_in_user_id(client) is None
    assert any("did not confirm your e-mail address" in message for message in shown_messages(response))
    page = client.get(response["Location"])
    assert b"did not confirm your e-mail address" in page.content


def test_an_inactive_account_is_refused(client, oidc):
    UserFactory(email="ann.coordinator@example.org", is_active=False)
    response = sign_in_through_provider(client, oidc, "ann")
    assert response["Location"] == reverse("accounts:login")
    assert signed_in_user_id(client) is None


def test_claims_such_as_groups_grant_nothing(client, oidc):
    gus = UserFactory(email="gus@example.org", preferred_language="en")
    sign_in_through_provider(client, oidc, "groups")
    assert signed_in_user_id(client) == str(gus.pk)
    gus.refresh_from_db()
    assert (gus.role, gus.is_staff, gus.is_superuser) == (Role.MEMBER, False, False)
    assert not Membership.objects.filter(user=gus).exists()
    assert client.get(reverse("accounts:membership-requests")).status_code == 403


def test_staff_signed_in_through_the_provider_still_set_up_their_second_factor(client, oidc, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = True
    StaffFactory(email="sam.staff@example.org", preferred_language="en")
    page = reverse("accounts:membership-requests")
    response = sign_in_through_provider(client, oidc, "staffer", next_page=page)
    assert response["Location"] == page
    held = client.get(page)
    assert held.status_code == 302
    assert held["Location"].startswith(reverse("accounts:two-factor-setup"))


def test_the_login_page_offers_the_organisation_only_when_enabled(client, settings):
    settings.OIDC_ENABLED = False
    assert b"Log in through your organisation" not in client.get(reverse("accounts:login")).content
    assert client.get(reverse("accounts:oidc-login")).status_code == 404
    assert client.get(reverse("accounts:oidc-callback")).status_code == 404
    settings.OIDC_ENABLED = True
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example.org/authorize"
    page = client.get(reverse("accounts:login"), {"next": "/kennis/"})
    assert b"Log in through your organisation" in page.content
    assert (reverse("accounts:oidc-login") + "?next=/kennis/").encode() in page.content  # the path as text


def test_a_password_login_is_not_taken_for_an_oidc_callback(client, settings):
    settings.OIDC_ENABLED = True
    user = UserFactory(preferred_language="en")
    response = client.post(
        reverse("accounts:login") + "?code=forged&state=forged", {"username": user.email, "password": "wrong"}
    )
    assert response.status_code == 200
    assert signed_in_user_id(client) is None
