# SPDX-License-Identifier: EUPL-1.2
"""What the landscapes add to the monitor (registered in ``ImpactConfig.ready``): a reason of the deadline
risk (the municipality's supplier is not ready by the deadline), a column of a municipality's progress
table that bears out or questions a reported "supplier not ready", and the staff's filter of the
monitor's municipalities by supplier (those waiting on it for a block, those that use its products). The
monitor does not import the landscapes."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from bouwplaats.accounts.permissions import is_programme_staff
from bouwplaats.monitor.constants import SUPPLIER_NOT_READY
from bouwplaats.monitor.extensions import (
    BlockerVerdictSource,
    Cell,
    MunicipalityFilter,
    ProgressColumn,
    RiskReasonSource,
    register_blocker_verdicts,
    register_municipality_filter,
    register_progress_column,
    register_risk_reasons,
)
from bouwplaats.monitor.models import CurrentStatus
from bouwplaats.monitor.verdicts import blocker_verdicts
from bouwplaats.suppliers.models import ReadinessState, Supplier

from . import waiting
from .models import Application

# What the contributions read: writes about these renew the monitor's cached pages.
VERDICT_KEY = "impact.supplier_verdict"  # the verdict source and the progress column that shows it
OBJECT_TYPES = (
    "impact.application",
    "suppliers.readiness",
    "suppliers.productversion",
    "suppliers.supplier",
    "suppliers.demo",
)


@dataclass(frozen=True)
class SupplierLate:
    """A deadline-risk reason: a product version the municipality runs is not ready by the deadline."""

    row: waiting.VersionReadiness
    code: str = "supplier_late"

    @property
    def text(self) -> str:
        values = {
            "supplier": self.row.supplier.name,
            "version": str(self.row.version),
            "deadline": date_format(self.row.deadline, "j F Y"),
        }
        if self.row.state == ReadinessState.PLANNED:
            values["date"] = date_format(self.row.date, "j F Y")
            return gettext("supplier %(supplier)s plans it for %(date)s, after the deadline (%(version)s)") % values
        if self.row.state == ReadinessState.NOT_PLANNED:
            return gettext("supplier %(supplier)s does not plan it (%(version)s)") % values
        return gettext("supplier %(supplier)s has not said when %(version)s supports it") % values

    def __str__(self) -> str:
        return self.text


def risk_reasons(municipality_ids, blocks) -> dict[tuple[int, int], list]:
    """The late product versions of these municipalities, as reasons per municipality × block (three queries)."""
    reasons: dict[tuple[int, int], list] = {}
    for row in waiting.late(waiting.version_readiness(blocks=blocks, municipalities=municipality_ids)):
        reasons.setdefault((row.municipality.pk, row.building_block.pk), []).append(SupplierLate(row))
    return reasons


def verdict_cells(municipality, blocks) -> dict[int, Cell]:
    """Per block with "supplier not ready" reported now: confirmed or questioned by the landscape (the
    monitor's verdicts on the current blockers; one query, four when a block reports it)."""
    blocks = list(blocks)
    masks = {
        (municipality.pk, block_id): mask
        for block_id, mask in CurrentStatus.objects.filter(
            municipality=municipality, building_block__in=blocks
        ).values_list("building_block_id", "blockers")
    }
    return {
        block_id: Cell(
            gettext("confirmed: a linked product version is not ready in time")
            if verdict.confirmed
            else gettext("questioned: every linked product version is ready in time")
        )
        for (_municipality_id, block_id), verdicts in blocker_verdicts(masks, blocks).items()
        for verdict in verdicts
        if verdict.source.key == VERDICT_KEY
    }


def supplier_choices() -> list[tuple[str, str]]:
    """The suppliers that applications are linked to, directly or through a product version (one query)."""
    linked = Application.objects.filter(
        Q(linked_supplier=OuterRef("pk")) | Q(product_version__product__supplier=OuterRef("pk"))
    )
    suppliers = Supplier.objects.filter(Exists(linked)).order_by("name")
    return [(str(supplier.pk), supplier.name) for supplier in suppliers.only("pk", "name")]


def waiting_on(value: str, blocks) -> set[int]:
    """The municipalities waiting on supplier ``value`` (its id) for any of ``blocks`` (three queries)."""
    return waiting.waiting_municipality_ids(supplier=Supplier(pk=int(value)), blocks=blocks)


def customers_of(value: str) -> set[int]:
    """The municipalities whose landscape uses the products of supplier ``value`` (its id; one query)."""
    return waiting.customer_municipality_ids(Supplier(pk=int(value)))


def register() -> None:
    register_risk_reasons(RiskReasonSource("impact.supplier_late", risk_reasons, object_types=OBJECT_TYPES))
    # The same verdict with the current blockers on a block's history and page, and counted on the blockers
    # overview, shown with the fragment that "Mijn gemeente" shows it with.
    register_blocker_verdicts(
        BlockerVerdictSource(
            key=VERDICT_KEY,
            blocker=SUPPLIER_NOT_READY,
            verdicts=waiting.blocker_verdicts,
            template="impact/_supplier_verdict.html",
            object_types=OBJECT_TYPES,
            confirmed_label=gettext_lazy("Supplier not ready: confirmed"),
            questioned_label=gettext_lazy("Supplier not ready: questioned"),
            explanation=gettext_lazy(
                "“Supplier not ready” is confirmed when a product version in the municipality's landscape is not "
                "ready for the block by its deadline, and questioned when every linked version that concerns the "
                "block is ready in time. Municipalities whose landscape links no such version are not counted."
            ),
        )
    )
    register_progress_column(
        ProgressColumn(
            key=VERDICT_KEY,
            label=gettext_lazy("Supplier not ready?"),
            cells=verdict_cells,
            object_types=(*OBJECT_TYPES, "monitor.statusevent"),
        )
    )
    # Which municipality runs which product is part of its landscape: the filter is for programme staff. On a
    # block's page and the deadline risk: the municipalities waiting on the supplier; on the pages about every
    # block (the overview, the blockers) and in the API: those that use its products.
    register_municipality_filter(
        MunicipalityFilter(
            key="leverancier",
            label=gettext_lazy("Waiting on supplier"),
            choices=supplier_choices,
            municipality_ids=waiting_on,
            visible=is_programme_staff,
            object_types=OBJECT_TYPES,
            overall_ids=customers_of,
            overall_label=gettext_lazy("Uses products of supplier"),
            api_name="supplier",
            refusal=gettext_lazy(
                "Only programme staff may filter by supplier: which municipality uses which product is part of "
                "its landscape, which is not public."
            ),
        )
    )
