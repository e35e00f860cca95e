# SPDX-License-Identifier: EUPL-1.2
"""The traversal on small hand-made graphs: rules, directions, type constraints, depth, cycles, paths."""

import pytest

from bouwplaats.impact.engine import BACKWARD, BOTH, FORWARD, Graph, Node, Rule, Step, traverse

# A national facility F realises service S, which realises standard X; X has version V;
# reference components A and B realise X; A realises application service AS serving function BF.
NODES = [
    Node(1, "ApplicationComponent", "Buitengemeentelijke voorziening", "application", "f", "Facility", ("facility",)),
    Node(2, "ApplicationService", "Buitengemeentelijke service", "application", "s", "Service", ("service",)),
    Node(3, "Constraint", "Standaard", "motivation", "x", "Standard", ("standard",)),
    Node(4, "Constraint", "Standaardversie", "motivation", "v", "Version", ("version",)),
    Node(5, "ApplicationComponent", "Referentiecomponent", "application", "a", "Alpha", ("alpha",)),
    Node(6, "ApplicationComponent", "Referentiecomponent", "application", "b", "Beta", ("beta",)),
    Node(7, "ApplicationService", "", "application", "as", "App service", ("app service",)),
    Node(8, "BusinessFunction", "Bedrijfsfunctie", "business", "bf", "Function", ("function",)),
]
RELATIONS = [
    ("RealizationRelationship", 1, 2),
    ("Realization", 2, 3),
    ("SpecializationRelationship", 4, 3),
    ("RealizationRelationship", 6, 3),
    ("RealizationRelationship", 5, 3),
    ("RealizationRelationship", 5, 7),
    ("ServingRelationship", 7, 8),
]
RULES = [
    Rule("Realization", FORWARD, "Buitengemeentelijke voorziening"),
    Rule("Realization", FORWARD, "Buitengemeentelijke service", "Standaard"),
    Rule("Specialization", BACKWARD, "Standaard", "Standaardversie"),
    Rule("Realization", BACKWARD, "Standaard", "Referentiecomponent"),
    Rule("Realization", FORWARD, "Referentiecomponent", "ApplicationService"),
    Rule("Serving", FORWARD, "ApplicationService", "BusinessFunction"),
]


@pytest.fixture
def graph():
    return Graph.build(NODES, RELATIONS)


def hits(traversal):
    return [(hit.element, hit.depth) for hit in traversal.hits]


def test_follows_the_rules_breadth_first_with_deterministic_order(graph):
    result = traverse(graph, start_object_ids=["f"], rules=RULES, max_depth=10)
    # Depth 3: Alpha and Beta (name order) reached backward before... the version (relation type order:
    # Realization < Specialization).
    assert hits(result) == [(1, 0), (2, 1), (3, 2), (5, 3), (6, 3), (4, 3), (7, 4), (8, 5)]
    assert result.unknown_starts == []


def test_every_hit_keeps_its_shortest_explaining_path(graph):
    by_element = traverse(graph, start_object_ids=["f"], rules=RULES, max_depth=10).by_element()
    assert by_element[1].steps == ()
    assert by_element[8].start == 1
    assert by_element[8].steps == (
        Step("RealizationRelationship", FORWARD, 2),
        Step("RealizationRelationship", FORWARD, 3),
        Step("RealizationRelationship", BACKWARD, 5),
        Step("RealizationRelationship", FORWARD, 7),
        Step("ServingRelationship", FORWARD, 8),
    )
    assert by_element[4].steps[-1] == Step("SpecializationRelationship", BACKWARD, 4)


def test_depth_limit(graph):
    assert hits(traverse(graph, start_object_ids=["f"], rules=RULES, max_depth=2)) == [(1, 0), (2, 1), (3, 2)]
    assert hits(traverse(graph, start_object_ids=["f"], rules=RULES, max_depth=0)) == [(1, 0)]
    with pytest.raises(ValueError):
        traverse(graph, start_object_ids=["f"], rules=RULES, max_depth=11)


def test_direction_matters(graph):
    # Only forward Realization: the components that realise the standard are not reached.
    rules = [Rule("Realization", FORWARD)]
    assert hits(traverse(graph, start_object_ids=["f"], rules=rules, max_depth=10)) == [(1, 0), (2, 1), (3, 2)]
    # Backward from the standard: its realisers (components and the service), not what it realises.
    backward = traverse(graph, start_object_ids=["x"], rules=[Rule("Realization", BACKWARD)], max_depth=1)
    assert hits(backward) == [(3, 0), (5, 1), (6, 1), (2, 1)]


