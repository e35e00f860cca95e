# SPDX-License-Identifier: EUPL-1.2
"""Reads shared by the parts of the knowledge centre."""

from django.db.models import QuerySet

from bouwplaats.accounts.models import MembershipStatus
from bouwplaats.accounts.permissions import is_authenticated
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.catalogue.selectors import current_programme
from bouwplaats.organisations.models import Municipality


def current_blocks() -> QuerySet[BuildingBlock]:
    """The building blocks of the current programme, by name (what questions and articles are tied to)."""
    programme = current_programme()
    if programme is None:
        return BuildingBlock.objects.none()
    return BuildingBlock.objects.filter(programme=programme).order_by("name")


def own_municipalities(user) -> QuerySet[Municipality]:
    """The municipalities the user is an approved member of, by name (what they ask and tick for)."""
    if not is_authenticated(user):
        return Municipality.objects.none()
    approved = user.memberships.filter(status=MembershipStatus.APPROVED).values("municipality")
    return Municipality.objects.filter(pk__in=approved).order_by("name")
