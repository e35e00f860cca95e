# SPDX-License-Identifier: EUPL-1.2
"""Viewpoints in every form they come in end as one AMEFF 3.1 name: Archi's ids, the numbers of
Archi 2 and 3, the exchange format's names of ArchiMate 2.1 and 3.1; and they are exported.

The expected values are written out here from the sources, not derived from the module under test:
Archi 3 stored a view's viewpoint as the index of its ArchiMate 2 viewpoint (``IViewpoint`` in Archi
3's ``com.archimatetool.editor.model.viewpoints``); Archi 4 and later store the ids of its
``model/viewpoints.xml``; the names are the ``ViewpointsEnum`` of the shipped schema.
"""

import io

import pytest
from django.conf import settings
from lxml import etree

from bouwplaats.architecture.importers import export_ameff, read_model
from bouwplaats.architecture.importers.schema import schema_errors
from bouwplaats.architecture.importers.viewpoints import (
    AMEFF_NAMES,
    ARCHI_IDS,
    LEGACY_NAMES,
    LEGACY_NUMBERS,
    viewpoint_name,
)
from bouwplaats.architecture.services import architecture_model_import

from .modelfiles import ARCHI, XSI

# Archi 3's index → (its ArchiMate 2 viewpoint, the AMEFF 3.1 name it becomes; None: no successor).
ARCHI3_INDEXES = {
    0: ("none (total)", ""),
    1: ("Actor Co-operation", None),
    2: ("Application Behaviour", None),
    3: ("Application Co-operation", "Application Cooperation"),
    4: ("Application Structure", "Application Structure"),
    5: ("Application Usage", "Application Usage"),
    6: ("Business Function", None),
    7: ("Business Process Co-operation", "Business Process Cooperation"),
    8: ("Business Process", None),
    9: ("Business Product", "Product"),
    10: ("Implementation and Deployment", "Implementation and Deployment"),
    11: ("Information Structure", "Information Structure"),
    12: ("Infrastructure Usage", "Technology Usage"),
    13: ("Infrastructure", "Technology"),
    14: ("Layered", "Layered"),
    15: ("Organisation", "Organization"),
    16: ("Service Realisation", "Service Realization"),
    17: ("Stakeholder", "Stakeholder"),
    18: ("Goal Realisation", "Goal Realization"),
    19: ("Goal Contribution", "Goal Contribution"),
    20: ("Principles", "Principles"),
    21: ("Requirements Realisation", "Requirements Realization"),
    22: ("Motivation", "Motivation"),
    23: ("Project", "Project"),
    24: ("Migration", "Migration"),
    25: ("Implementation and Migration", "Implementation and Migration"),
}

# Archi 4 and later: every id of its viewpoints.xml.
ARCHI_VIEWPOINT_IDS = {
    "organization": "Organization",
    "business_process_cooperation": "Business Process Cooperation",
    "product": "Product",
    "application_cooperation": "Application Cooperation",
    "application_structure": "Application Structure",
    "application_usage": "Application Usage",
    "implementation_deployment": "Implementation and Deployment",
    "technology": "Technology",
    "technology_usage": "Technology Usage",
    "information_structure": "Information Structure",
    "service_realization": "Service Realization",
    "physical": "Physical",
    "stakeholder": "Stakeholder",
    "goal_realization": "Goal Realization",
    "requirements_realization": "Requirements Realization",
    "motivation": "Motivation",
    "strategy": "Strategy",
    "capability": "Capability Map",
    "value_stream": "Value Stream",
    "outcome_realization": "Outcome Realization",
    "resource": "Resource Map",
    "project": "Project",
    "migration": "Migration",
    "implementation_migration": "Implementation and Migration",
    "layered": "Layered",
}


def schema_viewpoint_names() -> list[str]:
    tree = etree.parse(str(settings.BASE_DIR / "data" / "archimate-xsd" / "archimate3_View.xsd"))
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    return tree.xpath("//xs:simpleType[@name='ViewpointsEnum']//xs:enumeration/@value", namespaces=xs)


def test_the_names_are_those_of_the_shipped_schema():
    names = schema_viewpoint_names()
    assert len(names) == 28
    assert list(AMEFF_NAMES) == names
    mapped = {*ARCHI_IDS.values(), *LEGACY_NAMES.values(), *(n for n in LEGACY_NUMBERS.values() if n)}
    assert mapped <= set(names)


