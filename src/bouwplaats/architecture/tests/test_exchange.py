# SPDX-License-Identifier: EUPL-1.2
"""AMEFF exports that the ArchiMate 3.1 schemas accept, and that read back as the same model.

Every export is validated against the schemas shipped in ``data/archimate-xsd/`` (offline); a
re-import of an export must give the same identifiers, elements, relations, views and layout.
"""

import io

import pytest
from django.urls import reverse

from bouwplaats.architecture.importers import export_ameff, export_view_ameff, read_model
from bouwplaats.architecture.importers.identifiers import from_ncname, is_ncname, to_ncname
from bouwplaats.architecture.importers.layout import bounds, iter_nodes
from bouwplaats.architecture.importers.schema import schema_errors
from bouwplaats.architecture.importers.viewpoints import viewpoint_name
from bouwplaats.architecture.models import Element, Relation, View

from .modelfiles import AMEFF, ARCHI, SMALL_AMEFF, XSI, imported
from .test_import import stored

pytestmark = pytest.mark.django_db


# An Archi model as Archi writes it: numeric ids, nested folders (relations in a sub-folder),
# a diagram with nested objects, a group, a note, a junction, bendpoints, styles, a legacy
# viewpoint number, an image, and a Sketch and a Canvas view.
ARCHI_MODEL = f"""<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="{XSI}" xmlns:archimate="{ARCHI}" name="Archi-model" id="1" version="5.0.0">
  <folder name="Business" id="2" type="business">
    <element xsi:type="archimate:BusinessActor" name="Burger" id="10"/>
    <element xsi:type="archimate:BusinessProcess" name="Aanvragen" id="11">
      <documentation>Een aanvraag doen.</documentation>
      <property key="Object ID" value="obj-11"/>
    </element>
  </folder>
  <folder name="Application" id="3" type="application">
    <element xsi:type="archimate:ApplicationComponent" name="Zaaksysteem" id="12"/>
    <element xsi:type="archimate:ApplicationService" name="Zaakservice" id="13"/>
  </folder>
  <folder name="Other" id="4" type="other">
    <element xsi:type="archimate:Junction" id="14" type="or"/>
  </folder>
  <folder name="Relations" id="5" type="relations">
    <folder name="Realisatie" id="6">
      <element xsi:type="archimate:RealizationRelationship" id="20" source="12" target="13"/>
    </folder>
    <element xsi:type="archimate:ServingRelationship" id="21" source="13" target="14"/>
    <element xsi:type="archimate:TriggeringRelationship" id="22" source="14" target="11" name="start"/>
    <element xsi:type="archimate:AssignmentRelationship" id="23" source="10" target="11"/>
  </folder>
  <folder name="Views" id="7" type="diagrams">
    <element xsi:type="archimate:ArchimateDiagramModel" name="Overzicht" id="30" viewpoint="14">
      <child xsi:type="archimate:Group" id="31" name="Gemeente">
        <bounds x="20" y="20" width="400" height="300"/>
        <child xsi:type="archimate:DiagramObject" id="32" archimateElement="12" fillColor="#b5ffff"
               font="1|Arial|10.0|1|WINDOWS|1|0|0|0|0|0|0|0|0|1|0|0|0|0|Arial" fontColor="#ff0000"
               lineColor="#5c5c5c" lineWidth="2">
          <bounds x="10" y="30" width="200" height="120"/>
          <sourceConnection xsi:type="archimate:Connection" id="40" source="32" target="33"
                            archimateRelationship="20" lineColor="#0000ff">
            <bendpoint startX="150" startY="0" endX="0" endY="-60"/>
          </sourceConnection>
          <child xsi:type="archimate:DiagramObject" id="33" archimateElement="13">
            <bounds x="20" y="40" width="-1" height="-1"/>
            <sourceConnection xsi:type="archimate:Connection" id="41" source="33" target="34"
                              archimateRelationship="21"/>
          </child>
        </child>
      </child>
      <child xsi:type="archimate:DiagramObject" id="34" archimateElement="14">
        <bounds x="500" y="100" width="15" height="15"/>
        <sourceConnection xsi:type="archimate:Connection" id="42" source="34" target="35"
                          archimateRelationship="22">
          <bendpoint startX="0" startY="100" endX="-50" endY="0"/>
          <bendpoint startX="40" startY="100" endX="-10" endY="0"/>
        </sourceConnection>
      </child>
      <child xsi:type="archimate:DiagramObject" id="35" archimateElement="11">
        <bounds x="600" y="180" width="120" height="55"/>
      </child>
      <child xsi:type="archimate:Note" id="36">
        <bounds x="20" y="400" width="185" height="80"/>
        <content>Let op: concept.</content>
        <sourceConnection xsi:type="archimate:Connection" id="43" source="36" target="35"/>
      </child>
      <child xsi:type="archimate:DiagramModelImage" id="37">
        <bounds x="300" y="400" width="50" height="50"/>
      </child>
    </element>
    <element xsi:type="archimate:SketchModel" name="Schets" id="50">
      <child xsi:type="archimate:SketchModelActor" id="51" name="Iemand">
        <bounds x="10" y="10" width="75" height="100"/>
      </child>
    </element>
    <element xsi:type="canvas:CanvasModel" xmlns:canvas="http://www.archimatetool.com/archimate/canvas"
             name="Canvas" id="52"/>
  </folder>
  <property key="Release" value="3"/>
</archimate:model>
"""

