# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with notifications: everyone signed in manages only their own."""

from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import is_authenticated, require


def can_manage_own_notifications(user) -> bool:
    return is_authenticated(user)


def require_notification_owner(user, notifications_of_others: int = 0) -> None:
    require(
        can_manage_own_notifications(user) and notifications_of_others == 0,
        _("You can only manage your own notifications."),
    )


def require_signed_in(user) -> None:
    require(is_authenticated(user), _("Please log in first."))
