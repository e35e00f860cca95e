# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bouwplaats.accounts import services
from bouwplaats.accounts.models import MembershipStatus
from bouwplaats.audit.models import AuditEntry

from .factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_token_create_replace_revoke(member):
    first = services.api_token_create(actor=member)
    second = services.api_token_create(actor=member)
    assert first.key != second.key
    assert list(Token.objects.filter(user=member).values_list("key", flat=True)) == [second.key]
    services.api_token_revoke(actor=member)
    assert not Token.objects.filter(user=member).exists()
    with pytest.raises(ValidationError):
        services.api_token_revoke(actor=member)
    actions = list(AuditEntry.objects.filter(actor=member).values_list("action", flat=True))
    assert sorted(actions) == ["accounts.api_token.created", "accounts.api_token.created", "accounts.api_token.revoked"]
    # The key itself never goes into the audit log.
    assert not AuditEntry.objects.filter(changes__icontains=second.key).exists()


def test_token_needs_login():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.api_token_create(actor=AnonymousUser())


def test_token_on_account_page_is_shown_once(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:api-token"), {"action": "create"})
    assert response.status_code == 302
    key = Token.objects.get(user=member).key
    assert key in client.get(reverse("accounts:account")).content.decode()
    assert key not in client.get(reverse("accounts:account")).content.decode()
    client.post(reverse("accounts:api-token"), {"action": "revoke"})
    assert not Token.objects.filter(user=member).exists()


def test_me_with_token(member, amsterdam):
    MembershipFactory(user=member, municipality=amsterdam, status=MembershipStatus.APPROVED)
    token = services.api_token_create(actor=member)
    api = APIClient()
    response = api.get(reverse("api-me"), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    data = response.json()
    assert data["email"] == member.email
    assert data["role"] == "member"
    assert data["memberships"] == [
        {
            "id": data["memberships"][0]["id"],
            "municipality_code": "GM0363",
            "municipality_name": amsterdam.name,
            "status": "approved",
            "requested_at": data["memberships"][0]["requested_at"],
            "decided_at": None,
        }
    ]
    services.api_token_revoke(actor=member)
    assert api.get(reverse("api-me"), HTTP_AUTHORIZATION=f"Token {token.key}").status_code in (401, 403)


def test_me_anonymous_refused():
    response = APIClient().get(reverse("api-me"))
    assert response.status_code in (401, 403)
