# SPDX-License-Identifier: EUPL-1.2
"""Running a scenario: the traversal over its model release, joined with the landscapes.

The join is set-based: one query for the applications (of all municipalities at once) that
realise an affected reference component, one for the standards those applications support, one
for the municipalities of the division with their population (size class) and one for the cost
rates. Everything else is computed in memory from the engine's result.

Definitions (docs/dev/impact-analysis.md):

* landscapes name GEMMA reference components and standards by their GEMMA object id; an element of
  any model links to them by its own GEMMA object id and type (GEMMA's properties, which models
  derived from GEMMA keep), or, when it has no GEMMA type, as the element of the reference GEMMA
  release with the same object id or identifier (``gemma_links``);
* a **required component** is an affected element linked to a GEMMA *Referentiecomponent*;
* the **required standards** of a component are the affected standards (GEMMA type *Standaard*)
  that the component realises in the model; an application supports a standard when its
  landscape entry names the standard or one of its versions (*Standaardversie*);
* a **component gap**: a municipality has no application for a required component;
* a **standard gap**: an application for a required component is not known to support one of the
  component's required standards;
* the **estimate**: per municipality, each gap and each affected application without a gap at the
  rate of its kind for the municipality's size class (``costs``).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bouwplaats.architecture.gemma import GEMMA_MODEL_NAME
from bouwplaats.architecture.models import Element
from bouwplaats.architecture.selectors import current_model
from bouwplaats.audit.selectors import data_version
from bouwplaats.catalogue.selectors import current_programme, linked_object_ids
from bouwplaats.core import fragments
from bouwplaats.organisations.constants import SIZE_CLASS_BY_CODE
from bouwplaats.organisations.selectors import DEFAULT_DIVISION_DATE, municipalities_on

from . import costs
from .engine import Graph, Hit, Node, Traversal, relation_type, traverse
from .graph import load_graph
from .models import ApplicationReference, GapKind, ImpactScenario, ReferenceKind
from .rules import parse_rules

REFERENCE_COMPONENT = "Referentiecomponent"
STANDARD = "Standaard"
STANDARD_VERSION = "Standaardversie"
# The GEMMA types that landscapes name (``ApplicationReference``).
LANDSCAPE_TYPES = (REFERENCE_COMPONENT, STANDARD, STANDARD_VERSION)
# The model whose newest release landscapes are mapped against.
ANALYSIS_CACHE_NAME = "impact-analysis"

LAYER_GROUPS = [
    ("business", _("Business")),
    ("application", _("Application")),
    ("technology", _("Technology")),
    ("standards", _("Standards")),
    ("other", _("Other")),
]


def layer_group(node: Node) -> str:
    if node.type == "Constraint" or node.gemma_type in (STANDARD, STANDARD_VERSION):
        return "standards"
    if node.layer in ("business", "strategy"):
        return "business"
    if node.layer in ("application", "technology"):
        return node.layer
    return "other"


@dataclass(frozen=True)
class PathStep:
    relation: str  # without the "Relationship" suffix
    direction: str
    node: Node


@dataclass(frozen=True)
class AffectedElement:
    node: Node
    depth: int
    start: Node
    path: tuple[PathStep, ...]
    group: str

    @property
    def object_id(self) -> str:
        return self.node.object_id


@dataclass(frozen=True)
class GemmaLink:
    """The GEMMA element a node stands for in the landscapes: its object id and GEMMA type."""

    object_id: str
    gemma_type: str
    by: str  # "own" (the element's GEMMA properties), "object_id" or "identifier" (the reference release's)


@dataclass
class AffectedApplication:
    id: int
    name: str
    supplier: str
    product: str
    version: str
    is_demo: bool
    components: list[str] = field(default_factory=list)  # object ids of required components it realises
    missing_standards: list[str] = field(default_factory=list)  # object ids


@dataclass
class MunicipalityImpact:
    id: int
    code: str
    name: str
    size_class: int | None
    applications: list[AffectedApplication] = field(default_factory=list)
    missing_components: list[str] = field(default_factory=list)
    cost_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def cost(self) -> int:
        return sum(self.cost_by_kind.values())

    @property
    def size_class_label(self) -> str:
        size_class = SIZE_CLASS_BY_CODE.get(self.size_class)
        return f"{size_class.code}: {size_class.label}" if size_class else "–"

    @property
    def standard_gap_count(self) -> int:
        return sum(len(app.missing_standards) for app in self.applications)

    @property
    def suppliers(self) -> list[str]:
        return sorted({app.supplier for app in self.applications if app.supplier}, key=str.casefold)

    @property
    def has_demo(self) -> bool:
        return any(app.is_demo for app in self.applications)


@dataclass
class SizeClassTotal:
    code: int
    label: str
    municipalities: int = 0
    component_gaps: int = 0
    standard_gaps: int = 0
    applications: int = 0
    cost: int = 0


@dataclass
class Analysis:
    scenario: ImpactScenario
    division_date: datetime.date
    elements: list[AffectedElement]
    unknown_starts: list[str]
    required_standards: dict[str, list[str]]  # component object id → standard object ids
    municipalities: list[MunicipalityImpact]
    nodes_by_object_id: dict[str, Node]
    computed_at: datetime.datetime | None = None
    # node id → the GEMMA reference component, standard or version an affected element stands for
    links: dict[int, GemmaLink] = field(default_factory=dict)
    on_gemma: bool = True  # the model release is one of GEMMA's

    def by_group(self) -> list[tuple[str, str, list[AffectedElement]]]:
        groups = defaultdict(list)
        for element in self.elements:
            groups[element.group].append(element)
        return [(code, label, groups[code]) for code, label in LAYER_GROUPS if groups[code]]

    def _linked_as(self, gemma_type: str) -> list[AffectedElement]:
        return [e for e in self.elements if _is(self.links, e.node.id, gemma_type)]

    @property
    def components(self) -> list[AffectedElement]:
        """The affected elements that stand for a GEMMA reference component (the required components)."""
        return self._linked_as(REFERENCE_COMPONENT)

    @property
    def standards(self) -> list[AffectedElement]:
        return self._linked_as(STANDARD)

    @property
    def linked_by_reference(self) -> int:
        """How many affected elements link to the landscapes through the reference GEMMA release
        (they carry no GEMMA type of their own)."""
        return sum(1 for e in self.elements if (link := self.links.get(e.node.id)) and link.by != "own")

    @property
    def landscape_note(self) -> str:
        """Why no municipality can be affected, when that is so: "" (some can be), "no-components" (no
        affected element is a reference component) or "no-linkage" (a model other than GEMMA none of
        whose affected elements stands for a GEMMA element that landscapes name)."""
        if self.components:
            return ""
        return "no-components" if self.on_gemma or self.links else "no-linkage"

    def name_of(self, object_id: str) -> str:
        node = self.nodes_by_object_id.get(object_id)
        return node.name if node else object_id

    def totals(self) -> dict[str, int]:
        return {
            "elements": len(self.elements),
            "components": len(self.components),
            "standards": len(self.standards),
            "municipalities": len(self.municipalities),
            "affected_municipalities": sum(1 for m in self.municipalities if m.applications or m.missing_components),
            "applications": sum(len(m.applications) for m in self.municipalities),
            "component_gaps": sum(len(m.missing_components) for m in self.municipalities),
            "standard_gaps": sum(m.standard_gap_count for m in self.municipalities),
            "cost": sum(m.cost for m in self.municipalities),
        }

    def by_size_class(self) -> list[SizeClassTotal]:
        rows = {code: SizeClassTotal(code, str(size_class.label)) for code, size_class in SIZE_CLASS_BY_CODE.items()}
        for municipality in self.municipalities:
            row = rows.get(municipality.size_class)
            if row is None:
                continue
            row.municipalities += 1
            row.component_gaps += len(municipality.missing_components)
            row.standard_gaps += municipality.standard_gap_count
            row.applications += len(municipality.applications)
            row.cost += municipality.cost
        return [row for row in rows.values() if row.municipalities]

    @property
    def has_demo(self) -> bool:
        return any(m.has_demo for m in self.municipalities)


def start_object_ids(scenario: ImpactScenario) -> list[str]:
    """The scenario's start elements given by GEMMA object id; without any start element, its
    building block's linked GEMMA objects."""
    if scenario.start_object_ids or scenario.start_elements:
        return list(scenario.start_object_ids)
    if scenario.building_block is None:
        return []
    return linked_object_ids(scenario.building_block)


