# SPDX-License-Identifier: EUPL-1.2
"""Two-factor sign-in: required for programme staff and administrators, optional for others."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from bouwplaats.accounts import services, two_factor
from bouwplaats.audit.models import AuditEntry

from .factories import PASSWORD, AdminFactory, MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = True


def log_in(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, digits=device.digits):06d}"


def with_app(user) -> tuple[TOTPDevice, list[str]]:
    key = random_hex(20)
    code = f"{totp(bytes.fromhex(key)):06d}"
    return services.second_factor_enable(actor=user, key=key, token=code)


STAFF_PAGES = ["accounts:membership-requests", "admin:index"]


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_without_an_app_are_sent_to_set_it_up(client, page):
    staff = AdminFactory(preferred_language="en")
    log_in(client, staff)
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-setup"))
    # Following the redirect shows the set-up page with the QR code and the key to type.
    page_response = client.get(response["Location"])
    assert page_response.status_code == 200
    assert b"Set up two-factor sign-in" in page_response.content
    assert client.get(reverse("accounts:two-factor-qr"))["Content-Type"] == "image/svg+xml"


def test_staff_signed_in_by_force_login_are_held_too(client):
    staff = StaffFactory(preferred_language="en")
    client.force_login(staff)
    response = client.get(reverse("accounts:membership-requests"))
    assert response["Location"].startswith(reverse("accounts:two-factor-setup"))
    assert client.get(reverse("accounts:account")).status_code == 302


def test_setting_up_the_app_opens_the_staff_pages_and_shows_recovery_codes_once(client):
    staff = StaffFactory(preferred_language="en")
    log_in(client, staff)
    client.get(reverse("accounts:two-factor-setup"))
    key = client.session[two_factor.SETUP_KEY_SESSION_KEY]
    wrong = client.post(reverse("accounts:two-factor-setup"), {"token": "000000"})
    assert wrong.status_code == 400
    assert not TOTPDevice.objects.filter(user=staff).exists()

    code = f"{totp(bytes.fromhex(key)):06d}"
    next_page = reverse("accounts:membership-requests")
    response = client.post(reverse("accounts:two-factor-setup"), {"token": code, "next": next_page})
    assert response.status_code == 302
    shown = client.get(response["Location"])
    codes = StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code.encode() in shown.content for code in codes)
    assert not any(code.encode() in client.get(reverse("accounts:two-factor-recovery-codes")).content for code in codes)
    assert client.get(next_page).status_code == 200
    assert AuditEntry.objects.filter(action="accounts.two_factor.enabled", object_id=str(staff.pk)).exists()


def test_staff_with_an_app_enter_a_code_after_the_password(client):
    staff = StaffFactory(preferred_language="en")
    device, _codes = with_app(staff)
    log_in(client, staff)
    page = reverse("accounts:membership-requests")
    response = client.get(page)
    assert response["Location"].startswith(reverse("accounts:two-factor-verify"))

    response = client.post(reverse("accounts:two-factor-verify"), {"code": current_code(device), "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    assert client.get(page).status_code == 200


def test_an_administrator_with_a_code_reaches_the_admin(client):
    admin = AdminFactory(preferred_language="en")
    device, _codes = with_app(admin)
    log_in(client, admin)
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("accounts:two-factor-verify"))
    client.post(reverse("accounts:two-factor-verify"), {"code": current_code(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_is_refused(client):
    staff = StaffFactory(preferred_language="en")
    with_app(staff)
    log_in(client, staff)
    response = client.post(reverse("accounts:two-factor-verify"), {"code": "123456"})
    assert response.status_code == 400
    assert b"This code is not right" in response.content
    assert client.get(reverse("accounts:membership-requests")).status_code == 302


def test_a_recovery_code_works_once(client):
    staff = StaffFactory(preferred_language="en")
    _device, codes = with_app(staff)
    log_in(client, staff)
    response = client.post(reverse("accounts:two-factor-verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get(reverse("accounts:membership-requests")).status_code == 200

    client.post(reverse("accounts:logout"))
    log_in(client, staff)
    response = client.post(reverse("accounts:two-factor-verify"), {"code": codes[0]})
    assert response.status_code == 400
    assert StaticToken.objects.filter(device__user=staff).count() == 9


def test_a_coordinator_without_two_factor_is_not_held(client, amsterdam):
    coordinator = UserFactory(role="coordinator", preferred_language="en")
    MembershipFactory(user=coordinator, municipality=amsterdam, status="approved")
    log_in(client, coordinator)
    assert client.get(reverse("accounts:account")).status_code == 200


def test_a_member_who_turned_it_on_enters_a_code_and_may_turn_it_off(client):
    member = UserFactory(preferred_language="en")
    device, _codes = with_app(member)
    log_in(client, member)
    assert client.get(reverse("accounts:account"))["Location"].startswith(reverse("accounts:two-factor-verify"))
    client.post(reverse("accounts:two-factor-verify"), {"code": current_code(device)})
    assert b"Two-factor sign-in is on" in client.get(reverse("accounts:account")).content

    client.post(reverse("accounts:two-factor-disable"))
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert not StaticDevice.objects.filter(user=member).exists()
    assert client.get(reverse("accounts:account")).status_code == 200


def test_staff_may_not_turn_it_off_but_an_administrator_resets_it(client):
    staff = StaffFactory(preferred_language="en")
    with_app(staff)
    with pytest.raises(PermissionDenied):
        services.second_factor_reset(actor=staff, user=staff)

    admin = AdminFactory(preferred_language="en")
    admin_device, _codes = with_app(admin)
    log_in(client, admin)
    client.post(reverse("accounts:two-factor-verify"), {"code": current_code(admin_device)})
    response = client.post(reverse("accounts:two-factor-reset", args=[staff.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert AuditEntry.objects.filter(action="accounts.two_factor.reset", object_id=str(staff.pk)).exists()


def test_new_recovery_codes_replace_the_old_ones():
    member = UserFactory()
    _device, old = with_app(member)
    new = services.recovery_codes_renew(actor=member)
    assert set(StaticToken.objects.filter(device__user=member).values_list("token", flat=True)) == set(new)
    assert not set(old) & set(new)


def test_turning_it_on_twice_is_refused():
    member = UserFactory()
    with_app(member)
    with pytest.raises(ValidationError):
        with_app(member)


def test_with_the_setting_off_staff_are_not_held(client, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = False
    staff = StaffFactory(preferred_language="en")
    log_in(client, staff)
    assert client.get(reverse("accounts:membership-requests")).status_code == 200


def test_the_command_resets_when_no_administrator_can_sign_in():
    admin = AdminFactory(email="only.admin@example.org")
    with_app(admin)
    output = io.StringIO()
    call_command("reset_two_factor", "Only.Admin@example.org", stdout=output)
    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert "has been reset" in output.getvalue()
    assert AuditEntry.objects.get(action="accounts.two_factor.reset", object_id=str(admin.pk)).actor is None
    with pytest.raises(CommandError):
        call_command("reset_two_factor", "only.admin@example.org")  # nothing left to reset


def test_right_after_a_wrong_code_the_user_is_asked_to_wait(client):
    staff = StaffFactory(preferred_language="en")
    device, _codes = with_app(staff)
    log_in(client, staff)
    client.post(reverse("accounts:two-factor-verify"), {"code": "123456"})
    response = client.post(reverse("accounts:two-factor-verify"), {"code": current_code(device)})
    assert response.status_code == 400
    assert b"Wait a few seconds" in response.content