# An exchange file with what Archi writes besides the concepts: Dublin Core metadata, English
# texts (with a Dutch translation that is not kept), property definitions with their own ids.
AMEFF_WITH_METADATA = f"""<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="{AMEFF}" xmlns:xsi="{XSI}" xmlns:dc="http://purl.org/dc/elements/1.1/" identifier="id-model-x">
  <name xml:lang="en">Metadata model</name>
  <name xml:lang="nl">Metadatamodel</name>
  <properties>
    <property propertyDefinitionRef="pd-release"><value xml:lang="en">7</value></property>
  </properties>
  <metadata>
    <schema>Dublin Core</schema>
    <schemaversion>1.1</schemaversion>
    <dc:title>The title</dc:title>
    <dc:creator>VNG Realisatie</dc:creator>
  </metadata>
  <elements>
    <element identifier="e-1" xsi:type="Node"><name xml:lang="en">Server</name></element>
    <element identifier="e-2" xsi:type="Device"><name xml:lang="en">Laptop</name></element>
  </elements>
  <relationships>
    <relationship identifier="r-1" source="e-1" target="e-2" xsi:type="Association"/>
  </relationships>
  <organizations>
    <item><label xml:lang="en">Relations</label><item identifierRef="r-1"/></item>
  </organizations>
  <propertyDefinitions>
    <propertyDefinition identifier="pd-release" type="string"><name xml:lang="en">Release</name></propertyDefinition>
    <propertyDefinition identifier="pd-unused" type="number"><name xml:lang="en">Unused</name></propertyDefinition>
  </propertyDefinitions>
  <views>
    <diagrams>
      <view identifier="v-1" xsi:type="Diagram" viewpoint="Technology">
        <name xml:lang="en">Infra</name>
        <node identifier="n-1" elementRef="e-1" xsi:type="Element" x="10" y="10" w="120" h="55">
          <style><fillColor r="200" g="200" b="200" a="50"/></style>
        </node>
        <node identifier="n-2" elementRef="e-2" xsi:type="Element" x="300" y="10" w="120" h="55"/>
        <connection identifier="c-1" relationshipRef="r-1" xsi:type="Relationship" source="n-1" target="n-2">
          <sourceAttachment x="130" y="30"/>
          <bendpoint x="200" y="100"/>
          <targetAttachment x="300" y="30"/>
        </connection>
      </view>
    </diagrams>
  </views>
</model>
"""


def layouts(model) -> dict:
    return {view.identifier: view.layout for view in View.objects.filter(model=model)}


def folders(model) -> tuple:
    return (
        sorted(Element.objects.filter(model=model).values_list("identifier", "folder_path")),
        sorted(Relation.objects.filter(model=model).values_list("identifier", "folder_path")),
        sorted(View.objects.filter(model=model).values_list("identifier", "folder_path", "viewpoint")),
    )


def assert_valid(content: bytes) -> None:
    assert schema_errors(content) == []


# --- identifiers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "identifier",
    ["id-04739184-d1cb", "bf-1", "2052c6cd-ae92", "12", "a b", "x:y", "id_x", "id_12", "_a", "", "id_1_", "é"],
)
def test_every_identifier_is_written_as_an_ncname_and_read_back(identifier):
    written = to_ncname(identifier)
    assert is_ncname(written)
    assert from_ncname(written) == identifier


def test_valid_identifiers_are_written_unchanged():
    assert to_ncname("id-04739184-d1cb-482e-8030-f100a9604c6a") == "id-04739184-d1cb-482e-8030-f100a9604c6a"
    assert to_ncname("2052c6cd-ae92") == "id_2052c6cd-ae92"
    assert to_ncname("6442") == "id_6442"


