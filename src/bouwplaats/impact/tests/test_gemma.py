# SPDX-License-Identifier: EUPL-1.2
"""The scenarios "DigiD" and "Participatiewet" over the shipped GEMMA model (real data)."""

import pytest
from django.conf import settings

from bouwplaats.architecture.selectors import model_by_release
from bouwplaats.impact.analysis import compute
from bouwplaats.impact.models import ImpactScenario
from bouwplaats.impact.report import path_text
from bouwplaats.impact.rules import preset_json
from bouwplaats.impact.seed import DIGID, PARTICIPATIEWET_STARTS

RELEASE = "2026-06-30"


@pytest.fixture
def gemma(db):
    model = model_by_release("GEMMA", RELEASE)
    if model is None:  # not loaded with the reference data of this test database
        from bouwplaats.architecture.reference import import_shipped_gemma

        import_shipped_gemma(data_dir=settings.REFERENCE_DATA_DIR)
        model = model_by_release("GEMMA", RELEASE)
    return model


def test_digid_lists_the_components_and_standards_gemma_relates_to_it(gemma):
    scenario = ImpactScenario(
        title="DigiD", model=gemma, start_object_ids=[DIGID], rules=preset_json("facility"), max_depth=5
    )
    analysis = compute(scenario, municipality_ids=[])
    paths = {element.node.name: path_text(element) for element in analysis.elements}
    # The reference components that realise DigiD's interface standard, each with its path.
    assert sorted(e.node.name for e in analysis.components) == [
        "Afsprakenbeheercomponent",
        "E-formulieren publicatie-en-beheercomponent",
        "Mijngemeentecomponent",
        "WOZ-voormeldingcomponent",
    ]
    assert paths["Mijngemeentecomponent"] == (
        "DigiD –Realization→ DigiD authenticatieservice (basis en middel) –Realization→ DigiD SAML koppelvlak "
        "←Realization– Mijngemeentecomponent"
    )
    # The standards and their current versions.
    assert sorted(e.node.name for e in analysis.standards) == ["DigiD CGI koppelvlak", "DigiD SAML koppelvlak"]
    assert paths["DigiD SAML koppelvlak (actueel)"].endswith(
        "–Realization→ DigiD SAML koppelvlak ←Specialization– DigiD SAML koppelvlak (actueel)"
    )
    assert paths["Inloggen op websites van overheid en zorg"] == (
        "DigiD –Realization→ Inloggen op websites van overheid en zorg"
    )
    # Every component must support the SAML interface.
    saml = next(e.object_id for e in analysis.standards if e.node.name == "DigiD SAML koppelvlak")
    assert all(analysis.required_standards[c.object_id] == [saml] for c in analysis.components)
    # Depth 5 reaches the business functions the components' services serve.
    groups = {code for code, _label, _elements in analysis.by_group()}
    assert groups == {"business", "application", "standards"}


def test_participatiewet_reaches_components_and_standards(gemma):
    scenario = ImpactScenario(
        title="Participatiewet",
        model=gemma,
        start_object_ids=PARTICIPATIEWET_STARTS,
        rules=preset_json("law"),
        max_depth=4,
    )
    analysis = compute(scenario, municipality_ids=[])
    assert analysis.unknown_starts == []
    components = {e.node.name for e in analysis.components}
    assert "Inkomenscomponent" in components
    assert analysis.standards
