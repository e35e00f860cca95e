# SPDX-License-Identifier: EUPL-1.2
"""Reads for the municipality pages and API.

Lists are annotated with ``inhabitants`` and ``population_year`` by subqueries (no query per row):
the figure of the latest year up to the division date's year, else the earliest figure there is.
The size class follows from ``inhabitants`` (``Municipality.size_class``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .constants import SIZE_CLASS_BY_CODE
from .models import Municipality, Population, Province

# The division of 1 January 2014, the reference date of Operatie NUP.
DEFAULT_DIVISION_DATE = datetime.date(2014, 1, 1)


def provinces() -> QuerySet[Province]:
    return Province.objects.order_by("name")


def with_population(queryset: QuerySet[Municipality], *, on: datetime.date) -> QuerySet[Municipality]:
    """Annotate ``inhabitants`` and ``population_year`` as of the year of ``on``."""
    figures = Population.objects.filter(municipality=OuterRef("pk"))
    latest = figures.filter(year__lte=on.year).order_by("-year")
    earliest = figures.order_by("year")
    return queryset.annotate(
        inhabitants=Coalesce(Subquery(latest.values("inhabitants")[:1]), Subquery(earliest.values("inhabitants")[:1])),
        population_year=Coalesce(Subquery(latest.values("year")[:1]), Subquery(earliest.values("year")[:1])),
    )


def municipalities_on(date: datetime.date) -> QuerySet[Municipality]:
    """The municipal division on ``date``, with province and population annotated."""
    return with_population(Municipality.objects.on(date).select_related("province"), on=date)


def filter_municipalities(
    queryset: QuerySet[Municipality],
    *,
    on: datetime.date | None = None,
    population_date: datetime.date | None = None,
    query: str = "",
    province: str = "",
    size_class: int | None = None,
) -> QuerySet[Municipality]:
    """Narrow ``queryset`` down; every argument is optional.

    ``on`` limits to the division on that date; population figures are taken as of ``on``
    (or ``population_date``, default 1 January 2014). ``query`` matches part of the name or the
    code, case-insensitively ("amsterdam", "0363", "GM0363"). ``province`` is a CBS code (PV27).
    """
    if on is not None:
        queryset = queryset.on(on)
    queryset = with_population(queryset, on=on or population_date or DEFAULT_DIVISION_DATE)
    query = query.strip()
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(code__icontains=query))
    if province:
        queryset = queryset.filter(province__code__iexact=province.strip())
    if size_class is not None:
        bounds = SIZE_CLASS_BY_CODE[size_class]
        queryset = queryset.filter(inhabitants__gte=bounds.low)
        if bounds.high is not None:
            queryset = queryset.filter(inhabitants__lt=bounds.high)
    return queryset


def search_municipalities(
    *, on: datetime.date, query: str = "", province: str = "", size_class: int | None = None
) -> QuerySet[Municipality]:
    """The municipalities of the division on ``on`` for the list page, by name."""
    queryset = Municipality.objects.select_related("province").order_by("name", "code")
    return filter_municipalities(queryset, on=on, query=query, province=province, size_class=size_class)


def municipality_list_for_api() -> QuerySet[Municipality]:
    """Every municipality period with what the API shows, in a fixed number of queries."""
    return (
        Municipality.objects.select_related("province", "merged_into")
        .prefetch_related(Prefetch("populations", queryset=Population.objects.order_by("year")))
        .order_by("name", "valid_from")
    )


@dataclass
class PredecessorNode:
    """A municipality that merged into another, with its own predecessors."""

    municipality: Municipality
    children: list[PredecessorNode] = field(default_factory=list)

    @property
    def merged_on(self) -> datetime.date | None:
        return self.municipality.valid_to


@dataclass
class MunicipalityHistory:
    municipality: Municipality  # the latest period of the code, annotated with population
    periods: list[Municipality]  # every period of the code, oldest first
    populations: list[Population]
    predecessors: list[PredecessorNode]
    successors: list[Municipality]  # from the one it merged into to the one that exists now


def municipality_on(code: str, *, on: datetime.date) -> Municipality | None:
    """The municipality with CBS ``code`` in the division on ``on`` (None when it is not one of them)."""
    return Municipality.objects.on(on).select_related("province").filter(code=code.upper()).first()


def latest_period(code: str, *, on: datetime.date | None = None) -> Municipality | None:
    """The latest period of a code (GM0363), annotated with population as of ``on``."""
    queryset = Municipality.objects.filter(code=code.upper()).select_related("province", "merged_into")
    return with_population(queryset, on=on or DEFAULT_DIVISION_DATE).order_by("-valid_from").first()


def predecessor_tree(municipalities: list[Municipality], *, max_depth: int = 20) -> list[PredecessorNode]:
    """Who merged into these municipalities, recursively (one query per generation)."""
    roots: list[PredecessorNode] = []
    parents = {municipality.pk: roots for municipality in municipalities}
    seen = set(parents)
    for _generation in range(max_depth):
        found = list(
            Municipality.objects.filter(merged_into__in=list(parents))
            .exclude(pk__in=seen)
            .select_related("province")
            .order_by("name", "valid_from")
        )
        if not found:
            break
        children: dict[int, list[PredecessorNode]] = {}
        for predecessor in found:
            node = PredecessorNode(predecessor)
            parents[predecessor.merged_into_id].append(node)
            children[predecessor.pk] = node.children
            seen.add(predecessor.pk)
        parents = children
    return roots


def successor_chain(municipality: Municipality, *, max_length: int = 20) -> list[Municipality]:
    """The municipalities it merged into, one after another, up to one that did not merge."""
    chain: list[Municipality] = []
    current = municipality.merged_into
    while current is not None and len(chain) < max_length and current not in chain:
        current = Municipality.objects.select_related("province", "merged_into").get(pk=current.pk)
        chain.append(current)
        current = current.merged_into
    return chain


def municipality_history(code: str, *, on: datetime.date | None = None) -> MunicipalityHistory | None:
    """Everything the detail page shows about a code, or None if the code is unknown."""
    municipality = latest_period(code, on=on)
    if municipality is None:
        return None
    periods = list(
        Municipality.objects.filter(code=municipality.code).select_related("province").order_by("valid_from")
    )
    return MunicipalityHistory(
        municipality=municipality,
        periods=periods,
        populations=list(
            Population.objects.filter(municipality__code=municipality.code).order_by("year", "municipality__valid_from")
        ),
        predecessors=predecessor_tree(periods),
        successors=successor_chain(municipality),
    )


def municipality_periods() -> QuerySet[Municipality]:
    """Every municipality with the period it existed, its province and what it merged into, by code
    and start (one query)."""
    return Municipality.objects.select_related("province", "merged_into").order_by("code", "valid_from")