def test_viewpoints_have_one_stored_form():
    assert viewpoint_name("layered") == viewpoint_name("Layered") == viewpoint_name("14") == "Layered"
    assert viewpoint_name("12") == "Technology Usage"
    assert viewpoint_name("capability") == "Capability Map"
    assert viewpoint_name("") == ""
    assert viewpoint_name("8") is None  # ArchiMate 2's business process viewpoint has no successor
    assert viewpoint_name("Eigen gezichtspunt") == "Eigen gezichtspunt"


# --- the GEMMA release ------------------------------------------------------------------------


def test_gemma_export_validates_and_reads_back_as_the_same_release(gemma, staff):
    content = export_ameff(gemma)
    assert_valid(content)

    parsed = read_model(io.BytesIO(content), format="ameff")
    # The same identifiers (the 45 that begin with a digit included) and the same content.
    assert {item.identifier for item in parsed.elements} == set(gemma.elements.values_list("identifier", flat=True))
    assert sum(1 for item in parsed.elements if item.identifier[0].isdigit()) == 18
    assert parsed.content_digest() == gemma.content_digest
    # Re-importing the export is recognised as the release it came from: nothing changes.
    assert imported(content, format="ameff", actor=staff).created is False

    copy = imported(content, format="ameff", actor=staff, name="GEMMA kopie").model
    assert stored(copy) == stored(gemma)
    assert folders(copy) == folders(gemma)
    assert copy.import_notes == []
    # The views read from CSV had no layout; the export drew them, and the copy keeps that drawing.
    again = export_ameff(copy)
    assert again.replace(b"GEMMA kopie", b"GEMMA") == content


def test_gemma_view_export_validates(gemma):
    view = gemma.views.order_by("identifier").first()
    content = export_view_ameff(view)
    assert_valid(content)
    parsed = read_model(io.BytesIO(content), format="ameff")
    assert [item.identifier for item in parsed.views] == [view.identifier]
    assert {item.identifier for item in parsed.elements} == set(view.elements.values_list("identifier", flat=True))


# --- Archi's own format -----------------------------------------------------------------------


def test_archi_model_imports_with_its_layout_and_reports_what_it_leaves_out(staff):
    model = imported(ARCHI_MODEL, format="archimate", actor=staff).model

    assert model.identifier == "1"
    # Sketch and Canvas views are not ArchiMate views: skipped, and said so.
    assert list(model.views.values_list("identifier", flat=True)) == ["30"]
    notes = {note["code"]: note for note in model.import_notes}
    assert notes["sketch_view"] == {"code": "sketch_view", "count": 1, "names": ["Schets"]}
    assert notes["canvas_view"]["names"] == ["Canvas"]
    assert notes["diagram_object"] == {"code": "diagram_object", "count": 1, "names": ["Overzicht"]}
    assert set(notes) == {"sketch_view", "canvas_view", "diagram_object"}

    view = model.views.get()
    assert view.viewpoint == "Layered"  # Archi's legacy number 14
    group = view.layout["nodes"][0]
    assert (group["kind"], group["label"], group["x"], group["y"], group["w"], group["h"]) == (
        "Container",
        "Gemeente",
        20,
        20,
        400,
        300,
    )
    component = group["nodes"][0]
    # Archi's bounds are relative to the parent; stored absolute, as the exchange format has them.
    assert (component["ref"], component["x"], component["y"]) == ("12", 30, 50)
    assert component["style"] == {
        "fill": [181, 255, 255],
        "line": [92, 92, 92],
        "line_width": 2,
        "font": {"name": "Arial", "size": "10", "style": "bold", "color": [255, 0, 0]},
    }
    service = component["nodes"][0]
    assert (service["ref"], service["x"], service["y"], service["w"], service["h"]) == ("13", 50, 90, 120, 55)
    note = view.layout["nodes"][-1]
    assert (note["kind"], note["label"]) == ("Label", "Let op: concept.")
    connections = {item["id"]: item for item in view.layout["connections"]}
    # The bendpoint lies at the source's centre plus Archi's offset.
    assert connections["40"]["bendpoints"] == [[30 + 100 + 150, 50 + 60]]
    assert connections["42"]["bendpoints"] == [[508, 208], [548, 208]]
    assert connections["43"] == {"id": "43", "kind": "Line", "source": "36", "target": "35", "bendpoints": []}
    assert Relation.objects.get(model=model, identifier="20").folder_path == "Relations/Realisatie"
    # Relationship 23 is not drawn on the view, so the export draws no connection for it.
    assert "23" not in {item.get("ref") for item in connections.values()}


