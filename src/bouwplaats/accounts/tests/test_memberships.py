# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bouwplaats.accounts import selectors, services
from bouwplaats.accounts.models import Membership, MembershipStatus, Role
from bouwplaats.audit.models import AuditEntry
from bouwplaats.organisations.models import Municipality

from .factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_request_by_code_notifies_staff(client, member, staff, amsterdam, mail_on_commit):
    client.force_login(member)
    with mail_on_commit():
        response = client.post(
            reverse("accounts:membership-request"), {"municipality": "gm0363", "motivation": "Informatiemanager"}
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user=member)
    assert (membership.municipality, membership.status) == (amsterdam, MembershipStatus.PENDING)
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert "http://testserver/account/beheer/lidmaatschappen/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="accounts.membership.requested", object_id=str(membership.pk)).exists()
    page = client.get(reverse("accounts:account"))
    assert b"badge--pending" in page.content


def test_request_by_name_and_errors(client, member, amsterdam):
    client.force_login(member)
    response = client.post(reverse("accounts:membership-request"), {"municipality": "Amsterdam"})
    assert response.status_code == 302
    response = client.post(reverse("accounts:membership-request"), {"municipality": "amsterdam"})
    assert response.status_code == 400
    assert "open request" in str(response.context["membership_form"].errors["municipality"])
    response = client.post(reverse("accounts:membership-request"), {"municipality": "Nergenshuizen"})
    assert response.status_code == 400
    assert "No municipality found" in str(response.context["membership_form"].errors["municipality"])
    assert Membership.objects.filter(user=member).count() == 1


def test_ambiguous_name_lists_candidates(client, member):
    MunicipalityFactory(code="GM9901", name="Bergdorp-Noord")
    MunicipalityFactory(code="GM9902", name="Bergdorp-Zuid")
    client.force_login(member)
    response = client.post(reverse("accounts:membership-request"), {"municipality": "Bergdorp"})
    assert response.status_code == 400
    error = str(response.context["membership_form"].errors["municipality"])
    assert "GM9901" in error and "GM9902" in error
    assert not Membership.objects.exists()


def test_second_open_request_refused_by_service(member, amsterdam):
    services.membership_request(actor=member, municipality=amsterdam)
    with pytest.raises(ValidationError) as error:
        services.membership_request(actor=member, municipality=amsterdam)
    assert "municipality" in error.value.message_dict


def test_approve_makes_coordinator_and_mails_requester(client, member, staff, amsterdam, mail_on_commit):
    membership = services.membership_request(actor=member, municipality=amsterdam, notify=False)
    client.force_login(staff)
    prefix = f"m{membership.pk}"
    with mail_on_commit():
        response = client.post(
            reverse("accounts:membership-decide", args=[membership.pk]),
            {f"{prefix}-decision": "approve", f"{prefix}-note": "Welkom"},
        )
    assert response.status_code == 302
    membership.refresh_from_db()
    member.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED
    assert membership.decided_by == staff
    assert member.role == Role.COORDINATOR
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Welkom" in mail.outbox[0].body
    assert "http://testserver/account/" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="accounts.membership.approved")
    assert entry.actor == staff and entry.changes["user_role"] == ["member", "coordinator"]


def test_reject_leaves_role(member, staff, utrecht):
    membership = services.membership_request(actor=member, municipality=utrecht, notify=False)
    services.membership_decide(actor=staff, membership=membership, approve=False, note="Onbekend")
    member.refresh_from_db()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REJECTED
    assert member.role == Role.MEMBER
    with pytest.raises(ValidationError):
        services.membership_decide(actor=staff, membership=membership, approve=True)
    assert AuditEntry.objects.filter(action="accounts.membership.rejected").count() == 1


