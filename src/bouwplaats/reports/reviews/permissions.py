# SPDX-License-Identifier: EUPL-1.2
"""Who may change Gateway reviews: programme staff (design.md §7). Everyone may read them."""

from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import is_programme_staff, require


def can_edit_reviews(user) -> bool:
    return is_programme_staff(user)


def require_review_editor(user) -> None:
    require(can_edit_reviews(user), _("Only programme staff may enter and change Gateway reviews."))
