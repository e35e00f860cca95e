# SPDX-License-Identifier: EUPL-1.2
"""Reads of suppliers for pages and the API, with the related rows fetched up front (a constant number of
queries per page).

Whether a delivery commitment is overdue is decided in one place, ``commitments``: its due date has passed
and none of the supplier's product versions supported the building block by then.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from bouwplaats.accounts.models import MembershipStatus
from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.models import BuildingBlock, Programme

from .models import (
    Agreement,
    AgreementSignature,
    ConformanceReport,
    DeliveryCommitment,
    Product,
    ProductVersion,
    Readiness,
    ReadinessState,
    Standard,
    Supplier,
    SupplierMembership,
)

# --- delivery commitments: the one rule of "overdue" ----------------------------------------------------


def commitments(*, today: datetime.date) -> QuerySet[DeliveryCommitment]:
    """Delivery commitments with ``delivered_on`` and ``is_overdue``.

    ``delivered_on`` is the earliest date since which any version of the supplier's products supports the
    commitment's building block (None: none does). A commitment is overdue on ``today`` when its due date
    lies before ``today`` and the block was not supported by the due date: not at all, or only later.
    """
    first_supported = (
        Readiness.objects.filter(
            building_block_id=OuterRef("building_block_id"),
            product_version__product__supplier_id=OuterRef("signature__supplier_id"),
            state=ReadinessState.SUPPORTED,
        )
        .order_by("date")
        .values("date")[:1]
    )
    return DeliveryCommitment.objects.annotate(delivered_on=Subquery(first_supported)).annotate(
        is_overdue=Case(
            When(
                Q(due_date__lt=today) & (Q(delivered_on__isnull=True) | Q(delivered_on__gt=F("due_date"))),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def overdue_commitments(
    *,
    today: datetime.date,
    supplier: Supplier | None = None,
    building_block: BuildingBlock | None = None,
    programme: Programme | None = None,
) -> QuerySet[DeliveryCommitment]:
    """The overdue commitments (``commitments``), oldest due date first, with supplier, agreement and block."""
    qs = commitments(today=today).filter(is_overdue=True)
    if supplier is not None:
        qs = qs.filter(signature__supplier=supplier)
    if building_block is not None:
        qs = qs.filter(building_block=building_block)
    if programme is not None:
        qs = qs.filter(building_block__programme=programme)
    return qs.select_related("signature__supplier", "signature__agreement", "building_block__programme").order_by(
        "due_date", "signature__supplier__name", "building_block__name"
    )


def _count(qs: QuerySet, supplier_field: str):
    """The number of rows of ``qs`` that belong to the supplier of the outer query (a subquery: no join that
    multiplies the supplier's rows)."""
    per_supplier = (
        qs.filter(**{supplier_field: OuterRef("pk")})
        .order_by()
        .values(supplier_field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(per_supplier), 0)


# --- suppliers ----------------------------------------------------------------------------------------


def suppliers(*, today: datetime.date, search: str = "") -> QuerySet[Supplier]:
    """Suppliers by name, with the number of products, versions and signed agreements, and of overdue
    delivery commitments."""
    qs = Supplier.objects.annotate(
        product_count=_count(Product.objects.all(), "supplier_id"),
        version_count=_count(ProductVersion.objects.all(), "product__supplier_id"),
        signature_count=_count(AgreementSignature.objects.all(), "supplier_id"),
        overdue_count=_count(commitments(today=today).filter(is_overdue=True), "signature__supplier_id"),
    )
    if search.strip():
        qs = qs.filter(name__icontains=search.strip())
    return qs.order_by("name")


def _readiness() -> QuerySet[Readiness]:
    return Readiness.objects.select_related("building_block__programme", "standard", "conformance_report__standard")


def _versions() -> QuerySet[ProductVersion]:
    return ProductVersion.objects.order_by("-release_date", "-version").prefetch_related(
        Prefetch("readiness", queryset=_readiness())
    )


def supplier_detail(*, pk: int, today: datetime.date) -> Supplier:
    """One supplier with its products (their versions and readiness), representatives, signed agreements and
    delivery commitments (with ``is_overdue``); raises ``Supplier.DoesNotExist``."""
    return Supplier.objects.prefetch_related(
        Prefetch(
            "products", queryset=Product.objects.order_by("name").prefetch_related(Prefetch("versions", _versions()))
        ),
        Prefetch(
            "memberships",
            queryset=SupplierMembership.objects.filter(status=MembershipStatus.APPROVED).select_related("user"),
            to_attr="representatives",
        ),
        Prefetch(
            "signatures",
            queryset=AgreementSignature.objects.select_related("agreement__programme")
            .order_by("agreement__kind", "agreement__title")
            .prefetch_related(
                Prefetch(
                    "commitments",
                    queryset=commitments(today=today).select_related("building_block__programme").order_by("due_date"),
                )
            ),
        ),
    ).get(pk=pk)


@dataclass
class ReadinessRow:
    """What a product says about one building block or standard: the newest version's readiness, and the
    first version that supported it."""

    subject: BuildingBlock | Standard
    latest: Readiness
    first_supported: Readiness | None

    @property
    def is_building_block(self) -> bool:
        return isinstance(self.subject, BuildingBlock)


def product_readiness(product: Product) -> list[ReadinessRow]:
    """The readiness of a product per building block and standard, from its prefetched versions (newest first);
    building blocks first, each group by name."""
    latest: dict[tuple[str, int], Readiness] = {}
    first: dict[tuple[str, int], Readiness] = {}
    for version in product.versions.all():  # newest first
        for readiness in version.readiness.all():
            readiness.product_version = version
            key = (
                ("block", readiness.building_block_id)
                if readiness.building_block_id
                else ("standard", readiness.standard_id)
            )
            latest.setdefault(key, readiness)
            if readiness.state == ReadinessState.SUPPORTED:
                first[key] = readiness  # older versions come later: the last one seen is the first
    rows = [
        ReadinessRow(
            subject=readiness.building_block or readiness.standard, latest=readiness, first_supported=first.get(key)
        )
        for key, readiness in latest.items()
    ]
    return sorted(rows, key=lambda row: (not row.is_building_block, row.subject.name.lower()))


def version_detail(*, supplier: Supplier, product_id: int, version_id: int) -> ProductVersion:
    """A version of one of ``supplier``'s products, with its readiness; raises ``ProductVersion.DoesNotExist``
    for another supplier's version."""
    return (
        ProductVersion.objects.select_related("product__supplier")
        .prefetch_related(Prefetch("readiness", queryset=_readiness()))
        .get(pk=version_id, product_id=product_id, product__supplier=supplier)
    )


def sorted_readiness(version: ProductVersion) -> list[Readiness]:
    """A version's prefetched readiness: building blocks first, then standards, each by name."""
    return sorted(
        version.readiness.all(),
        key=lambda readiness: (
            readiness.building_block_id is None,
            (readiness.building_block or readiness.standard).name.lower(),
        ),
    )


def passing_reports(supplier: Supplier) -> QuerySet[ConformanceReport]:
    """The conformance reports a readiness of ``supplier`` may point at: its own that passed."""
    return ConformanceReport.objects.filter(supplier=supplier, passed=True).select_related("standard")


def standards() -> QuerySet[Standard]:
    return Standard.objects.order_by("name")


def history(supplier: Supplier) -> QuerySet[AuditEntry]:
    """Every recorded change of the supplier, its products and versions, their readiness, its signatures and
    delivery commitments, newest first. Requests to represent the supplier are left out: they are about
    people, and programme staff see them on their own page."""

    def ids(qs) -> QuerySet:
        return qs.annotate(text_id=Cast("pk", CharField())).values("text_id")

    about = (
        Q(object_type="suppliers.supplier", object_id=str(supplier.pk))
        | Q(object_type="suppliers.product", object_id__in=ids(Product.objects.filter(supplier=supplier)))
        | Q(
            object_type="suppliers.productversion",
            object_id__in=ids(ProductVersion.objects.filter(product__supplier=supplier)),
        )
        | Q(
            object_type="suppliers.readiness",
            object_id__in=ids(Readiness.objects.filter(product_version__product__supplier=supplier)),
        )
        | Q(
            object_type="suppliers.agreementsignature",
            object_id__in=ids(AgreementSignature.objects.filter(supplier=supplier)),
        )
        | Q(
            object_type="suppliers.deliverycommitment",
            object_id__in=ids(DeliveryCommitment.objects.filter(signature__supplier=supplier)),
        )
    )
    return AuditEntry.objects.filter(about).select_related("actor").order_by("-timestamp", "-id")


# --- representatives ----------------------------------------------------------------------------------


def open_membership(user) -> SupplierMembership | None:
    """The user's pending or approved place as representative, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        SupplierMembership.objects.select_related("supplier")
        .filter(user=user, status__in=[MembershipStatus.PENDING, MembershipStatus.APPROVED])
        .first()
    )


def pending_memberships() -> QuerySet[SupplierMembership]:
    return (
        SupplierMembership.objects.filter(status=MembershipStatus.PENDING)
        .select_related("user", "supplier")
        .order_by("requested_at", "pk")
    )


def decided_memberships() -> QuerySet[SupplierMembership]:
    return (
        SupplierMembership.objects.exclude(status=MembershipStatus.PENDING)
        .select_related("user", "supplier", "decided_by")
        .order_by("-decided_at", "-requested_at", "-pk")
    )


# --- agreements --------------------------------------------------------------------------------------


def agreements(*, programme: Programme | None = None) -> QuerySet[Agreement]:
    """The supplier agreements (covenant first, then the addenda by title) with their building blocks and the
    number of signatures."""
    qs = (
        Agreement.objects.select_related("programme")
        .prefetch_related(Prefetch("building_blocks", queryset=BuildingBlock.objects.order_by("name")))
        .annotate(signature_count=Count("signatures", distinct=True))
    )
    if programme is not None:
        qs = qs.filter(programme=programme)
    return qs.order_by("programme__name", "kind", "title")


def agreement_detail(*, pk: int, today: datetime.date) -> Agreement:
    """An agreement with its building blocks, signatures (by supplier) and their commitments (``is_overdue``)."""
    return (
        Agreement.objects.select_related("programme")
        .prefetch_related(
            Prefetch("building_blocks", queryset=BuildingBlock.objects.order_by("name")),
            Prefetch(
                "signatures",
                queryset=AgreementSignature.objects.select_related("supplier")
                .order_by("supplier__name")
                .prefetch_related(
                    Prefetch(
                        "commitments",
                        queryset=commitments(today=today).select_related("building_block").order_by("due_date"),
                    )
                ),
            ),
        )
        .get(pk=pk)
    )


# --- a building block's suppliers (for its page in the catalogue) -----------------------------------------


@dataclass
class BlockProduct:
    """What one product says about a building block: its newest version's readiness and its first support."""

    product: Product
    latest: Readiness
    first_supported: Readiness | None


def block_products(block: BuildingBlock) -> list[BlockProduct]:
    """The products that recorded readiness for ``block``, by supplier and product name (one query)."""
    rows = (
        Readiness.objects.filter(building_block=block)
        .select_related("product_version__product__supplier", "conformance_report")
        .order_by(
            "product_version__product__supplier__name",
            "product_version__product__name",
            "-product_version__release_date",
        )
    )
    products: dict[int, BlockProduct] = {}
    for readiness in rows:
        product = readiness.product_version.product
        entry = products.get(product.pk)
        if entry is None:
            entry = products[product.pk] = BlockProduct(product=product, latest=readiness, first_supported=None)
        if readiness.state == ReadinessState.SUPPORTED:
            entry.first_supported = readiness  # the versions come newest first
    return list(products.values())


def block_commitments(*, block: BuildingBlock, today: datetime.date) -> list[DeliveryCommitment]:
    """The delivery commitments for ``block`` (with ``is_overdue``), by due date."""
    return list(
        commitments(today=today)
        .filter(building_block=block)
        .select_related("signature__supplier", "signature__agreement")
        .order_by("due_date", "signature__supplier__name")
    )


# --- the programme overview ---------------------------------------------------------------------------


@dataclass
class CommitmentSummary:
    total: int
    due: int  # due date passed
    overdue: list[DeliveryCommitment]


def commitment_summary(*, programme: Programme, today: datetime.date) -> CommitmentSummary:
    """The programme's delivery commitments: how many, how many are due, and which are overdue (two queries)."""
    counts = (
        commitments(today=today)
        .filter(building_block__programme=programme)
        .aggregate(total=Count("pk"), due=Count("pk", filter=Q(due_date__lt=today)))
    )
    overdue = list(overdue_commitments(today=today, programme=programme))
    return CommitmentSummary(total=counts["total"], due=counts["due"], overdue=overdue)
