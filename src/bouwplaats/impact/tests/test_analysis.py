# SPDX-License-Identifier: EUPL-1.2
"""A scenario over the hand-made model joined with landscapes: elements by layer, gaps, costs, totals."""

from bouwplaats.impact.analysis import compute
from bouwplaats.impact.costs import DEFAULT_RATES
from bouwplaats.impact.models import CostRate, GapKind


def names(elements):
    return [element.node.name for element in elements]


def test_elements_by_layer_with_paths(scenario, landscapes):
    analysis = compute(scenario)
    groups = {code: names(elements) for code, _label, elements in analysis.by_group()}
    assert groups == {
        "business": ["Dienstverlening"],
        "application": [
            "Inlogvoorziening",
            "Inlogservice",
            "Aanvraagcomponent",
            "Burgerportaal",
            "Aanvragen ontvangen",
        ],
        "standards": ["Inlog koppelvlak", "Inlog koppelvlak 2.0"],
    }
    burger = next(e for e in analysis.elements if e.node.name == "Burgerportaal")
    assert burger.start.name == "Inlogvoorziening"
    assert [(step.relation, step.direction, step.node.name) for step in burger.path] == [
        ("Realization", "forward", "Inlogservice"),
        ("Realization", "forward", "Inlog koppelvlak"),
        ("Realization", "backward", "Burgerportaal"),
    ]
    assert analysis.required_standards == {"obj-a": ["obj-x"], "obj-b": ["obj-x"]}
    assert "Catalogus" not in names(analysis.elements)


def test_gaps_per_municipality(scenario, landscapes, town_a, town_b):
    analysis = compute(scenario)
    by_code = {m.code: m for m in analysis.municipalities}
    amsterdam, groningen = by_code["GM0363"], by_code["GM0014"]
    # Amsterdam's Zaaksysteem supports version 2.0 of the standard: no gap; Mijn Amsterdam does not know it.
    assert [(app.name, app.missing_standards) for app in amsterdam.applications] == [
        ("Mijn Amsterdam", ["obj-x"]),
        ("Zaaksysteem", []),
    ]
    assert amsterdam.missing_components == []
    assert amsterdam.suppliers == ["Andere BV", "Leverancier"]
    assert [(app.name, app.missing_standards) for app in groningen.applications] == [("Burgerloket", [])]
    assert groningen.missing_components == ["obj-a"]
    # Every other municipality of the 403 lacks both components.
    assert len(analysis.municipalities) == 403
    others = [m for m in analysis.municipalities if m.code not in ("GM0363", "GM0014")]
    assert len(others) == 401
    assert all(m.missing_components == ["obj-a", "obj-b"] and not m.applications for m in others)


def test_costs_follow_the_size_class_and_the_stored_rates(scenario, landscapes):
    analysis = compute(scenario)
    by_code = {m.code: m for m in analysis.municipalities}
    amsterdam, groningen = by_code["GM0363"], by_code["GM0014"]
    assert (amsterdam.size_class, groningen.size_class) == (8, 7)
    assert amsterdam.cost == DEFAULT_RATES[GapKind.MISSING_STANDARD][7] + DEFAULT_RATES[GapKind.AFFECTED_APPLICATION][7]
    assert (
        groningen.cost == DEFAULT_RATES[GapKind.MISSING_COMPONENT][6] + DEFAULT_RATES[GapKind.AFFECTED_APPLICATION][6]
    )
    CostRate.objects.create(kind=GapKind.MISSING_STANDARD, size_class=8, amount=1)
    amsterdam = next(m for m in compute(scenario).municipalities if m.code == "GM0363")
    assert amsterdam.cost == 1 + DEFAULT_RATES[GapKind.AFFECTED_APPLICATION][7]


def test_national_totals_add_up(scenario, landscapes):
    analysis = compute(scenario)
    totals = analysis.totals()
    assert totals["municipalities"] == 403
    assert totals["applications"] == 3
    assert totals["component_gaps"] == 401 * 2 + 1
    assert totals["standard_gaps"] == 1
    assert totals["cost"] == sum(m.cost for m in analysis.municipalities)
    by_size = analysis.by_size_class()
    assert sum(row.municipalities for row in by_size) == 403
    assert sum(row.cost for row in by_size) == totals["cost"]


def test_one_municipality_only(scenario, landscapes, town_b):
    analysis = compute(scenario, municipality_ids=[town_b.pk])
    assert [m.code for m in analysis.municipalities] == ["GM0014"]


def test_unknown_start_is_reported(scenario):
    scenario.start_object_ids = ["obj-f", "gone"]
    analysis = compute(scenario)
    assert analysis.unknown_starts == ["gone"]


def test_query_count_is_independent_of_the_number_of_municipalities(
    scenario, landscapes, django_assert_max_num_queries
):
    compute(scenario)  # the graph is cached from here on
    with django_assert_max_num_queries(5):
        compute(scenario)
