# SPDX-License-Identifier: EUPL-1.2
"""Writes for accounts: registration, profiles, memberships, roles and API tokens.

Every function takes keyword arguments only, runs in one transaction, checks permission
through ``permissions`` and appends one audit entry. E-mails are rendered in the
recipient's language while the service runs and sent once the transaction has committed.
"""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from bouwplaats.audit import services as audit
from bouwplaats.core import per_user
from bouwplaats.core.errors import clean_text
from bouwplaats.core.links import absolute
from bouwplaats.organisations.models import Municipality

from . import permissions, selectors, two_factor
from .models import Membership, MembershipStatus, Role, User
from .tokens import activation_token

LANGUAGES = {code for code, _name in User._meta.get_field("preferred_language").choices}
# Roles that an approved membership does not change: they already rank above coordinator.
ROLES_KEPT_ON_APPROVAL = {Role.COORDINATOR, Role.SUPPLIER, Role.STAFF, Role.ADMIN}


# --- e-mail helpers -------------------------------------------------------------------------


def _queue_mail(*, template: str, recipients: list[User], context: dict) -> None:
    """Render one e-mail per recipient in their language; send after the commit."""
    messages = []
    for recipient in recipients:
        with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
            full_context = {"site_name": settings.SITE_NAME, "recipient": recipient, **context}
            subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", full_context).split())
            body = render_to_string(f"accounts/email/{template}.txt", full_context)
        messages.append((subject, body, recipient.email))

    def send():
        for subject, body, address in messages:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=False)

    transaction.on_commit(send)


def _activation_link(user: User, base_url: str) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:activate", kwargs={"uidb64": uidb64, "token": activation_token.make_token(user)})
    return absolute(base_url, path)


def _clean_full_name(full_name: str) -> str:
    full_name = " ".join((full_name or "").split())
    return clean_text(full_name, field="full_name", max_length=150, required=_("Enter your full name."))


def _clean_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValidationError({"preferred_language": _("Choose Dutch or English.")})
    return language