def test_archi_model_export_validates_and_round_trips_with_nothing_else_lost(staff):
    original = imported(ARCHI_MODEL, format="archimate", actor=staff).model
    content = export_ameff(original)
    assert_valid(content)
    assert b'identifier="id_30"' in content and b'identifier="id_1"' in content

    copy = imported(content, format="ameff", actor=staff, name="Archi-kopie").model
    assert stored(copy) == stored(original)
    assert folders(copy) == folders(original)
    assert layouts(copy) == layouts(original)
    assert copy.identifier == original.identifier == "1"
    assert copy.content_digest == original.content_digest
    assert copy.import_notes == []
    view = copy.views.get()
    kinds = [node["kind"] for node in iter_nodes(view.layout["nodes"])]
    assert kinds == ["Container", "Element", "Element", "Element", "Element", "Label"]
    assert bounds(view.layout) == bounds(original.views.get().layout)
    # And the export of the copy is the export of the original, byte for byte but for the name.
    assert export_ameff(copy).replace(b"Archi-kopie", b"Archi-model") == content


def test_archi_view_and_subgraph_exports_validate(staff):
    model = imported(ARCHI_MODEL, format="archimate", actor=staff).model
    assert_valid(export_view_ameff(model.views.get()))

    # A subgraph, as the impact analysis exports it: the nested service's parent is left out,
    # so the service is drawn in its place and the connection to the left-out component too.
    elements = Element.objects.filter(model=model, identifier__in=["13", "14", "11"])
    relations = Relation.objects.filter(model=model)
    content = export_ameff(model, elements=elements, relations=relations)
    assert_valid(content)
    parsed = read_model(io.BytesIO(content), format="ameff")
    assert {item.identifier for item in parsed.relations} == {"21", "22"}
    layout = parsed.views[0].layout
    assert [node["id"] for node in layout["nodes"]] == ["31", "34", "35", "36"]
    assert [node["id"] for node in layout["nodes"][0]["nodes"]] == ["33"]
    assert {item["id"] for item in layout["connections"]} == {"41", "42", "43"}


# --- exchange files ---------------------------------------------------------------------------


def test_exchange_file_keeps_its_metadata_language_identifier_and_definitions(staff):
    original = imported(AMEFF_WITH_METADATA, format="ameff", actor=staff).model
    assert (original.name, original.language, original.identifier) == ("Metadata model", "en", "id-model-x")
    assert original.metadata["entries"] == [
        ["{http://purl.org/dc/elements/1.1/}title", "The title"],
        ["{http://purl.org/dc/elements/1.1/}creator", "VNG Realisatie"],
    ]
    assert original.import_notes == [{"code": "language", "count": 1, "names": ['<model identifier="id-model-x">']}]
    assert Relation.objects.get(model=original).folder_path == "Relations"

    content = export_ameff(original)
    assert_valid(content)
    assert b'xml:lang="nl"' not in content
    for fragment in (b'identifier="id-model-x"', b"<dc:title>The title</dc:title>", b'identifier="pd-unused"'):
        assert fragment in content
    connection = original.views.get().layout["connections"][0]
    assert (connection["source_attachment"], connection["bendpoints"], connection["target_attachment"]) == (
        [130, 30],
        [[200, 100]],
        [300, 30],
    )

    copy = imported(content, format="ameff", actor=staff, name="Metadata kopie").model
    assert stored(copy) == stored(original)
    assert layouts(copy) == layouts(original)
    assert (copy.language, copy.identifier, copy.metadata) == ("en", "id-model-x", original.metadata)
    assert copy.property_definitions == original.property_definitions
    assert copy.views.get().viewpoint == "Technology"


def test_small_exchange_file_round_trips(staff):
    original = imported(SMALL_AMEFF, format="ameff", actor=staff).model
    content = export_ameff(original)
    assert_valid(content)
    copy = imported(content, format="ameff", actor=staff, name="Klein kopie").model
    assert stored(copy) == stored(original)
    assert layouts(copy) == layouts(original)
    assert copy.language == original.language == "nl"


def test_model_page_shows_the_import_report(client, staff):
    model = imported(ARCHI_MODEL, format="archimate", actor=staff).model
    response = client.get(reverse("architecture:model-detail", args=[model.name, model.release]))
    text = response.content.decode()
    assert "Import report" in text
    assert "1 Sketch view was not imported" in text
    assert "(Schets)" in text
