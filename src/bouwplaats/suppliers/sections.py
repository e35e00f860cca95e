# SPDX-License-Identifier: EUPL-1.2
"""What the suppliers add to the pages of the apps below them: a section on a building block's page (the
catalogue), a section on the programme overview (the monitor), and the page a representative lands on
after logging in. Registered in ``SuppliersConfig.ready``."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from . import selectors
from .permissions import represented_supplier_id

# What the overview's section shows; writes about these renew the cached overview.
OVERVIEW_OBJECT_TYPES = (
    "suppliers.supplier",
    "suppliers.agreementsignature",
    "suppliers.deliverycommitment",
    "suppliers.readiness",
    "suppliers.productversion",
    "suppliers.demo",
)


def block_section(block, user) -> dict:
    """The suppliers of a building block: each product's readiness for it, and the delivery dates."""
    today = timezone.localdate()
    return {
        "block": block,
        "products": selectors.block_products(block),
        "commitments": selectors.block_commitments(block=block, today=today),
        "today": today,
    }


def overview_section(programme, today: datetime.date) -> dict | None:
    """The programme's delivery commitments and those overdue; nothing when no supplier committed to a date."""
    summary = selectors.commitment_summary(programme=programme, today=today)
    if not summary.total:
        return None
    return {"summary": summary, "programme": programme, "today": today}


def landing_url(user) -> str | None:
    """A supplier representative lands on their supplier's page."""
    supplier_id = represented_supplier_id(user)
    return reverse("suppliers:supplier-detail", args=[supplier_id]) if supplier_id else None