def run_traversal(scenario: ImpactScenario, graph: Graph | None = None) -> tuple[Graph, Traversal]:
    graph = graph or load_graph(scenario.model)
    traversal = traverse(
        graph,
        start_identifiers=list(scenario.start_elements),
        start_object_ids=start_object_ids(scenario),
        rules=parse_rules(scenario.rules),
        max_depth=scenario.max_depth,
    )
    return graph, traversal


def _affected(graph: Graph, hit: Hit) -> AffectedElement:
    nodes = graph.nodes
    node = nodes[hit.element]
    path = tuple(
        PathStep(relation_type(step.relation).removesuffix("Relationship"), step.direction, nodes[step.element])
        for step in hit.steps
    )
    return AffectedElement(node=node, depth=hit.depth, start=nodes[hit.start], path=path, group=layer_group(node))


def _required_standards(graph: Graph, components: list[int], standards: set[int]) -> dict[int, list[int]]:
    realization = relation_type("Realization")
    return {
        component: [t for rel, t in graph.outgoing.get(component, ()) if rel == realization and t in standards]
        for component in components
    }


def _versions(graph: Graph, standard: int) -> list[int]:
    """The elements that specialise ``standard`` (its versions, when they are linked as such)."""
    specialization = relation_type("Specialization")
    return [s for rel, s in graph.incoming.get(standard, ()) if rel == specialization]


