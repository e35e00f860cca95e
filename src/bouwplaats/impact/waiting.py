# SPDX-License-Identifier: EUPL-1.2
"""Who waits on whom: the municipalities whose supplier is not ready for a building block in time.

An application linked to a product version (``Application.product_version``) says which version a
municipality runs. A version *concerns* a building block when its product has a readiness record for the
block (in any version): the supplier says the product has to do with the block. For each municipality ×
block × concerned version:

- the block's **deadline** is the earliest deadline of its result agreements (an agreement without a date
  counts with the block's own deadline), or the block's deadline when it has no agreement; a block without
  any deadline has no one waiting;
- the version is **in time** when it supports the block (since any date) or plans it for a date on or
  before the deadline;
- it is **late** when it plans the block after the deadline, does not plan it, or has no readiness record
  for the block while another version of the product has one.

The municipality waits on the supplier of every late version it runs. Every read here takes a constant
number of queries (three), whatever the number of municipalities.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q

from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.organisations.models import Municipality
from bouwplaats.suppliers.models import ProductVersion, Readiness, ReadinessState, Supplier

from .models import Application

NO_RECORD = ""  # the state of a version without a readiness record for the block


@dataclass(frozen=True)
class VersionReadiness:
    """One municipality's product version and its readiness for one building block."""

    municipality: Municipality
    building_block: BuildingBlock
    deadline: datetime.date
    version: ProductVersion
    state: str  # a ReadinessState, or NO_RECORD
    date: datetime.date | None  # supported since / planned for

    @property
    def supplier(self) -> Supplier:
        return self.version.product.supplier

    @property
    def in_time(self) -> bool:
        if self.state == ReadinessState.SUPPORTED:
            return True
        return self.state == ReadinessState.PLANNED and self.date is not None and self.date <= self.deadline

    @property
    def is_planned_late(self) -> bool:
        return self.state == ReadinessState.PLANNED and not self.in_time


@dataclass
class SupplierWait:
    """A supplier that is late for a block, and the municipalities waiting on it."""

    supplier: Supplier
    deadline: datetime.date
    versions: list[VersionReadiness] = field(default_factory=list)

    @property
    def municipalities(self) -> list[Municipality]:
        unique = {row.municipality.pk: row.municipality for row in self.versions}
        return sorted(unique.values(), key=lambda municipality: municipality.name)

    @property
    def version_rows(self) -> list[VersionReadiness]:
        """One row per product version (its readiness), by version."""
        unique = {row.version.pk: row for row in self.versions}
        return sorted(unique.values(), key=lambda row: str(row.version))


@dataclass
class BlockWait:
    """A block for which municipalities wait on one supplier."""

    building_block: BuildingBlock
    deadline: datetime.date
    versions: list[VersionReadiness] = field(default_factory=list)

    @property
    def municipalities(self) -> list[Municipality]:
        unique = {row.municipality.pk: row.municipality for row in self.versions}
        return sorted(unique.values(), key=lambda municipality: municipality.name)

    @property
    def version_rows(self) -> list[VersionReadiness]:
        """One row per product version (its readiness), by version."""
        unique = {row.version.pk: row for row in self.versions}
        return sorted(unique.values(), key=lambda row: str(row.version))


def block_deadlines(blocks) -> dict[int, datetime.date]:
    """Each block's deadline (see the module): the earliest of its result agreements, else its own (one query).

    Blocks without any deadline are left out."""
    rows = (
        BuildingBlock.objects.filter(pk__in=[block.pk for block in blocks])
        .annotate(
            agreements=Count("result_agreements"),
            undated=Count("result_agreements", filter=Q(result_agreements__deadline__isnull=True)),
            first_agreement=Min("result_agreements__deadline"),
        )
        .values_list("pk", "deadline", "agreements", "undated", "first_agreement")
    )
    deadlines = {}
    for pk, own, agreements, undated, first_agreement in rows:
        # An agreement without a date is due by the block's own deadline; no agreement: the block's deadline.
        candidates = [first_agreement] if agreements else []
        if not agreements or undated:
            candidates.append(own)
        candidates = [day for day in candidates if day is not None]
        if candidates:
            deadlines[pk] = min(candidates)
    return deadlines