@pytest.mark.parametrize("role", [Role.SUPPLIER, Role.STAFF, Role.ADMIN])
def test_approval_keeps_higher_roles(role, staff, amsterdam):
    user = UserFactory(role=role, organisation_name="Leverancier B.V.")
    membership = services.membership_request(actor=user, municipality=amsterdam, notify=False)
    services.membership_decide(actor=staff, membership=membership, approve=True)
    user.refresh_from_db()
    assert user.role == role


def test_coordinator_cannot_decide(client, amsterdam, utrecht, staff):
    coordinator = UserFactory(role=Role.COORDINATOR)
    MembershipFactory(user=coordinator, municipality=amsterdam, status=MembershipStatus.APPROVED)
    pending = MembershipFactory(municipality=utrecht)
    with pytest.raises(PermissionDenied):
        services.membership_decide(actor=coordinator, membership=pending, approve=True)
    client.force_login(coordinator)
    assert client.get(reverse("accounts:membership-requests")).status_code == 403
    prefix = f"m{pending.pk}"
    response = client.post(reverse("accounts:membership-decide", args=[pending.pk]), {f"{prefix}-decision": "approve"})
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING
    assert not AuditEntry.objects.filter(action__startswith="accounts.membership.approved").exists()


def test_staff_cannot_decide_own_request(staff, amsterdam):
    membership = services.membership_request(actor=staff, municipality=amsterdam, notify=False)
    with pytest.raises(PermissionDenied):
        services.membership_decide(actor=staff, membership=membership, approve=True)


def test_end_membership_by_member_drops_coordinator_role(client, member, staff, amsterdam):
    membership = services.membership_request(actor=member, municipality=amsterdam, notify=False)
    services.membership_decide(actor=staff, membership=membership, approve=True)
    client.force_login(member)
    response = client.post(reverse("accounts:membership-end", args=[membership.pk]))
    assert response.status_code == 302
    membership.refresh_from_db()
    member.refresh_from_db()
    assert membership.status == MembershipStatus.ENDED
    assert member.role == Role.MEMBER
    assert AuditEntry.objects.filter(action="accounts.membership.ended", actor=member).exists()
    # A new request is possible after the end.
    services.membership_request(actor=member, municipality=amsterdam, notify=False)


def test_end_membership_permissions(member, staff, amsterdam):
    membership = MembershipFactory(user=member, municipality=amsterdam, status=MembershipStatus.APPROVED)
    with pytest.raises(PermissionDenied):
        services.membership_end(actor=UserFactory(), membership=membership)
    services.membership_end(actor=staff, membership=membership)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ENDED
    with pytest.raises(ValidationError):
        services.membership_end(actor=staff, membership=membership)


def test_staff_page_lists_pending_first_without_n_plus_one(client, staff, amsterdam, django_assert_max_num_queries):
    for _ in range(12):
        MembershipFactory(municipality=amsterdam)
    for status in (MembershipStatus.APPROVED, MembershipStatus.REJECTED) * 6:
        MembershipFactory(municipality=amsterdam, status=status, decided_by=staff)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("accounts:membership-requests"))
    assert response.status_code == 200
    assert len(response.context["pending"]) == 12
    assert len(response.context["history"]) == 12
    content = response.content.decode()
    assert content.index("-decision") < content.index("badge--approved")
    assert content.count("<h1>") == 1


def test_request_needs_login(amsterdam):
    with pytest.raises(PermissionDenied):
        services.membership_request(actor=AnonymousUser(), municipality=amsterdam)
    assert not Membership.objects.exists()


def test_find_municipalities_in_reference_data():
    if not Municipality.objects.filter(code__in=["GM0373", "GM0893"]).exists():
        pytest.skip("reference data not loaded")
    codes = {m.code for m in selectors.find_municipalities("bergen")}
    assert {"GM0373", "GM0893"} <= codes
    assert "GM0158" not in codes  # Haaksbergen only contains the text
    assert [m.code for m in selectors.find_municipalities("0363")] == ["GM0363"]
    assert [m.code for m in selectors.find_municipalities(" 's-Gravenhage ")] == ["GM0518"]
