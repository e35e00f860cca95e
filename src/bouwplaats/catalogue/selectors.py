# SPDX-License-Identifier: EUPL-1.2
"""Reads of the catalogue for pages and the API, with the related rows fetched up front."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from bouwplaats.architecture.gemma import GEMMA_MODEL_NAME
from bouwplaats.architecture.models import ArchitectureModel, Element
from bouwplaats.architecture.selectors import current_model, elements_by_object_ids
from bouwplaats.organisations.models import Municipality

from .models import BuildingBlock, BuildingBlockElement, Programme, ResultAgreement, StatusLevel


def current_programme() -> Programme | None:
    """The programme marked current; otherwise the one that started last."""
    programmes = Programme.objects.select_related("predecessor")
    return (
        programmes.filter(is_current=True).order_by("-start_date", "pk").first()
        or programmes.order_by("-start_date", "pk").first()
    )


def programme_or_current(slug: str | None) -> Programme | None:
    """The programme with this short name, or the current one when no name is given; None if there is none."""
    return Programme.objects.filter(slug=slug).first() if slug else current_programme()


def programme_line(programme: Programme) -> list[Programme]:
    """The programmes of ``programme``'s line of succession, oldest first: its predecessors, itself and
    every programme that (indirectly) succeeds it. One query."""
    return _line(programme, list(Programme.objects.order_by("-start_date", "pk")))


def current_programme_line() -> tuple[Programme | None, list[Programme]]:
    """The current programme, found as ``current_programme`` finds it, and its line of succession (see
    ``programme_line``), from one query."""
    everything = list(Programme.objects.order_by("-start_date", "pk"))
    current = next((row for row in everything if row.is_current), everything[0] if everything else None)
    return current, (_line(current, everything) if current is not None else [])


def _line(programme: Programme, everything: list[Programme]) -> list[Programme]:
    by_pk = {row.pk: row for row in everything}
    successors: dict[int, list[int]] = {}
    for row in everything:
        if row.predecessor_id is not None:
            successors.setdefault(row.predecessor_id, []).append(row.pk)
    line, seen = [], set()
    current = by_pk.get(programme.pk)
    while current is not None and current.pk not in seen:  # up to the first programme of the line
        seen.add(current.pk)
        line.append(current)
        current = by_pk.get(current.predecessor_id)
    waiting = list(successors.get(programme.pk, []))
    while waiting:  # and down to every successor
        pk = waiting.pop()
        if pk not in seen:
            seen.add(pk)
            line.append(by_pk[pk])
            waiting.extend(successors.get(pk, []))
    return sorted(line, key=lambda row: (row.start_date, row.pk))


def programmes() -> QuerySet[Programme]:
    """All programmes, newest first, with their status ladder and the number of blocks and agreements."""
    return (
        Programme.objects.select_related("predecessor")
        .prefetch_related(Prefetch("status_levels", queryset=StatusLevel.objects.order_by("position")))
        .annotate(
            building_block_count=Count("building_blocks", distinct=True),
            result_agreement_count=Count("result_agreements", distinct=True),
        )
        .order_by("-start_date", "name")
    )


def _blocks_brief() -> QuerySet[BuildingBlock]:
    return BuildingBlock.objects.only("id", "code", "name", "programme_id").order_by("code")


def result_agreements(*, programme: Programme | None = None) -> QuerySet[ResultAgreement]:
    """Result agreements with their programme, required level and building blocks."""
    qs = ResultAgreement.objects.select_related("programme", "required_level").prefetch_related(
        Prefetch("building_blocks", queryset=_blocks_brief())
    )
    if programme is not None:
        qs = qs.filter(programme=programme)
    return qs.order_by("programme", "number")


def programmes_with_catalogue() -> QuerySet[Programme]:
    """Programmes with their ladder, blocks, agreements and successors (for the programme page)."""
    return Programme.objects.select_related("predecessor").prefetch_related(
        Prefetch("status_levels", queryset=StatusLevel.objects.order_by("position")),
        Prefetch("building_blocks", queryset=BuildingBlock.objects.order_by("cluster", "name")),
        Prefetch("result_agreements", queryset=result_agreements()),
        Prefetch("successors", queryset=Programme.objects.order_by("start_date")),
    )


def building_blocks(
    *,
    programme: Programme | None = None,
    cluster: str = "",
    evidence: str = "",
    municipality_role: str = "",
    search: str = "",
) -> QuerySet[BuildingBlock]:
    """Building blocks (of one programme), filtered, with dependencies both ways and result agreements."""
    qs = BuildingBlock.objects.select_related("programme").prefetch_related(
        Prefetch("depends_on", queryset=_blocks_brief()),
        Prefetch("required_by", queryset=_blocks_brief()),
        Prefetch(
            "result_agreements",
            queryset=ResultAgreement.objects.select_related("required_level").order_by("number"),
        ),
    )
    if programme is not None:
        qs = qs.filter(programme=programme)
    return filter_building_blocks(
        qs, cluster=cluster, evidence=evidence, municipality_role=municipality_role, search=search
    ).order_by("programme", "cluster", "name")


def building_block_list(
    *, programme: Programme, cluster: str = "", evidence: str = "", municipality_role: str = "", search: str = ""
) -> QuerySet[BuildingBlock]:
    """The blocks of a programme for the list page: the columns it shows, with what each depends on."""
    qs = (
        BuildingBlock.objects.filter(programme=programme)
        .only("id", "code", "name", "cluster", "owner", "municipality_role", "deadline", "deadline_basis", "evidence")
        .prefetch_related(Prefetch("depends_on", queryset=_blocks_brief()))
    )
    return filter_building_blocks(
        qs, cluster=cluster, evidence=evidence, municipality_role=municipality_role, search=search
    ).order_by("cluster", "name")


def filter_building_blocks(
    qs: QuerySet[BuildingBlock], *, cluster: str = "", evidence: str = "", municipality_role: str = "", search: str = ""
) -> QuerySet[BuildingBlock]:
    if cluster:
        qs = qs.filter(cluster__iexact=cluster)
    if evidence:
        qs = qs.filter(evidence=evidence)
    if municipality_role:
        qs = qs.filter(municipality_role=municipality_role)
    if search:
        qs = qs.filter(search_building_blocks(search))
    return qs


def search_building_blocks(term: str) -> Q:
    term = term.strip()
    return Q(name__icontains=term) | Q(code__icontains=term) | Q(owner__icontains=term)


def building_block(*, programme: Programme, code: str) -> BuildingBlock:
    """One block of a programme by its code; raises ``BuildingBlock.DoesNotExist``."""
    return building_blocks(programme=programme).get(code=code)


def building_blocks_by_code(*, programme: Programme, codes: list[str]) -> tuple[list[BuildingBlock], list[str]]:
    """The blocks of ``programme`` with these codes, and the codes that do not exist there."""
    found = {block.code: block for block in BuildingBlock.objects.filter(programme=programme, code__in=codes)}
    missing = [code for code in codes if code not in found]
    return [found[code] for code in dict.fromkeys(codes) if code in found], missing


def status_level_by_code(*, programme: Programme, code: str) -> StatusLevel | None:
    return StatusLevel.objects.filter(programme=programme, code=code).first()


def status_levels(*, programme: Programme) -> QuerySet[StatusLevel]:
    return (
        StatusLevel.objects.filter(programme=programme)
        .annotate(result_agreement_count=Count("result_agreements"))
        .order_by("position")
    )


def clusters(*, programme: Programme) -> list[dict]:
    """The programme's clusters with the number of building blocks in each, by name."""
    return list(
        BuildingBlock.objects.filter(programme=programme)
        .values("cluster")
        .annotate(block_count=Count("id"))
        .order_by("cluster")
    )