def test_type_constraints_on_both_ends(graph):
    # From the standard backward along Realization, but only to reference components.
    rules = [Rule("Realization", BACKWARD, "Standaard", "Referentiecomponent")]
    assert hits(traverse(graph, start_object_ids=["x"], rules=rules, max_depth=5)) == [(3, 0), (5, 1), (6, 1)]
    # The ArchiMate type works as a constraint too.
    rules = [Rule("Realization", BACKWARD, "Constraint", "ApplicationService")]
    assert hits(traverse(graph, start_object_ids=["x"], rules=rules, max_depth=5)) == [(3, 0), (2, 1)]
    # A rule whose from-type does not match the element is not used.
    rules = [Rule("Realization", FORWARD, "Referentiecomponent")]
    assert hits(traverse(graph, start_object_ids=["f"], rules=rules, max_depth=5)) == [(1, 0)]


def test_cycles_end(graph):
    cyclic = Graph.build(
        [Node(i, "ApplicationComponent", object_id=str(i), key=(str(i),)) for i in (1, 2, 3)],
        [("Flow", 1, 2), ("Flow", 2, 3), ("Flow", 3, 1), ("Flow", 2, 1)],
    )
    result = traverse(cyclic, start_object_ids=["1"], rules=[Rule("Flow", BOTH)], max_depth=10)
    assert hits(result) == [(1, 0), (2, 1), (3, 1)]
    # 3 is reached backward from 1 (3 → 1) at depth 1, not forward through 2 at depth 2.
    assert result.by_element()[3].steps == (Step("FlowRelationship", BACKWARD, 3),)


def test_several_starts_and_unknown_ones(graph):
    result = traverse(graph, start_object_ids=["a", "nope", "b", "a"], rules=RULES, max_depth=1)
    assert hits(result) == [(5, 0), (6, 0), (7, 1)]
    assert result.by_element()[7].start == 5
    assert result.unknown_starts == ["nope"]


def test_no_rules_no_steps(graph):
    assert hits(traverse(graph, start_object_ids=["f"], rules=[], max_depth=5)) == [(1, 0)]


def test_relations_ending_on_relations_are_ignored():
    graph = Graph.build([Node(1, "ApplicationComponent", object_id="1")], [("Association", 1, 99)])
    assert graph.outgoing == {}


# An application service serves two processes through an Or junction, and a third through two
# And junctions in a row; a Flow into the first junction must not be bridged to its Serving targets.
JUNCTION_NODES = [
    Node(1, "ApplicationService", identifier="svc", name="Service", key=("service",)),
    Node(2, "OrJunction", identifier="j1", key=("j1",)),
    Node(3, "BusinessProcess", identifier="p1", name="Process one", key=("process one",)),
    Node(4, "BusinessProcess", identifier="p2", name="Process two", key=("process two",)),
    Node(5, "AndJunction", identifier="j2", key=("j2",)),
    Node(6, "AndJunction", identifier="j3", key=("j3",)),
    Node(7, "BusinessProcess", identifier="p3", name="Process three", key=("process three",)),
    Node(8, "ApplicationComponent", identifier="comp", name="Component", key=("component",)),
]
JUNCTION_RELATIONS = [
    ("Serving", 1, 2),
    ("Serving", 2, 3),
    ("Serving", 2, 4),
    ("Serving", 1, 5),
    ("Serving", 5, 6),
    ("Serving", 6, 7),
    ("Flow", 8, 2),
]


def test_a_junction_between_two_allowed_elements_does_not_stop_the_walk():
    graph = Graph.build(JUNCTION_NODES, JUNCTION_RELATIONS)
    rules = [Rule("Serving", FORWARD, "ApplicationService", "BusinessProcess")]
    result = traverse(graph, start_identifiers=["svc"], rules=rules, max_depth=1)
    assert hits(result) == [(1, 0), (3, 1), (7, 1), (4, 1)]
    assert result.by_element()[7].steps == (Step("ServingRelationship", FORWARD, 7),)
    assert 2 not in graph.nodes and 5 not in graph.nodes  # junctions are passages, never results


def test_a_junction_joins_relations_of_one_type_only():
    graph = Graph.build(JUNCTION_NODES, JUNCTION_RELATIONS)
    result = traverse(graph, start_identifiers=["comp"], rules=[Rule("Flow", BOTH), Rule("Serving")], max_depth=5)
    assert hits(result) == [(8, 0)]


def test_starts_by_identifier_and_by_object_id(graph):
    result = traverse(graph, start_identifiers=["nope"], start_object_ids=["a"], rules=RULES, max_depth=0)
    assert hits(result) == [(5, 0)]
    assert result.unknown_starts == ["nope"]
