# SPDX-License-Identifier: EUPL-1.2
"""Reads for the import pages and API: the list of imports, one import's report, a predecessor's history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce

from bouwplaats.accounts.permissions import is_coordinator_of
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.organisations.models import Municipality

from ..constants import Source
from ..models import CurrentStatus, ImportBatch, StatusEvent
from ..permissions import can_view_every_municipality_status
from ..selectors import LATEST_FIRST
from .checking import Kind, render_message
from .mergers import merged_municipalities


def import_batches(*, programme: Programme | None = None) -> QuerySet[ImportBatch]:
    """Imports, newest first, without their (large) reports but with the counts from them."""
    batches = ImportBatch.objects.select_related("programme", "uploaded_by").defer("report", "plan")
    if programme is not None:
        batches = batches.filter(programme=programme)
    return batches.annotate(
        error_count=_count("error"),
        change_count=_count("change") + _count("new") + _count("history"),
    ).order_by("-uploaded_at", "-pk")


def _count(kind: str):
    return Coalesce(Cast(KT(f"report__counts__{kind}"), IntegerField()), 0)


def import_batch(pk: int) -> ImportBatch | None:
    return ImportBatch.objects.select_related("programme", "uploaded_by").defer("plan").filter(pk=pk).first()


@dataclass
class ReportRow:
    """One row of a report, with its messages in the reader's language."""

    data: dict

    def __getattr__(self, name):
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def kind_label(self) -> str:
        return str(Kind.LABELS.get(self.data.get("kind"), ""))

    @property
    def messages(self) -> list[dict]:
        return [
            {"text": render_message(message), "error": message.get("error", True)}
            for message in self.data.get("messages", [])
        ]

    @property
    def level_changes(self) -> bool:
        return bool(self.data.get("old_level")) and self.data.get("old_level") != self.data.get("level")


def report_rows(batch: ImportBatch, *, kind: str = "") -> list[ReportRow]:
    rows = batch.report.get("rows", []) if isinstance(batch.report, dict) else []
    return [ReportRow(row) for row in rows if not kind or row.get("kind") == kind]


def report_counts(batch: ImportBatch) -> list[tuple[str, str, int]]:
    """(kind, label, count) in the order of the report; kinds with rows only."""
    counts = batch.report.get("counts", {}) if isinstance(batch.report, dict) else {}
    return [(kind, str(Kind.LABELS[kind]), counts.get(kind, 0)) for kind in Kind.ORDER if counts.get(kind)]


# --- a predecessor's history (mergers) ---------------------------------------------------------------


def predecessor_periods(code: str) -> list[Municipality]:
    return list(Municipality.objects.filter(code=code.upper()).select_related("merged_into").order_by("valid_from"))


def can_view_predecessor_history(user, periods: list[Municipality], programme: Programme) -> bool:
    """Like a municipality's own status: public programmes, staff, the coordinators of the code, and the
    coordinators of the municipalities it merged into (they carry its history on)."""
    if can_view_every_municipality_status(user, programme):
        return True
    seen: set[int] = set()
    for period in periods:
        municipality = period
        while municipality is not None and municipality.pk not in seen and len(seen) < 50:
            seen.add(municipality.pk)
            if is_coordinator_of(user, municipality):
                return True
            municipality = municipality.merged_into
    return False


def predecessor_history(*, code: str, building_block: BuildingBlock) -> QuerySet[StatusEvent]:
    """Every event of every period of a municipality code for one block, newest first."""
    return (
        StatusEvent.objects.filter(municipality__code=code.upper(), building_block=building_block)
        .select_related("level", "author", "municipality")
        .order_by(*LATEST_FIRST)
    )


# --- mergers of the programme's period -------------------------------------------------------------


def _count_per_municipality(queryset: QuerySet) -> Coalesce:
    counted = queryset.order_by().values("municipality").annotate(count=Count("pk")).values("count")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def programme_mergers(programme: Programme) -> QuerySet[Municipality]:
    """The municipalities of the programme's division that came into existence by a merger during the
    programme (from its start date on), oldest merger first, each with its predecessors and
    ``carried_over`` (statuses carried over at the merger), ``with_status`` (blocks with a current
    status) and ``predecessors_reported`` (whether a predecessor has a status to carry over)."""
    in_programme = {"building_block__programme": programme}
    return (
        merged_municipalities(programme)
        .select_related("province")
        .prefetch_related(Prefetch("predecessors", queryset=Municipality.objects.order_by("name", "valid_from")))
        .annotate(
            carried_over=_count_per_municipality(
                StatusEvent.objects.filter(municipality=OuterRef("pk"), source=Source.MERGER, **in_programme)
            ),
            with_status=_count_per_municipality(
                CurrentStatus.objects.filter(municipality=OuterRef("pk"), **in_programme)
            ),
            predecessors_reported=Exists(
                CurrentStatus.objects.filter(municipality__merged_into=OuterRef("pk"), **in_programme)
            ),
        )
        .order_by("valid_from", "name")
    )
