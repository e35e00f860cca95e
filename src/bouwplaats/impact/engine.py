# SPDX-License-Identifier: EUPL-1.2
"""The impact engine: a breadth-first traversal of an architecture graph along explicit rules.

Pure Python over plain data (``Graph``); it never touches the database, so it is tested with
small hand-made graphs and timed against a naive traversal in ``bench/impact.py``.

A **rule** allows one step: along a relation of a type, in a direction (``forward`` from source
to target, ``backward`` from target to source, or ``both``), optionally only *from* an element
of a type and/or *to* an element of a type. A type constraint matches an element's ArchiMate
type (``ApplicationComponent``) or its GEMMA type (``Referentiecomponent``); relation types may be
written with or without the ``Relationship`` suffix.

The traversal starts from the start elements (depth 0) and takes allowed steps up to
``max_depth``. Every element is reached once, by its first (shortest) path; ties are broken by
a fixed order (outgoing before incoming relations, then relation type, then the neighbour's sort
key), so the same graph and rules always give the same hits and paths. Cycles are harmless: a
reached element is never expanded again.

Start elements are named by their identifier in the release (any model) or by their GEMMA object
id (the stable id a building block links to). **Junctions** (``AndJunction``, ``OrJunction``)
join relations of one type; the graph replaces each path through junctions by a direct relation of
that type from the element before to each element after them, so a rule between the two elements
allows the step and a junction never stops a walk nor shows up as an affected element.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

FORWARD = "forward"
BACKWARD = "backward"
BOTH = "both"
DIRECTIONS = (FORWARD, BACKWARD, BOTH)
MAX_DEPTH = 10
SUFFIX = "Relationship"
JUNCTION_TYPES = frozenset({"AndJunction", "OrJunction", "Junction"})


def relation_type(name: str) -> str:
    """``Realization`` and ``RealizationRelationship`` are the same type."""
    name = name.strip()
    return name if name.endswith(SUFFIX) else name + SUFFIX


@dataclass(frozen=True)
class Node:
    """What the engine knows of an element; ``key`` orders neighbours deterministically."""

    id: int
    type: str
    gemma_type: str = ""
    layer: str = ""
    object_id: str = ""
    name: str = ""
    key: tuple = ()
    identifier: str = ""

    def matches(self, constraint: str) -> bool:
        return not constraint or constraint == self.type or constraint == self.gemma_type


@dataclass
class Graph:
    """Elements and adjacency lists of one model release: ids only in the lists.

    ``outgoing[id]`` and ``incoming[id]`` hold ``(relation type, neighbour id)`` pairs, sorted so
    that traversals are deterministic.
    """

    nodes: dict[int, Node]
    outgoing: dict[int, list[tuple[str, int]]] = field(default_factory=dict)
    incoming: dict[int, list[tuple[str, int]]] = field(default_factory=dict)
    by_object_id: dict[str, int] = field(default_factory=dict)
    by_identifier: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, nodes: Iterable[Node], relations: Iterable[tuple[str, int, int]]) -> Graph:
        """A graph of ``nodes`` and ``(relation type, source id, target id)`` triples; junctions are
        replaced by direct relations (see the module's documentation)."""
        node_map = {node.id: node for node in nodes}
        outgoing: dict[int, list[tuple[str, int]]] = {}
        incoming: dict[int, list[tuple[str, int]]] = {}
        for rel_type, source, target in relations:
            if source not in node_map or target not in node_map:
                continue  # a relation ending on a relation: not an element step
            rel_type = relation_type(rel_type)
            outgoing.setdefault(source, []).append((rel_type, target))
            incoming.setdefault(target, []).append((rel_type, source))
        junctions = {node.id for node in node_map.values() if node.type in JUNCTION_TYPES}
        if junctions:
            _bridge_junctions(junctions, outgoing, incoming)
            node_map = {pk: node for pk, node in node_map.items() if pk not in junctions}
        for adjacency in (outgoing, incoming):
            for edges in adjacency.values():
                edges.sort(key=lambda edge: (edge[0], node_map[edge[1]].key, edge[1]))
        by_object_id, by_identifier = {}, {}
        for node in sorted(node_map.values(), key=lambda n: n.id):
            if node.object_id:
                by_object_id.setdefault(node.object_id, node.id)
            if node.identifier:
                by_identifier.setdefault(node.identifier, node.id)
        return cls(
            nodes=node_map,
            outgoing=outgoing,
            incoming=incoming,
            by_object_id=by_object_id,
            by_identifier=by_identifier,
        )


def _bridge_junctions(
    junctions: set[int], outgoing: dict[int, list[tuple[str, int]]], incoming: dict[int, list[tuple[str, int]]]
) -> None:
    """Replace every path element → junction(s) → element, all relations of one type, by a direct
    relation of that type; then drop the junctions' own relations (in place)."""
    bridged: set[tuple[str, int, int]] = set()
    for junction in junctions:
        for rel_type, source in incoming.get(junction, ()):
            if source in junctions:
                continue  # followed from the first element before the chain of junctions
            seen, stack = {junction}, [junction]
            while stack:
                here = stack.pop()
                for next_type, target in outgoing.get(here, ()):
                    if next_type != rel_type or target in seen:
                        continue
                    seen.add(target)
                    if target in junctions:
                        stack.append(target)
                    elif target != source:
                        bridged.add((rel_type, source, target))
    for adjacency in (outgoing, incoming):
        for junction in junctions:
            adjacency.pop(junction, None)
        for element, edges in adjacency.items():
            if any(other in junctions for _type, other in edges):
                adjacency[element] = [edge for edge in edges if edge[1] not in junctions]
    for rel_type, source, target in sorted(bridged):
        if (rel_type, target) not in outgoing.get(source, ()):
            outgoing.setdefault(source, []).append((rel_type, target))
            incoming.setdefault(target, []).append((rel_type, source))


@dataclass(frozen=True)
class Rule:
    relation: str
    direction: str = FORWARD
    from_type: str = ""
    to_type: str = ""

    def __post_init__(self):
        object.__setattr__(self, "relation", relation_type(self.relation))
        if self.direction not in DIRECTIONS:
            raise ValueError(f"Unknown direction {self.direction!r}.")

    def as_json(self) -> dict:
        data = {"relation": self.relation.removesuffix(SUFFIX), "direction": self.direction}
        if self.from_type:
            data["from"] = self.from_type
        if self.to_type:
            data["to"] = self.to_type
        return data


class Step(NamedTuple):
    """One step of a path: along ``relation`` in ``direction`` to ``element``."""

    relation: str
    direction: str
    element: int


class Hit(NamedTuple):
    """An affected element, the start element its path begins at, and the path itself."""

    element: int
    depth: int
    start: int
    steps: tuple[Step, ...]


@dataclass
class Traversal:
    hits: list[Hit]  # in breadth-first order: start elements first (depth 0), then by depth
    unknown_starts: list[str]  # identifiers and object ids that are not in the graph

    def by_element(self) -> dict[int, Hit]:
        return {hit.element: hit for hit in self.hits}


def _compile(rules: Sequence[Rule]) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str]]]]:
    """The (from type, to type) pairs allowed forward resp. backward, per relation type."""
    forward: dict[str, list[tuple[str, str]]] = {}
    backward: dict[str, list[tuple[str, str]]] = {}
    for rule in rules:
        if rule.direction in (FORWARD, BOTH):
            forward.setdefault(rule.relation, []).append((rule.from_type, rule.to_type))
        if rule.direction in (BACKWARD, BOTH):
            backward.setdefault(rule.relation, []).append((rule.from_type, rule.to_type))
    return forward, backward


