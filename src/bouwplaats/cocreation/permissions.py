# SPDX-License-Identifier: EUPL-1.2
"""Who may propose, vote, answer and cast ballots (design.md §7)."""

from django.utils.translation import gettext as _

from bouwplaats.accounts.models import MembershipStatus
from bouwplaats.accounts.permissions import is_authenticated, is_coordinator_of, is_programme_staff, require
from bouwplaats.organisations.models import Municipality


def can_propose(user) -> bool:
    """Every signed-in member proposes, votes and comments; visitors read only."""
    return is_authenticated(user)


def can_manage(user) -> bool:
    """Programme staff answer ideas, set statuses, run consultations and change the settings."""
    return is_programme_staff(user)


def coordinated_municipalities(user, programme):
    """The municipalities of ``programme``'s division that ``user`` is an approved member (coordinator) of."""
    if not is_authenticated(user):
        return Municipality.objects.none()
    codes = user.memberships.filter(status=MembershipStatus.APPROVED).values("municipality__code")
    return Municipality.objects.on(programme.reference_date).filter(code__in=codes).order_by("name")


def can_cast_ballot(user, municipality) -> bool:
    """Only a coordinator of the municipality speaks for it; programme staff do not vote for municipalities."""
    return is_coordinator_of(user, municipality)


def can_view_results(user, consultation, now=None) -> bool:
    """Results are published when the consultation closes, for everyone, and not before, for nobody."""
    return consultation.is_closed(now)


def can_view_turnout(user, consultation, now=None) -> bool:
    """Before closing, programme staff see how many municipalities voted (not what), to send reminders."""
    return consultation.is_closed(now) or is_programme_staff(user)


def require_proposer(user) -> None:
    require(can_propose(user), _("Please log in to propose an idea."))


def require_voter(user) -> None:
    require(can_propose(user), _("Please log in to support an idea."))


def require_manager(user) -> None:
    require(can_manage(user), _("Only programme staff may do this."))


def require_ballot_caster(user, municipality) -> None:
    require(
        can_cast_ballot(user, municipality),
        _("Only the coordinators of %(name)s may cast its ballot.") % {"name": municipality.name},
    )
