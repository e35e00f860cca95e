# SPDX-License-Identifier: EUPL-1.2
"""A scenario on a municipality's own model (not GEMMA): start elements chosen with the picker,
rules by element and relationship type, junctions walked through; the result equals a plain
breadth-first search over the same model."""

import json
from collections import deque

import pytest
from django.urls import reverse

from bouwplaats.architecture.models import Element, Relation
from bouwplaats.architecture.tests.modelfiles import ARCHI, XSI, imported
from bouwplaats.impact.analysis import compute
from bouwplaats.impact.models import ImpactScenario

from .test_pages import login

# A municipality's own model: a new rule for permits touches the process "Vergunning verlenen";
# an application service serves it and "Toezicht" through an Or junction; two components realise
# the service; an unrelated process is served by another service.
OWN_MODEL = f"""<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="{XSI}" xmlns:archimate="{ARCHI}" name="Gemeente Voorbeeld" id="m-gv" version="5.0.0">
  <folder name="Business" id="f-b" type="business">
    <element xsi:type="archimate:BusinessProcess" name="Vergunning verlenen" id="bp-verlenen"/>
    <element xsi:type="archimate:BusinessProcess" name="Toezicht" id="bp-toezicht"/>
    <element xsi:type="archimate:BusinessProcess" name="Afval ophalen" id="bp-afval"/>
    <element xsi:type="archimate:BusinessRole" name="Vergunningverlener" id="br-1"/>
  </folder>
  <folder name="Application" id="f-a" type="application">
    <element xsi:type="archimate:ApplicationService" name="Zaken behandelen" id="as-zaken"/>
    <element xsi:type="archimate:ApplicationService" name="Routes plannen" id="as-routes"/>
    <element xsi:type="archimate:ApplicationComponent" name="Zaaksysteem" id="ac-zaak"/>
    <element xsi:type="archimate:ApplicationComponent" name="Vergunningenpakket" id="ac-vth"/>
    <element xsi:type="archimate:ApplicationComponent" name="Routeplanner" id="ac-route"/>
  </folder>
  <folder name="Other" id="f-o" type="other">
    <element xsi:type="archimate:Junction" id="j-or" type="or"/>
  </folder>
  <folder name="Relations" id="f-r" type="relations">
    <element xsi:type="archimate:ServingRelationship" id="r-1" source="as-zaken" target="j-or"/>
    <element xsi:type="archimate:ServingRelationship" id="r-2" source="j-or" target="bp-verlenen"/>
    <element xsi:type="archimate:ServingRelationship" id="r-3" source="j-or" target="bp-toezicht"/>
    <element xsi:type="archimate:RealizationRelationship" id="r-4" source="ac-zaak" target="as-zaken"/>
    <element xsi:type="archimate:RealizationRelationship" id="r-5" source="ac-vth" target="as-zaken"/>
    <element xsi:type="archimate:ServingRelationship" id="r-6" source="as-routes" target="bp-afval"/>
    <element xsi:type="archimate:RealizationRelationship" id="r-7" source="ac-route" target="as-routes"/>
    <element xsi:type="archimate:AssignmentRelationship" id="r-8" source="br-1" target="bp-verlenen"/>
  </folder>
  <property key="Release" value="2026.1"/>
</archimate:model>
"""
RULES = [
    {"relation": "Serving", "direction": "backward", "from": "BusinessProcess", "to": "ApplicationService"},
    {"relation": "Realization", "direction": "backward", "from": "ApplicationService", "to": "ApplicationComponent"},
    {"relation": "Serving", "direction": "forward", "from": "ApplicationService", "to": "BusinessProcess"},
]


@pytest.fixture
def own_model(staff):
    return imported(OWN_MODEL, actor=staff).model