def _is(links: dict[int, GemmaLink], node_id: int, gemma_type: str) -> bool:
    link = links.get(node_id)
    return link is not None and link.gemma_type == gemma_type


def landscape_date() -> datetime.date:
    """The division that landscapes (and imports of them) use: the current programme's."""
    programme = current_programme()
    return programme.reference_date if programme else DEFAULT_DIVISION_DATE


def division_date(scenario: ImpactScenario) -> datetime.date:
    """The division a scenario runs on: its programme's, else the current one's."""
    return scenario.programme.reference_date if scenario.programme else landscape_date()


def gemma_links(model, graph: Graph, nodes: set[int]) -> dict[int, GemmaLink]:
    """The GEMMA reference component, standard or version each of ``nodes`` stands for in the landscapes.

    An element with a GEMMA type of its own (the property "GEMMA type") is what that type says, by
    its own object id. An element of a model other than GEMMA without a GEMMA type is the element of
    the reference release (GEMMA's newest) with the same object id (the property "Object ID", which
    elements copied from GEMMA's Archi model keep), else with the same identifier (GEMMA's
    identifiers are GUIDs, kept by Archi when a model is merged into another). At most two queries
    (the reference release, its matching elements), none for a GEMMA scenario.
    """
    links: dict[int, GemmaLink] = {}
    unknown = []
    for node_id in nodes:
        node = graph.nodes[node_id]
        if node.gemma_type:
            if node.gemma_type in LANDSCAPE_TYPES and node.object_id:
                links[node_id] = GemmaLink(node.object_id, node.gemma_type, "own")
        elif model.name != GEMMA_MODEL_NAME:
            unknown.append(node)
    if not unknown:
        return links
    reference = current_model(GEMMA_MODEL_NAME)
    if reference is None or reference.pk == model.pk:
        return links
    object_ids = {node.object_id for node in unknown if node.object_id}
    identifiers = {node.identifier for node in unknown if node.identifier}
    by_object_id, by_identifier = {}, {}
    for identifier, object_id, gemma_type in (
        Element.objects.filter(model=reference, gemma_type__in=LANDSCAPE_TYPES)
        .exclude(object_id="")
        .filter(Q(object_id__in=object_ids) | Q(identifier__in=identifiers))
        .values_list("identifier", "object_id", "gemma_type")
    ):
        by_object_id[object_id] = by_identifier[identifier] = (object_id, gemma_type)
    for node in unknown:
        if node.object_id in by_object_id:
            links[node.id] = GemmaLink(*by_object_id[node.object_id], "object_id")
        elif node.identifier in by_identifier:
            links[node.id] = GemmaLink(*by_identifier[node.identifier], "identifier")
    return links


def analyse(scenario: ImpactScenario, *, municipality_ids: list[int] | None = None, request=None) -> Analysis:
    """The scenario's affected elements and its impact on the municipalities of its division.

    ``municipality_ids`` narrows the per-municipality part (for a coordinator's own view). The
    national result is computed once per scenario and data version and kept in the cache: the
    page, the report, its exports and the API read the same result (with the same ``computed_at``)
    until the scenario, the model, a landscape, the cost model or anything else changes (every
    write records an audit entry, which moves the data version).
    """
    key = (scenario.pk, scenario.updated_at, data_version(request))
    stored = fragments.cached_fragment(ANALYSIS_CACHE_NAME, key, lambda: _stored(compute(scenario)))
    analysis = dataclasses.replace(stored, scenario=scenario)
    if municipality_ids is not None:
        wanted = set(municipality_ids)
        analysis.municipalities = [m for m in stored.municipalities if m.id in wanted]
    return analysis


def _stored(analysis: Analysis) -> Analysis:
    """The analysis as kept in the cache: without the scenario (the reader has the current one)."""
    return dataclasses.replace(analysis, scenario=None)


