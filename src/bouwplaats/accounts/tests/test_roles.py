# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bouwplaats.accounts import services
from bouwplaats.accounts.models import MembershipStatus, Role
from bouwplaats.audit.models import AuditEntry

from .factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_sets_roles_and_django_admin_flags(admin_user, member):
    services.user_role_set(actor=admin_user, user=member, role=Role.ADMIN)
    member.refresh_from_db()
    assert (member.role, member.is_staff, member.is_superuser) == (Role.ADMIN, True, True)
    services.user_role_set(actor=admin_user, user=member, role=Role.SUPPLIER, organisation_name="Centric")
    member.refresh_from_db()
    assert (member.role, member.organisation_name, member.is_staff, member.is_superuser) == (
        Role.SUPPLIER,
        "Centric",
        False,
        False,
    )
    entries = AuditEntry.objects.filter(action="accounts.user.role_changed", object_id=str(member.pk))
    assert entries.count() == 2
    assert entries.first().changes["role"] == ["admin", "supplier"]


def test_supplier_needs_organisation_and_role_must_exist(admin_user, member):
    with pytest.raises(ValidationError) as error:
        services.user_role_set(actor=admin_user, user=member, role=Role.SUPPLIER, organisation_name="")
    assert "organisation_name" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.user_role_set(actor=admin_user, user=member, role="king")
    member.refresh_from_db()
    assert member.role == Role.MEMBER


@pytest.mark.parametrize("role", [Role.MEMBER, Role.COORDINATOR, Role.SUPPLIER, Role.STAFF])
def test_only_admins_change_roles(role, member):
    actor = UserFactory(role=role)
    with pytest.raises(PermissionDenied):
        services.user_role_set(actor=actor, user=member, role=Role.STAFF)
    member.refresh_from_db()
    assert member.role == Role.MEMBER


def test_last_admin_is_protected(admin_user):
    with pytest.raises(ValidationError) as error:
        services.user_role_set(actor=admin_user, user=admin_user, role=Role.STAFF)
    assert "role" in error.value.message_dict
    admin_user.refresh_from_db()
    assert admin_user.role == Role.ADMIN and admin_user.is_superuser
    second = UserFactory(role=Role.ADMIN, is_superuser=True, is_staff=True)
    services.user_role_set(actor=admin_user, user=admin_user, role=Role.STAFF)
    admin_user.refresh_from_db()
    assert admin_user.role == Role.STAFF and not admin_user.is_superuser
    with pytest.raises(ValidationError):
        services.user_role_set(actor=second, user=second, role=Role.MEMBER)


def test_memberships_survive_role_changes(admin_user, amsterdam):
    coordinator = UserFactory(role=Role.COORDINATOR)
    membership = MembershipFactory(user=coordinator, municipality=amsterdam, status=MembershipStatus.APPROVED)
    services.user_role_set(actor=admin_user, user=coordinator, role=Role.STAFF)
    services.user_role_set(actor=admin_user, user=coordinator, role=Role.COORDINATOR)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED


def test_user_pages_for_admins_only(client, admin_user, staff, member, django_assert_max_num_queries):
    for index in range(30):
        UserFactory(full_name=f"Zoekbare {index}")
    client.force_login(staff)
    assert client.get(reverse("accounts:user-list")).status_code == 403
    assert client.get(reverse("accounts:user-role", args=[member.pk])).status_code == 403
    assert client.post(reverse("accounts:user-role", args=[member.pk]), {"role": "admin"}).status_code == 403
    client.force_login(admin_user)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("accounts:user-list"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 33
    response = client.get(reverse("accounts:user-list"), {"q": "zoekbare 1"})
    assert {u.full_name for u in response.context["users"]} == {"Zoekbare 1", *(f"Zoekbare {i}" for i in range(10, 20))}
    response = client.get(reverse("accounts:user-list"), {"role": "staff"})
    assert list(response.context["users"]) == [staff]


def test_role_page_changes_role_and_shows_errors(client, admin_user, member):
    client.force_login(admin_user)
    url = reverse("accounts:user-role", args=[member.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"role": "supplier", "organisation_name": ""})
    assert response.status_code == 400
    assert "organisation_name" in response.context["form"].errors
    response = client.post(url, {"role": "staff", "organisation_name": "KING"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.role, member.organisation_name) == (Role.STAFF, "KING")
    response = client.post(reverse("accounts:user-role", args=[admin_user.pk]), {"role": "member"})
    assert response.status_code == 400
    assert "role" in response.context["form"].errors