def traverse(
    graph: Graph,
    *,
    rules: Sequence[Rule],
    max_depth: int,
    start_object_ids: Sequence[str] = (),
    start_identifiers: Sequence[str] = (),
) -> Traversal:
    """All elements reachable from the start elements by the rules within ``max_depth`` steps.

    The start elements are named by identifier (``start_identifiers``), then by GEMMA object id.
    """
    if not 0 <= max_depth <= MAX_DEPTH:
        raise ValueError(f"max_depth must be between 0 and {MAX_DEPTH}.")
    forward, backward = _compile(rules)
    nodes = graph.nodes
    starts: list[int] = []
    unknown: list[str] = []
    for names, index in ((start_identifiers, graph.by_identifier), (start_object_ids, graph.by_object_id)):
        for name in names:
            element = index.get(name)
            if element is None:
                unknown.append(name)
            elif element not in starts:
                starts.append(element)

    # element → (parent, relation, direction); the start elements have no parent.
    reached: dict[int, tuple[int, str, str] | None] = {}
    depth: dict[int, int] = {}
    order: list[int] = []
    queue: deque[int] = deque()
    for element in starts:
        reached[element] = None
        depth[element] = 0
        order.append(element)
        queue.append(element)
    while queue:
        here_id = queue.popleft()
        next_depth = depth[here_id] + 1
        if next_depth > max_depth:
            continue
        here = nodes[here_id]
        for adjacency, direction, compiled in (
            (graph.outgoing, FORWARD, forward),
            (graph.incoming, BACKWARD, backward),
        ):
            if not compiled:
                continue
            for rel_type, there_id in adjacency.get(here_id, ()):
                if there_id in reached:
                    continue
                allowed = compiled.get(rel_type)
                if allowed is None:
                    continue
                there = nodes[there_id]
                # Node.matches inlined for both ends: this is the inner loop of every analysis.
                for from_type, to_type in allowed:
                    if (not from_type or from_type == here.type or from_type == here.gemma_type) and (
                        not to_type or to_type == there.type or to_type == there.gemma_type
                    ):
                        break
                else:
                    continue
                reached[there_id] = (here_id, rel_type, direction)
                depth[there_id] = next_depth
                order.append(there_id)
                queue.append(there_id)

    hits = [_hit(element, reached, depth) for element in order]
    return Traversal(hits=hits, unknown_starts=unknown)


def _hit(element: int, reached: dict, depth: dict) -> Hit:
    steps: list[Step] = []
    current = element
    while reached[current] is not None:
        parent, rel_type, direction = reached[current]
        steps.append(Step(relation=rel_type, direction=direction, element=current))
        current = parent
    steps.reverse()
    return Hit(element=element, depth=depth[element], start=current, steps=tuple(steps))
