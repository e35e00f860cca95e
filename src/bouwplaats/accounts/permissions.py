# SPDX-License-Identifier: EUPL-1.2
"""Who may do what (design.md §7). Services call the ``require_*`` functions before writing.

The checks raise ``django.core.exceptions.PermissionDenied``, which Django turns into a 403
page and the API exception handler into a 403 response.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import MembershipStatus, Role

STAFF_ROLES = {Role.STAFF, Role.ADMIN}


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_admin(user) -> bool:
    return _active(user) and (user.is_superuser or user.role == Role.ADMIN)


def is_programme_staff(user) -> bool:
    """Programme staff and administrators run the programme."""
    return _active(user) and (user.is_superuser or user.role in STAFF_ROLES)


def needs_second_factor(user) -> bool:
    """Programme staff and administrators sign in with a second factor (unless the setting is off)."""
    return bool(settings.TWO_FACTOR_REQUIRED_FOR_STAFF) and is_programme_staff(user)


def can_turn_off_second_factor(actor, user) -> bool:
    """Administrators reset anyone's; others may turn off their own when it is not required."""
    if is_admin(actor):
        return True
    return _active(actor) and actor.pk == user.pk and not needs_second_factor(user)


def is_coordinator_of(user, municipality) -> bool:
    if not _active(user):
        return False
    return user.memberships.filter(municipality__code=municipality.code, status=MembershipStatus.APPROVED).exists()


def can_edit_catalogue(user) -> bool:
    return is_programme_staff(user)


def can_decide_memberships(user) -> bool:
    return is_programme_staff(user)


def can_manage_roles(user) -> bool:
    return is_admin(user)


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("You do not have permission to do this."))


def require_catalogue_editor(user) -> None:
    require(can_edit_catalogue(user), _("Only programme staff may change the catalogue."))


def require_programme_staff(user) -> None:
    """For pages that only programme staff may open."""
    require(is_programme_staff(user), _("Only programme staff may open this page."))


def require_membership_decider(user) -> None:
    require(can_decide_memberships(user), _("Only programme staff may decide on membership requests."))


def require_role_manager(user) -> None:
    require(can_manage_roles(user), _("Only administrators may change roles."))


def is_authenticated(user) -> bool:
    return _active(user)


def can_edit_profile(actor, user) -> bool:
    return _active(actor) and (actor.pk == user.pk or is_admin(actor))


def can_end_membership(actor, membership) -> bool:
    return _active(actor) and (actor.pk == membership.user_id or is_programme_staff(actor))


def can_read_audit_log(user) -> bool:
    return is_programme_staff(user)


def require_authenticated(user) -> None:
    require(is_authenticated(user), _("Please log in first."))


def require_profile_editor(actor, user) -> None:
    require(can_edit_profile(actor, user), _("You may only change your own account."))


def require_membership_ender(actor, membership) -> None:
    require(
        can_end_membership(actor, membership),
        _("Only the member themself or programme staff may end a membership."),
    )


def require_audit_reader(user) -> None:
    require(can_read_audit_log(user), _("Only programme staff may read the audit log."))


def require_second_factor_resetter(actor, user) -> None:
    require(
        can_turn_off_second_factor(actor, user),
        _("Programme staff need two-factor sign-in; only an administrator can reset it."),
    )