def compute(scenario: ImpactScenario, *, municipality_ids: list[int] | None = None) -> Analysis:
    """The analysis computed now (``analyse`` keeps it)."""
    graph, traversal = run_traversal(scenario)
    elements = [_affected(graph, hit) for hit in traversal.hits]
    affected = {e.node.id for e in elements}
    # The affected elements and the elements that specialise them (a standard's versions).
    candidates = affected | {version for node_id in affected for version in _versions(graph, node_id)}
    links = gemma_links(scenario.model, graph, candidates)
    component_ids = [e.node.id for e in elements if _is(links, e.node.id, REFERENCE_COMPONENT)]
    standard_ids = {e.node.id for e in elements if _is(links, e.node.id, STANDARD)}
    required = _required_standards(graph, component_ids, standard_ids)
    oid = {node_id: links[node_id].object_id for node_id in [*component_ids, *standard_ids]}
    required_oids = {oid[c]: [oid[s] for s in standards] for c, standards in required.items()}
    # An application supports a standard by naming it or one of its versions.
    accepted: dict[str, set[str]] = {}
    for standard in standard_ids:
        versions = (links[v].object_id for v in _versions(graph, standard) if _is(links, v, STANDARD_VERSION))
        accepted[oid[standard]] = {oid[standard], *versions}

    date = division_date(scenario)
    municipalities = municipalities_on(date).order_by("name")
    if municipality_ids is not None:
        municipalities = municipalities.filter(pk__in=municipality_ids)
    impacts = {
        m.pk: MunicipalityImpact(
            id=m.pk, code=m.code, name=m.name, size_class=m.size_class.code if m.size_class else None
        )
        for m in municipalities
    }
    _join_landscapes(impacts, required_oids, accepted)
    _estimate(impacts.values())
    return Analysis(
        scenario=scenario,
        division_date=date,
        elements=elements,
        unknown_starts=traversal.unknown_starts,
        required_standards=required_oids,
        municipalities=list(impacts.values()),
        nodes_by_object_id={
            **{e.node.object_id: e.node for e in elements if e.node.object_id},
            **{links[e.node.id].object_id: e.node for e in elements if e.node.id in links},
        },
        computed_at=timezone.now(),
        links={node_id: link for node_id, link in links.items() if node_id in affected},
        on_gemma=scenario.model.name == GEMMA_MODEL_NAME,
    )


def _join_landscapes(
    impacts: dict[int, MunicipalityImpact], required: dict[str, list[str]], accepted: dict[str, set[str]]
) -> None:
    if not impacts:
        return
    references = ApplicationReference.objects.filter(kind=ReferenceKind.COMPONENT, object_id__in=list(required))
    if len(impacts) < 50:
        references = references.filter(application__municipality_id__in=list(impacts))
    applications: dict[int, AffectedApplication] = {}
    owner: dict[int, int] = {}
    for app_id, object_id, municipality_id, name, supplier, product, version, is_demo in references.values_list(
        "application_id",
        "object_id",
        "application__municipality_id",
        "application__name",
        "application__supplier",
        "application__product",
        "application__version",
        "application__is_demo",
    ).order_by("application__name", "application_id", "object_id"):
        if municipality_id not in impacts:
            continue
        app = applications.get(app_id)
        if app is None:
            app = applications[app_id] = AffectedApplication(app_id, name, supplier, product, version, is_demo)
            owner[app_id] = municipality_id
        app.components.append(object_id)

    wanted = set().union(*accepted.values()) if accepted else set()
    supported: dict[int, set[str]] = defaultdict(set)
    if applications and wanted:
        # Only the standards of the applications found above (a subquery, not a list of ids).
        standard_refs = ApplicationReference.objects.filter(
            kind=ReferenceKind.STANDARD,
            object_id__in=list(wanted),
            application_id__in=references.values("application_id"),
        )
        for app_id, object_id in standard_refs.values_list("application_id", "object_id"):
            if app_id in applications:
                supported[app_id].add(object_id)

    for app_id, app in applications.items():
        needed = []
        for component in app.components:
            for standard in required.get(component, ()):
                if standard not in needed:
                    needed.append(standard)
        app.missing_standards = [s for s in needed if not (accepted.get(s, {s}) & supported[app_id])]
        impacts[owner[app_id]].applications.append(app)

    for impact in impacts.values():
        present = {component for app in impact.applications for component in app.components}
        impact.missing_components = [c for c in required if c not in present]


def _estimate(impacts) -> None:
    table = costs.rates()
    for impact in impacts:
        size = impact.size_class or 1
        standard_gaps = impact.standard_gap_count
        without_gap = sum(1 for app in impact.applications if not app.missing_standards)
        impact.cost_by_kind = {
            GapKind.MISSING_COMPONENT: len(impact.missing_components) * table[(GapKind.MISSING_COMPONENT, size)],
            GapKind.MISSING_STANDARD: standard_gaps * table[(GapKind.MISSING_STANDARD, size)],
            GapKind.AFFECTED_APPLICATION: without_gap * table[(GapKind.AFFECTED_APPLICATION, size)],
        }
