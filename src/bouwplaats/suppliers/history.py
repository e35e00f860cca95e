# SPDX-License-Identifier: EUPL-1.2
"""What the supplier's history page calls each recorded action, in the reader's language."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "suppliers.supplier.create": _("Supplier added"),
    "suppliers.supplier.update": _("Supplier changed"),
    "suppliers.product.create": _("Product added"),
    "suppliers.product.update": _("Product changed"),
    "suppliers.product_version.create": _("Version added"),
    "suppliers.product_version.update": _("Version changed"),
    "suppliers.readiness.create": _("Readiness recorded"),
    "suppliers.readiness.update": _("Readiness changed"),
    "suppliers.readiness.delete": _("Readiness deleted"),
    "suppliers.signature.create": _("Agreement signed"),
    "suppliers.commitment.create": _("Delivery date recorded"),
    "suppliers.commitment.update": _("Delivery date changed"),
    "suppliers.demo.load": _("Demo data loaded"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, _("Changed")))