def plain_bfs(model, start_identifier: str, max_depth: int) -> set[str]:
    """The affected set by the rules above, the slow obvious way: a junction is passed by following
    relations of the same type through it."""
    elements = {e.pk: e for e in Element.objects.filter(model=model)}
    relations = list(Relation.objects.filter(model=model).values_list("type", "source_id", "target_id"))

    def neighbours(pk, rel_type, forward):
        for type_, source, target in relations:
            if type_.removesuffix("Relationship") != rel_type:
                continue
            here, there = (source, target) if forward else (target, source)
            if here != pk:
                continue
            if elements[there].type.endswith("Junction"):
                yield from neighbours(there, rel_type, forward)
            else:
                yield there

    start = next(pk for pk, e in elements.items() if e.identifier == start_identifier)
    depth, queue = {start: 0}, deque([start])
    while queue:
        pk = queue.popleft()
        if depth[pk] == max_depth:
            continue
        for rule in RULES:
            if elements[pk].type != rule["from"]:
                continue
            for there in neighbours(pk, rule["relation"], rule["direction"] == "forward"):
                if there not in depth and elements[there].type == rule["to"]:
                    depth[there] = depth[pk] + 1
                    queue.append(there)
    return {elements[pk].identifier for pk in depth}


def test_architect_picks_start_elements_of_an_own_model_and_runs_the_scenario(client, staff, own_model):
    login(client, staff)
    url = reverse("impact:scenario-new")
    form = {"title": "Nieuwe vergunningsregel", "model": own_model.pk, "preset": "custom", "max_depth": 4}
    form["rules"] = (
        '[{"relation": "Serving", "direction": "backward", "from": "BusinessProcess", "to": "ApplicationService"}]'
    )

    # A search by name lists the matches as checkboxes, saves nothing.
    searched = client.post(url, {**form, "element_query": "vergunning", "search": "1"})
    assert searched.status_code == 200
    found = [choice[0] for choice in searched.context["form"].fields["start_elements"].choices]
    assert found == ["bp-verlenen", "ac-vth", "br-1"]
    assert not ImpactScenario.objects.exists()
    # A search by type keeps the checked element and adds the processes.
    by_type = client.post(
        url, {**form, "element_query": "BusinessProcess", "search": "1", "start_elements": ["bp-verlenen"]}
    )
    choices = [c[0] for c in by_type.context["form"].fields["start_elements"].choices]
    assert choices == ["bp-verlenen", "bp-afval", "bp-toezicht"]
    assert by_type.context["form"].initial["start_elements"] == ["bp-verlenen"]
    assert b'value="bp-verlenen" checked' in by_type.content.replace(b' id="id_start_elements_0"', b"")
    # By identifier; a junction is never offered.
    assert [
        e.identifier for e in client.post(url, {**form, "element_query": "j-or", "search": "1"}).context["found"]
    ] == []

    saved = client.post(url, {**form, "rules": json.dumps(RULES), "start_elements": ["bp-verlenen"]})
    assert saved.status_code == 302
    scenario = ImpactScenario.objects.get()
    assert scenario.start_elements == ["bp-verlenen"]
    assert scenario.model == own_model

    affected = {element.node.identifier for element in compute(scenario).elements}
    assert affected == plain_bfs(own_model, "bp-verlenen", scenario.max_depth)
    # Through the junction: the service reached from one process serves the other one too.
    assert affected == {"bp-verlenen", "as-zaken", "ac-zaak", "ac-vth", "bp-toezicht"}

    page = client.get(reverse("impact:scenario-detail", args=[scenario.pk]))
    assert page.status_code == 200
    assert "Vergunningenpakket" in page.content.decode()


def test_api_takes_start_elements_by_identifier(api_client, staff, own_model):
    api_client.force_authenticate(staff)
    response = api_client.post(
        reverse("impact-scenario-list"),
        {
            "title": "Via de API",
            "model": own_model.pk,
            "start_elements": ["bp-verlenen"],
            "rules": RULES,
            "max_depth": 2,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["start_elements"] == ["bp-verlenen"]
    unknown = api_client.post(
        reverse("impact-scenario-list"),
        {"title": "Fout", "model": own_model.pk, "start_elements": ["nope"], "rules": RULES, "max_depth": 2},
        format="json",
    )
    assert unknown.status_code == 400
    assert "nope" in str(unknown.json())