@dataclass
class Deadline:
    date: datetime.date
    building_blocks: list[BuildingBlock] = field(default_factory=list)
    result_agreements: list[ResultAgreement] = field(default_factory=list)

    def passed_on(self, today: datetime.date) -> bool:
        return self.date < today


def programme_deadlines(*, programme: Programme) -> list[Deadline]:
    """Every date on which building blocks or result agreements of the programme are due, in order.

    Result agreements whose deadline is not known are left out.
    """
    by_date: dict[datetime.date, Deadline] = {}
    blocks = BuildingBlock.objects.filter(programme=programme, deadline__isnull=False).only(
        "id", "code", "name", "deadline", "deadline_basis", "programme_id"
    )
    for block in blocks.order_by("name"):
        by_date.setdefault(block.deadline, Deadline(block.deadline)).building_blocks.append(block)
    for agreement in ResultAgreement.objects.filter(programme=programme, deadline__isnull=False).order_by("number"):
        by_date.setdefault(agreement.deadline, Deadline(agreement.deadline)).result_agreements.append(agreement)
    return [by_date[date] for date in sorted(by_date)]


@dataclass
class ProgrammeOverview:
    programme: Programme
    building_block_count: int
    result_agreement_count: int
    municipality_count: int
    clusters: list[dict]
    upcoming_deadlines: list[Deadline]
    last_deadlines: list[Deadline]


