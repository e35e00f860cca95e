# SPDX-License-Identifier: EUPL-1.2
"""The landscapes on a scenario over a model other than GEMMA: its elements stand for GEMMA's reference
components and standards by their own GEMMA properties, by GEMMA's object id, or by GEMMA's identifier;
a model without any of these is told so on the page."""

import pytest
from django.urls import reverse

from bouwplaats.architecture.tests.modelfiles import ARCHI, XSI, imported
from bouwplaats.impact.analysis import compute
from bouwplaats.impact.models import ApplicationReference, ImpactScenario, ReferenceKind

from .test_any_model import OWN_MODEL
from .test_any_model import RULES as OWN_RULES
from .test_pages import login

# A municipality's model built on GEMMA (the conftest's small GEMMA release "GEMMA test-1"): its portal
# was copied with GEMMA's "Object ID" only, its application component merged in with GEMMA's identifier
# e-a, its catalogue carries both GEMMA properties, its own custom work none; its standards carry
# GEMMA's object ids of the standard and its version.
LINKED_MODEL = f"""<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="{XSI}" xmlns:archimate="{ARCHI}" name="Gemeente Gelinkt" id="m-gl" version="5.0.0">
  <folder name="Business" id="f-b" type="business">
    <element xsi:type="archimate:BusinessProcess" name="Aanvraag behandelen" id="bp-aanvraag"/>
  </folder>
  <folder name="Application" id="f-a" type="application">
    <element xsi:type="archimate:ApplicationService" name="Aanvragen ontvangen" id="as-ontvangen"/>
    <element xsi:type="archimate:ApplicationComponent" name="Ons burgerportaal" id="ac-portaal">
      <property key="Object ID" value="obj-b"/>
    </element>
    <element xsi:type="archimate:ApplicationComponent" name="Onze aanvraagcomponent" id="e-a"/>
    <element xsi:type="archimate:ApplicationComponent" name="Onze catalogus" id="ac-catalogus">
      <property key="Object ID" value="obj-c"/>
      <property key="GEMMA type" value="Referentiecomponent"/>
    </element>
    <element xsi:type="archimate:ApplicationComponent" name="Eigen maatwerk" id="ac-eigen"/>
  </folder>
  <folder name="Motivation" id="f-m" type="motivation">
    <element xsi:type="archimate:Constraint" name="Inlog koppelvlak" id="cs-inlog">
      <property key="Object ID" value="obj-x"/>
    </element>
    <element xsi:type="archimate:Constraint" name="Inlog koppelvlak 2.0" id="cs-inlog-2">
      <property key="Object ID" value="obj-v"/>
    </element>
  </folder>
  <folder name="Relations" id="f-r" type="relations">
    <element xsi:type="archimate:ServingRelationship" id="r-1" source="as-ontvangen" target="bp-aanvraag"/>
    <element xsi:type="archimate:RealizationRelationship" id="r-2" source="ac-portaal" target="as-ontvangen"/>
    <element xsi:type="archimate:RealizationRelationship" id="r-3" source="e-a" target="as-ontvangen"/>
    <element xsi:type="archimate:RealizationRelationship" id="r-4" source="ac-catalogus" target="as-ontvangen"/>
    <element xsi:type="archimate:RealizationRelationship" id="r-5" source="ac-eigen" target="as-ontvangen"/>
    <element xsi:type="archimate:RealizationRelationship" id="r-6" source="ac-portaal" target="cs-inlog"/>
    <element xsi:type="archimate:RealizationRelationship" id="r-7" source="e-a" target="cs-inlog"/>
    <element xsi:type="archimate:SpecializationRelationship" id="r-8" source="cs-inlog-2" target="cs-inlog"/>
  </folder>
  <property key="Release" value="2026.2"/>
</archimate:model>
"""
RULES = [
    {"relation": "Serving", "direction": "backward", "from": "BusinessProcess", "to": "ApplicationService"},
    {"relation": "Realization", "direction": "backward", "from": "ApplicationService", "to": "ApplicationComponent"},
    {"relation": "Realization", "direction": "forward", "from": "ApplicationComponent", "to": "Constraint"},
]


@pytest.fixture
def linked_scenario(model, staff):
    """``model`` (the GEMMA release) must exist first: it is the reference release the links go to."""
    own = imported(LINKED_MODEL, actor=staff).model
    return ImpactScenario.objects.create(
        title="Nieuwe aanvraagregel",
        model=own,
        start_elements=["bp-aanvraag"],
        rules=RULES,
        max_depth=3,
        created_by=staff,
    )


def plain_join(required: dict[str, list[str]], versions: dict[str, set[str]], municipality) -> dict:
    """What the landscape of ``municipality`` gives, the obvious way: its applications for each required
    component, the required standards each does not support (a version counts), the components without one."""
    applications = {}
    for reference in ApplicationReference.objects.filter(
        application__municipality=municipality, kind=ReferenceKind.COMPONENT, object_id__in=required
    ).select_related("application"):
        app = applications.setdefault(reference.application.name, {"components": set(), "missing": set()})
        app["components"].add(reference.object_id)
    for name, app in applications.items():
        supported = set(
            ApplicationReference.objects.filter(
                application__municipality=municipality, application__name=name, kind=ReferenceKind.STANDARD
            ).values_list("object_id", flat=True)
        )
        for component in app["components"]:
            for standard in required[component]:
                if not ({standard} | versions.get(standard, set())) & supported:
                    app["missing"].add(standard)
    present = {c for app in applications.values() for c in app["components"]}
    return {"applications": applications, "missing_components": set(required) - present}


