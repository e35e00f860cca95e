# SPDX-License-Identifier: EUPL-1.2
import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.urls import reverse

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def axes_on(settings):
    """Throttling is off in the test settings; switch it on with a clean slate.

    Axes reads its settings at run time, so overriding them per test is enough; reset()
    clears earlier attempts through the configured handler.
    """
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    reset()
    yield settings
    reset()


def test_repeated_failures_lock_out(client, axes_on):
    user = UserFactory(email="target@example.org")
    url = reverse("accounts:login")
    limit = axes_on.AXES_FAILURE_LIMIT
    for _attempt in range(limit - 1):
        response = client.post(url, {"username": user.email, "password": "wrong-password"})
        assert response.status_code == 200
        assert response.context["form"].errors
    response = client.post(url, {"username": user.email, "password": "wrong-password"})
    assert response.status_code == 429
    assert AccessAttempt.objects.get(username=user.email).failures_since_start == limit

    # Locked: even the right password is refused, with our lockout page.
    response = client.post(url, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert b"<h1>" in response.content
    assert "_auth_user_id" not in client.session
    assert reverse("accounts:password-reset").encode() in response.content


def test_other_account_is_not_locked(client, axes_on):
    target = UserFactory(email="target@example.org")
    other = UserFactory(email="other@example.org")
    url = reverse("accounts:login")
    for _attempt in range(axes_on.AXES_FAILURE_LIMIT + 1):
        client.post(url, {"username": target.email, "password": "wrong-password"})
    response = client.post(url, {"username": other.email, "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == other.pk


def test_failures_in_any_case_count_for_one_address(client, axes_on):
    """Changing the case of the e-mail address (or adding spaces) does not get fresh attempts."""
    axes_on.AXES_FAILURE_LIMIT = 5
    user = UserFactory(email="coord@example.org")
    url = reverse("accounts:login")
    variants = ["coord@example.org", "COORD@example.org", "Coord@Example.org", " coord@EXAMPLE.ORG "]
    variants.append("cOoRd@example.org")
    for variant in variants[:-1]:
        response = client.post(url, {"username": variant, "password": "wrong-password"})
        assert response.status_code == 200
    response = client.post(url, {"username": variants[-1], "password": "wrong-password"})
    assert response.status_code == 429
    assert AccessAttempt.objects.get().username == "coord@example.org"
    assert AccessAttempt.objects.get().failures_since_start == 5

    # Every variant is locked out, even with the right password.
    for variant in ["COORD@EXAMPLE.ORG", "coord@example.org", "Coord@example.org"]:
        response = client.post(url, {"username": variant, "password": PASSWORD})
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session
    assert user.pk  # the account itself is untouched


def test_login_ignores_the_case_of_the_address(client, axes_on):
    user = UserFactory(email="coord@example.org")
    response = client.post(reverse("accounts:login"), {"username": " COORD@Example.ORG ", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
