# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with suppliers (design.md §7). Services call the ``require_*`` functions before writing;
pages and the API ask the ``can_*`` functions to show or hide what leads to a write.

Programme staff maintain every supplier. A supplier representative is a user with the role
``supplier`` and an approved membership of one supplier: they maintain that supplier's products,
versions and readiness, and nothing of another supplier. Coordinators and members only read.
"""

from django.utils.translation import gettext as _

from bouwplaats.accounts.models import MembershipStatus, Role
from bouwplaats.accounts.permissions import is_authenticated, is_programme_staff, require

from .models import Supplier, SupplierMembership


def represented_supplier_id(user) -> int | None:
    """The id of the supplier that ``user`` represents (an approved membership and the supplier role), or None."""
    if not is_authenticated(user) or user.role != Role.SUPPLIER:
        return None
    memberships = user.supplier_memberships.filter(status=MembershipStatus.APPROVED)
    return memberships.values_list("supplier_id", flat=True).first()


def is_representative_of(user, supplier: Supplier) -> bool:
    return supplier.pk is not None and represented_supplier_id(user) == supplier.pk


def can_manage_suppliers(user) -> bool:
    """Add suppliers, change their name, KvK number and website, decide on representatives, record agreements."""
    return is_programme_staff(user)


def can_maintain(user, supplier: Supplier) -> bool:
    """Add and change the supplier's products, versions and readiness."""
    return is_programme_staff(user) or is_representative_of(user, supplier)


def can_request_representation(user) -> bool:
    """Any signed-in user may ask to represent a supplier, except a municipality coordinator: one person does
    not speak for a municipality and for its supplier at once."""
    return is_authenticated(user) and user.role != Role.COORDINATOR


def can_see_who(user, supplier: Supplier) -> bool:
    """Whether the supplier's history shows who made each change (staff and the supplier's own representatives)."""
    return can_maintain(user, supplier)


def require_supplier_manager(user) -> None:
    require(can_manage_suppliers(user), _("Only programme staff may add or change suppliers."))


def require_maintainer(user, supplier: Supplier) -> None:
    require(
        can_maintain(user, supplier),
        _("Only programme staff and the representatives of %(supplier)s may change its products and readiness.")
        % {"supplier": supplier.name},
    )


def require_representation_requester(user) -> None:
    require(is_authenticated(user), _("Please log in first."))
    require(
        can_request_representation(user),
        _("A municipality coordinator cannot also represent a supplier. End your municipality membership first."),
    )


def require_membership_decider(user) -> None:
    require(can_manage_suppliers(user), _("Only programme staff may decide on requests to represent a supplier."))


def require_agreement_manager(user) -> None:
    require(can_manage_suppliers(user), _("Only programme staff may record signatures and delivery commitments."))


def can_end_membership(user, membership: SupplierMembership) -> bool:
    return is_authenticated(user) and (user.pk == membership.user_id or can_manage_suppliers(user))


def require_membership_ender(user, membership: SupplierMembership) -> None:
    require(
        can_end_membership(user, membership),
        _("Only the representative themself or programme staff may end a representation."),
    )


def require_not_own_request(user, membership: SupplierMembership) -> None:
    require(membership.user_id != user.pk, _("Another member of the programme staff must decide on your own request."))