def test_elements_of_another_model_stand_for_gemma_elements_in_the_landscapes(
    linked_scenario, landscapes, town_a, town_b
):
    analysis = compute(linked_scenario)
    by_identifier = {e.node.identifier: e.node.id for e in analysis.elements}
    assert set(by_identifier) == {
        "bp-aanvraag",
        "as-ontvangen",
        "ac-portaal",
        "e-a",
        "ac-catalogus",
        "ac-eigen",
        "cs-inlog",
    }
    links = {identifier: analysis.links.get(node_id) for identifier, node_id in by_identifier.items()}
    assert (links["ac-portaal"].object_id, links["ac-portaal"].by) == ("obj-b", "object_id")
    assert (links["e-a"].object_id, links["e-a"].by) == ("obj-a", "identifier")
    assert (links["ac-catalogus"].object_id, links["ac-catalogus"].by) == ("obj-c", "own")
    assert (links["cs-inlog"].gemma_type, links["cs-inlog"].by) == ("Standaard", "object_id")
    assert links["ac-eigen"] is None and links["bp-aanvraag"] is None
    assert analysis.linked_by_reference == 3
    assert analysis.landscape_note == ""

    # The required components and standards as the model says: the portal and the application component
    # realise the login standard in this model, the catalogue realises none; its version 2.0 counts.
    required = {"obj-b": ["obj-x"], "obj-a": ["obj-x"], "obj-c": []}
    assert analysis.required_standards == required
    impacts = {m.code: m for m in analysis.municipalities}
    for municipality in (town_a, town_b):
        expected = plain_join(required, {"obj-x": {"obj-v"}}, municipality)
        impact = impacts[municipality.code]
        assert {
            app.name: {"components": set(app.components), "missing": set(app.missing_standards)}
            for app in impact.applications
        } == expected["applications"]
        assert set(impact.missing_components) == expected["missing_components"]
    # Amsterdam: Zaaksysteem supports version 2.0 (no gap), Mijn Amsterdam not the standard; no catalogue.
    assert {app.name: app.missing_standards for app in impacts["GM0363"].applications} == {
        "Zaaksysteem": [],
        "Mijn Amsterdam": ["obj-x"],
    }
    assert impacts["GM0363"].missing_components == ["obj-c"]
    assert analysis.totals()["components"] == 3
    assert analysis.name_of("obj-b") == "Ons burgerportaal"


def test_the_join_over_another_model_costs_two_queries_more(linked_scenario, landscapes, django_assert_max_num_queries):
    compute(linked_scenario)  # the graph is cached from here on
    # The GEMMA scenario's five (municipalities, component and standard references, cost rates, ...) and
    # the reference release with its matching elements.
    with django_assert_max_num_queries(7):
        compute(linked_scenario)


def test_the_page_shows_the_municipalities_of_a_linked_model(client, staff, linked_scenario, landscapes):
    login(client, staff)
    page = client.get(reverse("impact:scenario-detail", args=[linked_scenario.pk])).content.decode()
    assert "3 affected elements of this model have no GEMMA type of their own" in page
    assert "Mijn Amsterdam" not in page  # application names only on the municipality's page
    municipality = client.get(reverse("impact:scenario-municipality", args=[linked_scenario.pk, "GM0363"]))
    content = municipality.content.decode()
    assert "Mijn Amsterdam" in content and "Zaaksysteem" in content
    assert "Onze catalogus" in content  # the required component without an application, by this model's name


def test_a_model_without_gemma_linkage_says_so(client, staff, model, landscapes):
    own = imported(OWN_MODEL, actor=staff).model
    scenario = ImpactScenario.objects.create(
        title="Zonder GEMMA", model=own, start_elements=["bp-verlenen"], rules=OWN_RULES, max_depth=4, created_by=staff
    )
    analysis = compute(scenario)
    assert analysis.links == {}
    assert analysis.landscape_note == "no-linkage"
    assert analysis.totals()["affected_municipalities"] == 0
    login(client, staff)
    page = client.get(reverse("impact:scenario-detail", args=[scenario.pk])).content.decode()
    assert "The landscapes of municipalities take no part in this result" in page
    report = client.get(reverse("impact:report", args=[scenario.pk])).content.decode()
    assert "The landscapes of municipalities take no part in this result" in report


def test_a_gemma_scenario_without_reference_components_says_why(client, staff, model, landscapes):
    scenario = ImpactScenario.objects.create(
        title="Alleen de functie",
        model=model,
        start_elements=["e-bf"],
        rules=[{"relation": "Serving", "direction": "backward", "to": "ApplicationService"}],
        max_depth=1,
        created_by=staff,
    )
    analysis = compute(scenario)
    assert {e.node.identifier for e in analysis.elements} == {"e-bf", "e-as"}
    assert analysis.landscape_note == "no-components"
    login(client, staff)
    page = client.get(reverse("impact:scenario-detail", args=[scenario.pk])).content.decode()
    assert "No affected element is a GEMMA reference component" in page
    assert "take no part in this result" not in page