# --- registration and profile ---------------------------------------------------------------


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str, language: str, base_url: str = "") -> User:
    """Create an inactive account and send it an activation link."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")})
    full_name = _clean_full_name(full_name)
    language = _clean_language(language)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("An account with this e-mail address already exists. Log in or reset your password.")}
        )
    user = User(email=email, full_name=full_name, preferred_language=language, is_active=False, role=Role.MEMBER)
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages})
    user.set_password(password)
    user.save()
    audit.record(
        actor=user,
        action="accounts.user.registered",
        target=user,
        changes={"email": email, "full_name": full_name, "preferred_language": language},
    )
    _queue_mail(
        template="activation",
        recipients=[user],
        context={"user": user, "link": _activation_link(user, base_url), "valid_days": _valid_days()},
    )
    return user


def _valid_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24))


def _user_from_uidb64(uidb64: str) -> User | None:
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        return User.objects.get(pk=pk)
    except (TypeError, ValueError, OverflowError, User.DoesNotExist, ValidationError):
        return None


@transaction.atomic
def user_activate(*, uidb64: str, token: str) -> User:
    """Activate the account of a valid, unexpired activation link."""
    user = _user_from_uidb64(uidb64)
    if user is not None and user.is_active:
        # The link was used before (or the account never needed one): say so rather than "invalid".
        raise ValidationError(_("This account has already been activated. You can log in."), code="already_active")
    if user is None or not activation_token.check_token(user, token):
        raise ValidationError(
            _("This activation link is invalid or has expired. Request a new link below."), code="invalid"
        )
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record(actor=user, action="accounts.user.activated", target=user, changes={"is_active": [False, True]})
    return user


@transaction.atomic
def user_activation_resend(*, email: str, base_url: str = "") -> bool:
    """Send a new activation link to an account that is not active yet.

    Returns whether a link was sent; pages do not tell the visitor, so that they cannot
    find out which addresses have an account.
    """
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=False, last_login__isnull=True).first()
    if user is None:
        return False
    audit.record(actor=user, action="accounts.user.activation_resent", target=user)
    _queue_mail(
        template="activation",
        recipients=[user],
        context={"user": user, "link": _activation_link(user, base_url), "valid_days": _valid_days()},
    )
    return True


@transaction.atomic
def user_profile_update(*, actor: User, user: User, full_name: str, preferred_language: str) -> User:
    permissions.require_profile_editor(actor, user)
    before = {"full_name": user.full_name, "preferred_language": user.preferred_language}
    user.full_name = _clean_full_name(full_name)
    user.preferred_language = _clean_language(preferred_language)
    user.save(update_fields=["full_name", "preferred_language"])
    audit.record(
        actor=actor,
        action="accounts.user.profile_updated",
        target=user,
        changes=audit.diff(before, {"full_name": user.full_name, "preferred_language": user.preferred_language}),
    )
    return user


@transaction.atomic
def user_password_set(*, actor: User, user: User, password: str, via: str) -> User:
    """Set a new password (``via`` is "change" or "reset"); forms have validated it already."""
    permissions.require(actor is not None and actor.pk == user.pk, _("You may only change your own password."))
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({"new_password1": error.messages})
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor=user, action="accounts.user.password_changed", target=user, changes={"via": via})
    return user


# --- memberships ----------------------------------------------------------------------------


@transaction.atomic
def membership_request(
    *, actor: User, municipality: Municipality, motivation: str = "", base_url: str = "", notify: bool = True
) -> Membership:
    """Ask programme staff to be recognised as coordinator of ``municipality``."""
    permissions.require_authenticated(actor)
    motivation = clean_text(motivation, field="motivation", max_length=2000, required=False)
    open_memberships = Membership.objects.select_for_update().filter(
        user=actor,
        municipality__code=municipality.code,
        status__in=[MembershipStatus.PENDING, MembershipStatus.APPROVED],
    )
    existing = open_memberships.first()
    if existing is not None:
        if existing.status == MembershipStatus.APPROVED:
            message = _("You are already a member of %(municipality)s.")
        else:
            message = _("You already have an open request for %(municipality)s; programme staff will decide on it.")
        raise ValidationError({"municipality": message % {"municipality": municipality}})
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=actor, municipality=municipality, motivation=motivation)
    except IntegrityError:
        raise ValidationError({"municipality": _("You already have an open request for this municipality.")})
    audit.record(
        actor=actor,
        action="accounts.membership.requested",
        target=membership,
        changes={"municipality": municipality.code, "motivation": motivation},
    )
    if notify:
        _queue_mail(
            template="membership_requested",
            recipients=list(selectors.staff_recipients().exclude(pk=actor.pk)),
            context={
                "membership": membership,
                "requester": actor,
                "link": absolute(base_url, reverse("accounts:membership-requests")),
            },
        )
    return membership


@transaction.atomic
def membership_decide(
    *, actor: User, membership: Membership, approve: bool, note: str = "", base_url: str = "", notify: bool = True
) -> Membership:
    """Approve or reject a membership request (programme staff only)."""
    permissions.require_membership_decider(actor)
    membership = Membership.objects.select_for_update().select_related("user", "municipality").get(pk=membership.pk)
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(
            _("This request has already been decided (%(status)s).") % {"status": membership.get_status_display()}
        )
    permissions.require(
        membership.user_id != actor.pk, _("Another member of the programme staff must decide on your own request.")
    )
    note = clean_text(note, field="note", max_length=2000, required=False)
    user = membership.user
    changes = {"status": [membership.status, None], "note": note}
    membership.status = MembershipStatus.APPROVED if approve else MembershipStatus.REJECTED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.decision_note = note
    membership.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    changes["status"][1] = membership.status
    if approve and user.role not in ROLES_KEPT_ON_APPROVAL:
        changes["user_role"] = [user.role, Role.COORDINATOR]
        user.role = Role.COORDINATOR
        user.save(update_fields=["role"])
    per_user.forget(selectors.MUNICIPALITY_MEMBER, [user.pk])
    audit.record(
        actor=actor,
        action="accounts.membership.approved" if approve else "accounts.membership.rejected",
        target=membership,
        changes=changes,
    )
    if notify:
        _queue_mail(
            template="membership_decided",
            recipients=[user],
            context={
                "membership": membership,
                "approved": approve,
                "note": note,
                "link": absolute(base_url, reverse("accounts:account")),
            },
        )
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: Membership) -> Membership:
    """End a membership, or withdraw a pending request (the member, or programme staff)."""
    permissions.require_membership_ender(actor, membership)
    membership = Membership.objects.select_for_update().select_related("user", "municipality").get(pk=membership.pk)
    if membership.status not in (MembershipStatus.PENDING, MembershipStatus.APPROVED):
        raise ValidationError(_("This membership has already ended or was rejected."))
    before = membership.status
    membership.status = MembershipStatus.ENDED
    membership.save(update_fields=["status"])
    changes = {"status": [before, MembershipStatus.ENDED]}
    user = membership.user
    still_member = user.memberships.filter(status=MembershipStatus.APPROVED).exists()
    if user.role == Role.COORDINATOR and not still_member:
        user.role = Role.MEMBER
        user.save(update_fields=["role"])
        changes["user_role"] = [Role.COORDINATOR, Role.MEMBER]
    per_user.forget(selectors.MUNICIPALITY_MEMBER, [user.pk])
    audit.record(actor=actor, action="accounts.membership.ended", target=membership, changes=changes)
    return membership


# --- roles ----------------------------------------------------------------------------------


@transaction.atomic
def user_role_set(*, actor: User, user: User, role: str, organisation_name: str = "") -> User:
    """Change a user's role (administrators only). Memberships are left as they are."""
    permissions.require_role_manager(actor)
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles.")})
    organisation_name = " ".join((organisation_name or "").split())
    clean_text(organisation_name, field="organisation_name", max_length=150, required=False)
    if role == Role.SUPPLIER and not organisation_name:
        raise ValidationError({"organisation_name": _("Enter the supplier that this representative works for.")})
    user = User.objects.select_for_update().get(pk=user.pk)
    was_admin = user.role == Role.ADMIN or user.is_superuser
    if was_admin and role != Role.ADMIN and user.is_active and selectors.active_admin_count(exclude=user) == 0:
        raise ValidationError({"role": _("This is the last administrator; make someone else administrator first.")})
    before = {
        "role": user.role,
        "organisation_name": user.organisation_name,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
    }
    # Administrators also manage the Django admin site; no other role has access to it.
    is_admin = role == Role.ADMIN
    changes = audit.diff(
        before,
        {"role": role, "organisation_name": organisation_name, "is_staff": is_admin, "is_superuser": is_admin},
    )
    if not changes:
        return user
    user.role, user.organisation_name = role, organisation_name
    user.is_staff = user.is_superuser = is_admin
    user.save(update_fields=["role", "organisation_name", "is_staff", "is_superuser"])
    audit.record(actor=actor, action="accounts.user.role_changed", target=user, changes=changes)
    return user


