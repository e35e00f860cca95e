# SPDX-License-Identifier: EUPL-1.2
"""The suppliers' section of the programme reports: per building block, the products that support it, plan it
(before or after the block's deadline) or do not plan it, and the overdue delivery commitments, on the
report's date.

Written here without importing the reports (it reads only the scope's ``programme`` and ``on`` and returns
``core.tabular`` sheets); the reports app registers it (``reports/apps.py``).

As of the report's date: a product supports a block on the date when one of its versions has supported it
since that date or earlier. Otherwise the newest version's readiness counts: planned for a date (a support
that started after the report's date counts as planned for that day), or not planned. Readiness keeps no
history of its own, so a plan that was changed later counts with its present date. A delivery commitment
is overdue on the date by the one rule of ``selectors.commitments``.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.core.tabular import DATE, INTEGER, TEXT, Column, Sheet

from . import selectors
from .models import Readiness, ReadinessState

# Writes about these change what the section shows.
OBJECT_TYPES = (
    "suppliers.supplier",
    "suppliers.product",
    "suppliers.productversion",
    "suppliers.readiness",
    "suppliers.agreementsignature",
    "suppliers.deliverycommitment",
    "suppliers.demo",
)

SUPPORTS, BEFORE, AFTER, NOT_PLANNED = "supports", "before", "after", "not_planned"


def _day(value) -> str:
    return date_format(value, "j F Y")


def product_states(*, block_deadlines: dict[int, object], on) -> dict[int, dict[int, tuple[str, int]]]:
    """Block id → product id → (where the product stands on ``on``, its supplier id); one query."""
    rows = (
        Readiness.objects.filter(building_block_id__in=list(block_deadlines))
        .order_by("building_block_id", "product_version__product_id", "-product_version__release_date", "-pk")
        .values_list(
            "building_block_id",
            "product_version__product_id",
            "product_version__product__supplier_id",
            "state",
            "date",
        )
    )
    supported: set[tuple[int, int]] = set()
    newest: dict[tuple[int, int], tuple[str, object, int]] = {}
    for (
        block_id,
        product_id,
        supplier_id,
        state,
        day,
    ) in rows:
        key = (block_id, product_id)
        newest.setdefault(key, (state, day, supplier_id))  # the versions come newest first
        if state == ReadinessState.SUPPORTED and day is not None and day <= on:
            supported.add(key)
    states: dict[int, dict[int, tuple[str, int]]] = defaultdict(dict)
    for (block_id, product_id), (state, day, supplier_id) in newest.items():
        if (block_id, product_id) in supported:
            where = SUPPORTS
        elif state == ReadinessState.NOT_PLANNED:
            where = NOT_PLANNED
        else:  # planned for a date, or supported only since a date after ``on``
            deadline = block_deadlines[block_id]
            where = BEFORE if deadline is None or day <= deadline else AFTER
        states[block_id][product_id] = (where, supplier_id)
    return states


def supplier_figures(scope) -> list[Sheet]:
    """Per building block the products (and their suppliers) by readiness on the date, and the overdue
    delivery commitments on the date (three queries)."""
    blocks = list(
        BuildingBlock.objects.filter(programme=scope.programme)
        .order_by("cluster", "name", "pk")
        .values_list("pk", "name", "deadline")
    )
    states = product_states(block_deadlines={pk: deadline for pk, _name, deadline in blocks}, on=scope.on)
    overdue = list(selectors.overdue_commitments(today=scope.on, programme=scope.programme))
    overdue_per_block: dict[int, int] = defaultdict(int)
    for commitment in overdue:
        overdue_per_block[commitment.building_block_id] += 1
    rows = []
    for pk, name, deadline in blocks:
        products = states.get(pk, {})

        def count(where, products=products):
            return sum(1 for state, _supplier in products.values() if state == where)

        suppliers = {supplier for state, supplier in products.values() if state == SUPPORTS}
        rows.append(
            [
                name,
                deadline,
                count(SUPPORTS),
                len(suppliers),
                count(BEFORE),
                count(AFTER),
                count(NOT_PLANNED),
                overdue_per_block[pk],
            ]
        )
    readiness = Sheet(
        _("Products per building block by readiness on %(date)s") % {"date": _day(scope.on)},
        [
            Column(_("Building block"), TEXT),
            Column(_("Deadline"), DATE),
            Column(_("Products supporting it"), INTEGER),
            Column(_("Suppliers supporting it"), INTEGER),
            Column(_("Products planning it by the deadline"), INTEGER),
            Column(_("Products planning it after the deadline"), INTEGER),
            Column(_("Products not planning it"), INTEGER),
            Column(_("Overdue delivery commitments"), INTEGER),
        ],
        rows,
    )
    late = Sheet(
        _("Delivery commitments overdue on %(date)s") % {"date": _day(scope.on)},
        [
            Column(_("Supplier"), TEXT),
            Column(_("Building block"), TEXT),
            Column(_("Agreement"), TEXT),
            Column(_("Delivery date"), DATE),
            Column(_("Supported since"), DATE),
        ],
        [
            [
                commitment.signature.supplier.name,
                commitment.building_block.name,
                commitment.signature.agreement.title,
                commitment.due_date,
                commitment.delivered_on if commitment.delivered_on and commitment.delivered_on <= scope.on else None,
            ]
            for commitment in overdue
        ],
    )
    return [readiness, late]