def programme_overview(*, programme: Programme, today: datetime.date, deadlines_shown: int = 5) -> ProgrammeOverview:
    """The programme at a glance (home page): counts, clusters and the next deadlines.

    When every deadline has passed, ``last_deadlines`` holds the final ones instead.
    """
    deadlines = programme_deadlines(programme=programme)
    upcoming = [deadline for deadline in deadlines if not deadline.passed_on(today)]
    programme_clusters = clusters(programme=programme)
    return ProgrammeOverview(
        programme=programme,
        building_block_count=sum(cluster["block_count"] for cluster in programme_clusters),
        result_agreement_count=ResultAgreement.objects.filter(programme=programme).count(),
        municipality_count=Municipality.objects.on(programme.reference_date).count(),
        clusters=programme_clusters,
        upcoming_deadlines=upcoming[:deadlines_shown],
        last_deadlines=[] if upcoming else deadlines[-3:],
    )


# --- GEMMA elements of a building block ----------------------------------------------------


def linked_object_ids(building_block: BuildingBlock) -> list[str]:
    """The GEMMA object ids of a block: its own element first, then those staff linked, in order.

    The impact analysis starts a scenario for the block from these elements.
    """
    linked = BuildingBlockElement.objects.filter(building_block=building_block).values_list("object_id", flat=True)
    own = [building_block.gemma_object_id] if building_block.gemma_object_id else []
    return list(dict.fromkeys([*own, *linked]))


@dataclass(frozen=True)
class GemmaElementOfBlock:
    object_id: str
    element: Element | None  # None when the current release has no element with this id
    link: BuildingBlockElement | None  # None for the block's own element


def gemma_elements_of_block(
    building_block: BuildingBlock,
) -> tuple[ArchitectureModel | None, list[GemmaElementOfBlock]]:
    """The block's own and linked GEMMA elements, looked up in the current GEMMA release."""
    links = list(BuildingBlockElement.objects.filter(building_block=building_block))
    own = [building_block.gemma_object_id] if building_block.gemma_object_id else []
    object_ids = [*own, *(link.object_id for link in links)]
    model = current_model(GEMMA_MODEL_NAME)
    found = {}
    if model is not None and object_ids:
        found = {
            element.object_id: element for element in elements_by_object_ids(model, object_ids).select_related("model")
        }
    rows = [GemmaElementOfBlock(object_id, found.get(object_id), None) for object_id in own]
    rows += [GemmaElementOfBlock(link.object_id, found.get(link.object_id), link) for link in links]
    return model, rows


def open_data_building_blocks(programme: Programme) -> QuerySet[BuildingBlock]:
    """The programme's building blocks by code, with the blocks they depend on (two queries)."""
    return (
        BuildingBlock.objects.filter(programme=programme)
        .prefetch_related(Prefetch("depends_on", queryset=BuildingBlock.objects.order_by("code")))
        .order_by("code")
    )


def open_data_result_agreements(programme: Programme) -> QuerySet[ResultAgreement]:
    """The programme's result agreements by number, with their blocks and required level (two queries)."""
    return (
        ResultAgreement.objects.filter(programme=programme)
        .select_related("required_level")
        .prefetch_related(Prefetch("building_blocks", queryset=BuildingBlock.objects.order_by("code")))
        .order_by("number", "pk")
    )
