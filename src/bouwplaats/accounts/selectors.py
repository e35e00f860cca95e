# SPDX-License-Identifier: EUPL-1.2
"""Reads for the account pages and the API."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from bouwplaats.core import per_user
from bouwplaats.organisations.models import Municipality

from .models import Membership, MembershipStatus, Role, User
from .permissions import is_authenticated

# Membership can be requested for the municipalities of today's division and of this
# earlier division (the reference date of Operatie NUP), so that coordinators of
# municipalities that have merged since can still take part in that programme.
MEMBERSHIP_DIVISION_DATES = (datetime.date(2014, 1, 1),)


# Whether a user has an approved membership, and so a "My municipality" (``home``): the header's
# link, cached per user (``core.per_user``) and forgotten by the writes that decide or end one.
MUNICIPALITY_MEMBER = "accounts:municipality-member"


def is_municipality_member(user) -> bool:
    if not is_authenticated(user):
        return False
    return per_user.cached(
        MUNICIPALITY_MEMBER, user.pk, lambda: user.memberships.filter(status=MembershipStatus.APPROVED).exists()
    )


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("municipality", "decided_by")
        .order_by("-requested_at", "-id")
    )


def pending_memberships() -> QuerySet[Membership]:
    """Open requests, oldest first, for the staff approval page."""
    return (
        Membership.objects.filter(status=MembershipStatus.PENDING)
        .select_related("user", "municipality")
        .order_by("requested_at", "id")
    )


def decided_memberships() -> QuerySet[Membership]:
    """Everything that is no longer a request, most recent first."""
    return (
        Membership.objects.exclude(status=MembershipStatus.PENDING)
        .select_related("user", "municipality", "decided_by")
        .order_by("-decided_at", "-requested_at", "-id")
    )


def users_for_management(*, search: str = "", role: str = "") -> QuerySet[User]:
    qs = User.objects.annotate(
        approved_memberships=Count("memberships", filter=Q(memberships__status=MembershipStatus.APPROVED))
    ).order_by("full_name", "email")
    if search:
        qs = qs.filter(
            Q(email__icontains=search) | Q(full_name__icontains=search) | Q(organisation_name__icontains=search)
        )
    if role:
        qs = qs.filter(role=role)
    return qs


def staff_recipients() -> QuerySet[User]:
    """Active programme staff and administrators, who hear about new membership requests."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(role__in=[Role.STAFF, Role.ADMIN]) | Q(is_superuser=True))
        .exclude(email="")
    )


def active_admin_count(*, exclude: User | None = None) -> int:
    qs = User.objects.filter(is_active=True).filter(Q(role=Role.ADMIN) | Q(is_superuser=True))
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.count()


def api_token_of(user: User) -> Token | None:
    return Token.objects.filter(user=user).first()


def membership_municipalities(*, today: datetime.date | None = None) -> QuerySet[Municipality]:
    """The municipalities a membership can be requested for (see MEMBERSHIP_DIVISION_DATES)."""
    today = today or timezone.localdate()
    division = Q(pk__in=Municipality.objects.on(today).values("pk"))
    for date in MEMBERSHIP_DIVISION_DATES:
        division |= Q(pk__in=Municipality.objects.on(date).values("pk"))
    return Municipality.objects.filter(division).select_related("province")


def find_municipalities(query: str, *, limit: int = 10) -> list[Municipality]:
    """Resolve a CBS code or a name typed by a user to candidate municipalities.

    An exact code (``GM0363`` or ``0363``) or exact name wins; then names starting with the
    text; then names containing it. One result means the input is resolved; several mean it is ambiguous.
    """
    text = " ".join(query.split())
    if not text:
        return []
    qs = membership_municipalities().order_by("name", "-valid_from")
    code = text.upper()
    if code.isdigit() and len(code) <= 4:
        code = f"GM{int(code):04d}"
    by_code = list(qs.filter(code=code)[:limit])
    if by_code:
        return by_code
    by_name = list(qs.filter(name__iexact=text)[:limit])
    if by_name:
        return by_name
    starting = list(qs.filter(name__istartswith=text)[: limit + 1])
    if starting:
        return starting
    return list(qs.filter(name__icontains=text)[: limit + 1])


def active_user_by_email(email: str) -> User | None:
    """The active account with this e-mail address, whatever its case; None when there is none."""
    email = (email or "").strip()
    if not email:
        return None
    return User.objects.filter(email__iexact=email, is_active=True).first()


def has_second_factor(user) -> bool:
    """Whether the user has set up two-factor sign-in (a confirmed authenticator app)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    """How many unused recovery codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
