# SPDX-License-Identifier: EUPL-1.2
"""Reads of the conformance check for its pages and API, and for the readiness of a supplier."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from bouwplaats.accounts.models import Membership, MembershipStatus
from bouwplaats.accounts.permissions import is_authenticated, is_programme_staff
from bouwplaats.organisations.models import Municipality

from ..models import ConformanceReport, Readiness, Standard, Supplier, SupplierMembership


def _reports() -> QuerySet[ConformanceReport]:
    return ConformanceReport.objects.select_related("standard", "supplier", "municipality", "uploaded_by")


def reports_for(user) -> QuerySet[ConformanceReport]:
    """The reports ``user`` may list, newest first, without their results: every report for programme
    staff; for others those of the supplier they represent and of the municipalities they coordinate.
    One query."""
    reports = _reports().defer("results")
    if is_programme_staff(user):
        return reports
    if not is_authenticated(user):
        return reports.none()
    suppliers = SupplierMembership.objects.filter(user=user, status=MembershipStatus.APPROVED).values("supplier_id")
    codes = Membership.objects.filter(user=user, status=MembershipStatus.APPROVED).values("municipality__code")
    return reports.filter(Q(supplier__in=suppliers) | Q(municipality__code__in=codes))


def report_detail(pk: int) -> ConformanceReport | None:
    """A report with its standard, owner and uploader, and ``is_evidence``: whether a readiness holds it
    as evidence. One query."""
    evidence = Readiness.objects.filter(conformance_report=OuterRef("pk"))
    return _reports().annotate(is_evidence=Exists(evidence)).filter(pk=pk).first()


def supplier_reports(supplier: Supplier) -> QuerySet[ConformanceReport]:
    """The conformance reports of ``supplier``, newest first, without their results; one query."""
    return (
        ConformanceReport.objects.filter(supplier=supplier)
        .select_related("standard")
        .defer("results")
        .order_by("-uploaded_at", "-pk")
    )


def passing_reports(supplier: Supplier, standard: Standard) -> QuerySet[ConformanceReport]:
    """The passed reports of ``supplier`` for ``standard``, newest first: what a representative may
    attach to a readiness as evidence. Without their results; one query."""
    return (
        ConformanceReport.objects.filter(supplier=supplier, standard=standard, passed=True)
        .select_related("standard", "uploaded_by")
        .defer("results")
        .order_by("-uploaded_at", "-pk")
    )


def checkable_standards() -> QuerySet[Standard]:
    """The standards that have a conformance check, by name."""
    return Standard.objects.exclude(schema_set="").order_by("name")


@dataclass(frozen=True)
class Owners:
    """For whom a user may check messages: suppliers and municipalities."""

    suppliers: list[Supplier]
    municipalities: list[Municipality]

    def __bool__(self) -> bool:
        return bool(self.suppliers or self.municipalities)


def owners_for(user) -> Owners:
    """Programme staff: every supplier and the municipalities of today's division; others: the supplier
    they represent and the municipalities they coordinate. Two queries."""
    if is_programme_staff(user):
        suppliers = Supplier.objects.order_by("name")
        municipalities = Municipality.objects.on(timezone.localdate()).order_by("name")
    elif is_authenticated(user):
        suppliers = Supplier.objects.filter(
            memberships__user=user, memberships__status=MembershipStatus.APPROVED
        ).order_by("name")
        municipalities = (
            Municipality.objects.filter(memberships__user=user, memberships__status=MembershipStatus.APPROVED)
            .distinct()
            .order_by("name")
        )
    else:
        return Owners([], [])
    return Owners(list(suppliers), list(municipalities))


@dataclass(frozen=True)
class MessageResult:
    """One message of a report as its page shows it."""

    name: str
    root: str
    schema: str
    error_count: int
    errors: list[dict]
    ignored: bool

    @property
    def not_shown(self) -> int:
        """Errors counted but not kept in the report."""
        return self.error_count - len(self.errors)


def report_messages(report: ConformanceReport) -> list[MessageResult]:
    """The messages of ``report`` from its stored results (no query)."""
    return [
        MessageResult(
            name=str(item.get("name", "")),
            root=str(item.get("root", "")),
            schema=str(item.get("schema", "")),
            error_count=int(item.get("error_count", 0)),
            errors=list(item.get("errors", [])),
            ignored=bool(item.get("ignored", False)),
        )
        for item in report.results or []
    ]