def version_readiness(
    *,
    blocks,
    municipalities=None,
    supplier: Supplier | None = None,
) -> list[VersionReadiness]:
    """Every linked version's readiness for each block that concerns it, in time or not (three queries: the
    deadlines, the readiness records of the blocks, the applications that run a product concerned).

    ``municipalities`` (ids or objects) limits the municipalities; ``supplier`` the suppliers."""
    blocks = {block.pk: block for block in blocks}
    deadlines = block_deadlines(blocks.values())
    if not deadlines:
        return []
    records = Readiness.objects.filter(building_block_id__in=list(deadlines))
    if supplier is not None:
        records = records.filter(product_version__product__supplier=supplier)
    concerned: set[tuple[int, int]] = set()  # (product id, block id)
    own: dict[tuple[int, int], tuple[str, datetime.date | None]] = {}  # (version id, block id) -> state, date
    for version_id, product_id, block_id, state, day in records.values_list(
        "product_version_id", "product_version__product_id", "building_block_id", "state", "date"
    ):
        concerned.add((product_id, block_id))
        own[(version_id, block_id)] = (state, day)
    if not concerned:
        return []
    applications = (
        Application.objects.filter(product_version__product_id__in={product_id for product_id, _block in concerned})
        .select_related("municipality", "product_version__product__supplier")
        .only(
            "municipality__name",
            "municipality__code",
            "product_version__version",
            "product_version__product__name",
            "product_version__product__supplier__name",
        )
    )
    if municipalities is not None:
        applications = applications.filter(municipality__in=list(municipalities))
    runs: dict[int, dict[int, Municipality]] = defaultdict(dict)  # version id -> municipalities
    versions: dict[int, ProductVersion] = {}
    for application in applications.order_by():
        versions[application.product_version_id] = application.product_version
        runs[application.product_version_id][application.municipality_id] = application.municipality
    result = []
    for version_id, version in versions.items():
        for block_id, deadline in deadlines.items():
            if (version.product_id, block_id) not in concerned:
                continue
            state, day = own.get((version_id, block_id), (NO_RECORD, None))
            result.extend(
                VersionReadiness(
                    municipality=municipality,
                    building_block=blocks[block_id],
                    deadline=deadline,
                    version=version,
                    state=state,
                    date=day,
                )
                for municipality in runs[version_id].values()
            )
    result.sort(key=lambda row: (row.building_block.name, row.supplier.name, row.municipality.name, str(row.version)))
    return result


def late(rows: list[VersionReadiness]) -> list[VersionReadiness]:
    return [row for row in rows if not row.in_time]


def block_waits(block: BuildingBlock) -> list[SupplierWait]:
    """The suppliers late for ``block``, each with the municipalities waiting on it (three queries)."""
    by_supplier: dict[int, SupplierWait] = {}
    for row in late(version_readiness(blocks=[block])):
        wait = by_supplier.setdefault(row.supplier.pk, SupplierWait(supplier=row.supplier, deadline=row.deadline))
        wait.versions.append(row)
    return sorted(by_supplier.values(), key=lambda wait: (-len(wait.municipalities), wait.supplier.name))


def supplier_waits(supplier: Supplier) -> list[BlockWait]:
    """Per block, the municipalities waiting on ``supplier`` (four queries: the blocks and three)."""
    blocks = BuildingBlock.objects.filter(readiness__product_version__product__supplier=supplier).distinct()
    by_block: dict[int, BlockWait] = {}
    for row in late(version_readiness(blocks=blocks.select_related("programme"), supplier=supplier)):
        wait = by_block.setdefault(
            row.building_block.pk, BlockWait(building_block=row.building_block, deadline=row.deadline)
        )
        wait.versions.append(row)
    return sorted(by_block.values(), key=lambda wait: (wait.deadline, wait.building_block.name))


def municipality_waits(municipality: Municipality, blocks) -> list[VersionReadiness]:
    """The versions of ``municipality`` that are late for ``blocks`` (three queries)."""
    return late(version_readiness(blocks=blocks, municipalities=[municipality.pk]))


def verdicts(rows: list[VersionReadiness]) -> dict[tuple[int, int], bool]:
    """(municipality id, block id) -> whether "supplier not ready" is borne out: True when a linked version
    is late, False when every linked version that concerns the block is in time. Pairs without a linked
    version that concerns the block are left out: nothing is known of them."""
    result: dict[tuple[int, int], bool] = {}
    for row in rows:
        key = (row.municipality.pk, row.building_block.pk)
        result[key] = result.get(key, False) or not row.in_time
    return result


def blocker_verdicts(municipality_ids, blocks) -> dict[tuple[int, int], bool]:
    """``verdicts`` of these municipalities and blocks (three queries)."""
    return verdicts(version_readiness(blocks=blocks, municipalities=municipality_ids))


def customer_municipality_ids(supplier: Supplier) -> set[int]:
    """The municipalities whose landscape uses ``supplier``'s products: an application linked to the supplier
    or to a version of one of its products (one query)."""
    return set(
        Application.objects.filter(Q(linked_supplier=supplier) | Q(product_version__product__supplier=supplier))
        .order_by()
        .values_list("municipality_id", flat=True)
        .distinct()
    )


def waiting_municipality_ids(*, supplier: Supplier, blocks) -> set[int]:
    """The municipalities waiting on ``supplier`` for any of ``blocks`` (three queries)."""
    return {row.municipality.pk for row in late(version_readiness(blocks=blocks, supplier=supplier))}
