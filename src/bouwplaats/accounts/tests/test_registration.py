# SPDX-License-Identifier: EUPL-1.2
import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import resolve, reverse
from freezegun import freeze_time

from bouwplaats.accounts import services
from bouwplaats.accounts.models import User
from bouwplaats.audit.models import AuditEntry

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

REGISTRATION = {
    "full_name": "Rik Registrant",
    "email": "Rik@Example.org",
    "password1": "een-lang-wachtwoord-42",
    "password2": "een-lang-wachtwoord-42",
    "preferred_language": "en",
}


def _link(message) -> str:
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return match.group(0)


def test_register_activate_and_login(client, mail_on_commit):
    with mail_on_commit():
        response = client.post(reverse("accounts:register"), REGISTRATION)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register-done")
    user = User.objects.get(email="rik@example.org")
    assert not user.is_active
    assert user.preferred_language == "en"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rik@example.org"]
    assert "Activate" in message.subject  # rendered in the user's language (English)
    link = _link(message)
    assert link.startswith("http://testserver/account/activeren/")

    page = client.get(reverse("accounts:register-done"))
    assert page.status_code == 200
    assert b"<h1>" in page.content

    response = client.get(link.removeprefix("http://testserver"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user.refresh_from_db()
    assert user.is_active
    assert client.get(reverse("accounts:account")).status_code == 200  # logged in

    # The link works once only.
    again = client.get(link.removeprefix("http://testserver"))
    assert again.status_code == 400
    assert b"already been activated" in again.content

    client.post(reverse("accounts:logout"))
    response = client.post(
        reverse("accounts:login"), {"username": "rik@example.org", "password": REGISTRATION["password1"]}
    )
    assert response.status_code == 302
    actions = set(AuditEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))
    assert {"accounts.user.registered", "accounts.user.activated"} <= actions


def test_register_rejects_duplicate_mismatch_and_weak_password(client, member):
    response = client.post(reverse("accounts:register"), {**REGISTRATION, "email": "MEMBER@example.org"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    response = client.post(reverse("accounts:register"), {**REGISTRATION, "password2": "iets-anders-1234"})
    assert "password2" in response.context["form"].errors
    response = client.post(
        reverse("accounts:register"), {**REGISTRATION, "password1": "12345678901", "password2": "12345678901"}
    )
    assert "password1" in response.context["form"].errors
    assert not User.objects.filter(email="rik@example.org").exists()
    assert mail.outbox == []


def test_service_validates_input():
    with pytest.raises(ValidationError) as error:
        services.user_register(email="not-an-address", full_name=" ", password="x", language="de")
    assert "email" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.user_register(email="a@example.org", full_name="A", password="x", language="de")
    assert "preferred_language" in error.value.message_dict
    assert not User.objects.filter(email="a@example.org").exists()


def test_inactive_user_cannot_log_in(client):
    UserFactory(email="sleeper@example.org", is_active=False)
    response = client.post(reverse("accounts:login"), {"username": "sleeper@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_invalid_activation_link_offers_a_new_one(client):
    response = client.get(reverse("accounts:activate", kwargs={"uidb64": "MTIzNDU2", "token": "abc-def"}))
    assert response.status_code == 400
    assert b"invalid or has expired" in response.content
    assert f'action="{reverse("accounts:resend-activation")}"'.encode() in response.content


def test_expired_activation_link(client, mail_on_commit):
    with freeze_time("2026-01-01 12:00"):
        with mail_on_commit():
            services.user_register(
                email="late@example.org",
                full_name="Late",
                password="een-lang-wachtwoord-42",
                language="nl",
                base_url="http://testserver",
            )
        link = _link(mail.outbox[0])
    later = datetime.datetime(2026, 1, 1, 12) + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with freeze_time(later):
        response = client.get(link)
    assert response.status_code == 400
    assert not User.objects.get(email="late@example.org").is_active


def test_resend_activation(client, mail_on_commit, member):
    UserFactory(email="new@example.org", is_active=False)
    with mail_on_commit():
        response = client.post(reverse("accounts:resend-activation"), {"email": "new@example.org"})
        client.post(reverse("accounts:resend-activation"), {"email": member.email})  # active: nothing sent
        client.post(reverse("accounts:resend-activation"), {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    response = client.get(_link(mail.outbox[0]))
    assert response.status_code == 302
    assert User.objects.get(email="new@example.org").is_active


def test_login_page_keeps_username_field_and_sets_language(client):
    page = client.get(reverse("accounts:login"))
    assert b'name="username"' in page.content
    assert b'type="email"' in page.content
    user = UserFactory(email="english@example.org", preferred_language="en")
    response = client.post(reverse("accounts:login"), {"username": "English@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_logout_is_post_only(client, member):
    client.force_login(member)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_flow(client, member):
    response = client.post(reverse("accounts:password-reset"), {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = _link(mail.outbox[0]).removeprefix("http://testserver")
    assert resolve(link).view_name == "accounts:password-reset-confirm"
    response = client.get(link)
    assert response.status_code == 302  # Django swaps the token for a session value
    set_password_url = response["Location"]
    response = client.get(set_password_url)
    assert response.context["validlink"]
    response = client.post(
        set_password_url, {"new_password1": "nieuw-wachtwoord-2024", "new_password2": "nieuw-wachtwoord-2024"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-complete")
    member.refresh_from_db()
    assert member.check_password("nieuw-wachtwoord-2024")
    entry = AuditEntry.objects.get(action="accounts.user.password_changed", object_id=str(member.pk))
    assert entry.changes == {"via": "reset"}
    # The link cannot be used twice.
    assert client.get(link).context["validlink"] is False


def test_password_change(client, member):
    client.force_login(member)
    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": "nieuw-wachtwoord-2024", "new_password2": "nieuw-wachtwoord-2024"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("nieuw-wachtwoord-2024")
    assert AuditEntry.objects.filter(action="accounts.user.password_changed", changes__via="change").exists()


@pytest.mark.parametrize(
    "name",
    [
        "accounts:account",
        "accounts:password-change",
        "accounts:membership-requests",
        "accounts:user-list",
        "accounts:audit-log",
    ],
)
def test_anonymous_is_sent_to_login(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_profile_update(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:account"), {"full_name": "  Mia  Nieuw ", "preferred_language": "en"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    member.refresh_from_db()
    assert (member.full_name, member.preferred_language) == ("Mia Nieuw", "en")
    entry = AuditEntry.objects.get(action="accounts.user.profile_updated")
    assert entry.changes["preferred_language"] == ["nl", "en"]
    response = client.post(reverse("accounts:account"), {"full_name": "", "preferred_language": "en"})
    assert response.status_code == 400


def test_profile_of_someone_else_is_refused(member, staff):
    with pytest.raises(PermissionDenied):
        services.user_profile_update(actor=staff, user=member, full_name="X", preferred_language="nl")
    member.refresh_from_db()
    assert member.full_name == "Mia Member"