@pytest.mark.parametrize("number", sorted(ARCHI3_INDEXES))
def test_every_number_archi_wrote_maps_to_its_successor(number):
    _archimate2, expected = ARCHI3_INDEXES[number]
    assert viewpoint_name(str(number)) == expected
    assert LEGACY_NUMBERS[str(number)] == expected


def test_the_numbers_are_exactly_those_archi_wrote():
    assert set(LEGACY_NUMBERS) == {str(number) for number in ARCHI3_INDEXES}
    assert viewpoint_name("26") is None  # Archi never wrote it
    assert viewpoint_name("014") == "Layered"
    # Other Unicode digits are text, kept as written (int() would refuse them).
    assert viewpoint_name("²") == "²"
    assert viewpoint_name("٣") == "٣"


@pytest.mark.parametrize("identifier", sorted(ARCHI_VIEWPOINT_IDS))
def test_every_archi_id_maps_to_its_name(identifier):
    assert viewpoint_name(identifier) == ARCHI_VIEWPOINT_IDS[identifier]


def test_archi_ids_are_exactly_archis():
    assert ARCHI_IDS == ARCHI_VIEWPOINT_IDS


@pytest.mark.parametrize("name", schema_viewpoint_names())
def test_every_ameff_name_stays_in_any_case_or_written_as_an_id(name):
    assert viewpoint_name(name) == viewpoint_name(name.upper()) == name
    assert viewpoint_name(name.lower().replace(" ", "_")) == name


def test_archimate_2_exchange_names():
    assert viewpoint_name("Application Co-operation") == "Application Cooperation"
    assert viewpoint_name("Business Process Co-operation") == "Business Process Cooperation"
    assert viewpoint_name("Infrastructure Usage") == "Technology Usage"
    assert viewpoint_name("Infrastructure") == "Technology"
    # Without a successor, the name stays as text like any viewpoint of one's own.
    assert viewpoint_name("Business Function") == "Business Function"
    assert viewpoint_name("Eigen gezichtspunt") == "Eigen gezichtspunt"
    assert viewpoint_name("  ") == ""


def archi3_model() -> str:
    """An Archi 3 file with a view for every index Archi 3 wrote."""
    views = "\n".join(
        f'    <element xsi:type="archimate:ArchimateDiagramModel" name="{label}" id="v-{number}"'
        f' viewpoint="{number}"><child xsi:type="archimate:DiagramObject" id="d-{number}" archimateElement="e-1">'
        f'<bounds x="10" y="10" width="120" height="55"/></child></element>'
        for number, (label, _name) in ARCHI3_INDEXES.items()
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="{XSI}" xmlns:archimate="{ARCHI}" name="Archi 3" id="m-1" version="3.1.1">
  <folder name="Business" id="f-1" type="business">
    <element xsi:type="archimate:BusinessActor" name="Burger" id="e-1"/>
  </folder>
  <folder name="Views" id="f-2" type="diagrams">
{views}
  </folder>
  <property key="Release" value="1"/>
</archimate:model>
"""


@pytest.mark.django_db
def test_archi_3_viewpoints_are_stored_by_name_reported_when_lost_and_exported(staff):
    model = architecture_model_import(actor=staff, source=io.BytesIO(archi3_model().encode()), format="archimate").model
    stored = dict(model.views.values_list("identifier", "viewpoint"))
    assert stored == {f"v-{number}": name or "" for number, (_label, name) in ARCHI3_INDEXES.items()}
    notes = {note["code"]: note for note in model.import_notes}
    assert sorted(notes["viewpoint"]["names"]) == sorted(
        label for label, name in ARCHI3_INDEXES.values() if name is None
    )

    content = export_ameff(model)
    assert schema_errors(content) == []
    written = {
        view.get("identifier"): view.get("viewpoint")
        for view in etree.fromstring(content).iter("{http://www.opengroup.org/xsd/archimate/3.0/}view")
        if view.get("viewpoint") is not None
    }
    assert written == {f"v-{number}": name for number, (_label, name) in ARCHI3_INDEXES.items() if name}
    assert not set(written.values()) - set(schema_viewpoint_names())
    again = read_model(io.BytesIO(content), format="ameff")
    assert {view.identifier: view.viewpoint for view in again.views} == stored