# --- API tokens -----------------------------------------------------------------------------


@transaction.atomic
def api_token_create(*, actor: User) -> Token:
    """Create the actor's API token, replacing any earlier one. Show its key only once."""
    permissions.require_authenticated(actor)
    replaced = Token.objects.filter(user=actor).delete()[0] > 0
    token = Token.objects.create(user=actor)
    audit.record(
        actor=actor,
        action="accounts.api_token.created",
        target=actor,
        changes={"replaced": replaced},
    )
    return token


@transaction.atomic
def api_token_revoke(*, actor: User) -> None:
    permissions.require_authenticated(actor)
    deleted = Token.objects.filter(user=actor).delete()[0]
    if not deleted:
        raise ValidationError(_("You have no API token to revoke."))
    audit.record(
        actor=actor,
        action="accounts.api_token.revoked",
        target=actor,
    )


# --- two-factor sign-in ---------------------------------------------------------------------


def _recovery_codes_replace(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _number in range(two_factor.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def second_factor_enable(*, actor: User, key: str, token: str) -> tuple[TOTPDevice, list[str]]:
    """Turn on two-factor sign-in with the app that holds ``key``, once it gives a right ``token``.

    Returns the app's device and new recovery codes, to be shown to the user once.
    """
    permissions.require_authenticated(actor)
    user = User.objects.select_for_update().get(pk=actor.pk)
    if selectors.has_second_factor(user):
        raise ValidationError({"token": _("Two-factor sign-in is already on for your account.")})
    if not key or not two_factor.totp_matches(key, token):
        raise ValidationError(
            {"token": _("This code is not right. Enter the 6 digits your app shows now for this site.")}
        )
    TOTPDevice.objects.filter(user=user).delete()
    device = two_factor.setup_device(user, key)
    device.confirmed = True
    device.save()
    codes = _recovery_codes_replace(user)
    audit.record(actor=actor, action="accounts.two_factor.enabled", target=user)
    return device, codes


@transaction.atomic
def recovery_codes_renew(*, actor: User) -> list[str]:
    """Replace the actor's recovery codes with new ones (shown once); the old ones stop working."""
    permissions.require_authenticated(actor)
    user = User.objects.select_for_update().get(pk=actor.pk)
    if not selectors.has_second_factor(user):
        raise ValidationError(_("Turn on two-factor sign-in first."))
    codes = _recovery_codes_replace(user)
    audit.record(actor=actor, action="accounts.two_factor.recovery_codes_renewed", target=user)
    return codes


@transaction.atomic
def second_factor_reset(*, actor: User | None, user: User) -> None:
    """Remove a user's app and recovery codes: the user turns it off, or an administrator resets it
    (``actor`` None: the ``reset_two_factor`` command). Staff then set up a new app at their next page."""
    if actor is not None:
        permissions.require_second_factor_resetter(actor, user)
    user = User.objects.select_for_update().get(pk=user.pk)
    if not selectors.has_second_factor(user) and not StaticDevice.objects.filter(user=user).exists():
        raise ValidationError(_("Two-factor sign-in is not on for %(user)s.") % {"user": user})
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(actor=actor, action="accounts.two_factor.reset", target=user)
