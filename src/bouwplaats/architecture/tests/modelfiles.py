# SPDX-License-Identifier: EUPL-1.2
"""Small model files written by hand for the tests, and a writer of Archi files.

Bouwplaats only reads ``.archimate`` files; the writer here exists so that the tests can turn
the GEMMA model into one and read it back.
"""

import io

from lxml import etree

from bouwplaats.architecture.services import architecture_model_import

ARCHI = "http://www.archimatetool.com/archimate"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
AMEFF = "http://www.opengroup.org/xsd/archimate/3.0/"

SMALL_ARCHIMATE = f"""<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="{XSI}" xmlns:archimate="{ARCHI}" name="Klein" id="m-1" version="5.0.0">
  <folder name="Business" id="f-1" type="business">
    <folder name="Functies" id="f-2">
      <element xsi:type="archimate:BusinessFunction" name="Vergunningverlening" id="bf-1">
        <documentation>Het verlenen van vergunningen.</documentation>
        <property key="Object ID" value="obj-bf-1"/>
        <property key="GEMMA type" value="Bedrijfsfunctie"/>
      </element>
    </folder>
  </folder>
  <folder name="Application" id="f-3" type="application">
    <element xsi:type="archimate:ApplicationComponent" name="Zaaksysteem" id="ac-1" profiles="p-1">
      <property key="Object ID" value="obj-ac-1"/>
      <property key="Tag" value="een"/>
      <property key="Tag" value="twee"/>
    </element>
    <element xsi:type="archimate:ApplicationService" name="Zaakservice" id="as-1"/>
  </folder>
  <folder name="Other" id="f-4" type="other">
    <element xsi:type="archimate:Junction" id="j-1" type="or"/>
    <element xsi:type="archimate:Constraint" name="StUF" id="c-1"/>
  </folder>
  <folder name="Relations" id="f-5" type="relations">
    <element xsi:type="archimate:RealizationRelationship" id="r-1" source="ac-1" target="as-1"/>
    <element xsi:type="archimate:ServingRelationship" id="r-2" source="as-1" target="bf-1" name="ondersteunt"/>
    <element xsi:type="archimate:AccessRelationship" id="r-3" source="ac-1" target="c-1" accessType="1"/>
    <element xsi:type="archimate:AssociationRelationship" id="r-4" source="c-1" target="r-1" directed="true"/>
    <element xsi:type="archimate:InfluenceRelationship" id="r-5" source="c-1" target="bf-1" strength="++"/>
  </folder>
  <folder name="Views" id="f-6" type="diagrams">
    <element xsi:type="archimate:ArchimateDiagramModel" name="Overzicht" id="v-1" viewpoint="layered">
      <child xsi:type="archimate:DiagramObject" id="d-1" archimateElement="ac-1">
        <bounds x="10" y="10" width="120" height="55"/>
        <child xsi:type="archimate:DiagramObject" id="d-2" archimateElement="as-1"/>
      </child>
      <child xsi:type="archimate:DiagramObject" id="d-3" archimateElement="bf-1"/>
    </element>
  </folder>
  <property key="Release" value="1.0"/>
  <purpose>Een klein model voor de tests.</purpose>
  <profile name="Referentiecomponent" id="p-1" conceptType="ApplicationComponent"/>
</archimate:model>
"""

SMALL_AMEFF = f"""<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="{AMEFF}" xmlns:xsi="{XSI}" identifier="id-small">
  <name xml:lang="nl">Klein</name>
  <properties>
    <property propertyDefinitionRef="pd-release"><value xml:lang="nl">1.0</value></property>
  </properties>
  <elements>
    <element identifier="bf-1" xsi:type="BusinessFunction">
      <name xml:lang="nl">Vergunningverlening</name>
      <documentation xml:lang="nl">Het verlenen van vergunningen.</documentation>
      <properties>
        <property propertyDefinitionRef="pd-object"><value xml:lang="nl">obj-bf-1</value></property>
        <property propertyDefinitionRef="pd-gemma"><value xml:lang="nl">Bedrijfsfunctie</value></property>
      </properties>
    </element>
    <element identifier="ac-1" xsi:type="ApplicationComponent">
      <name xml:lang="nl">Zaaksysteem</name>
      <properties>
        <property propertyDefinitionRef="pd-object"><value xml:lang="nl">obj-ac-1</value></property>
        <property propertyDefinitionRef="pd-tag"><value xml:lang="nl">een</value></property>
        <property propertyDefinitionRef="pd-tag"><value xml:lang="nl">twee</value></property>
      </properties>
    </element>
    <element identifier="as-1" xsi:type="ApplicationService"><name xml:lang="nl">Zaakservice</name></element>
    <element identifier="j-1" xsi:type="OrJunction"><name xml:lang="nl"></name></element>
    <element identifier="c-1" xsi:type="Constraint"><name xml:lang="nl">StUF</name></element>
  </elements>
  <relationships>
    <relationship identifier="r-1" source="ac-1" target="as-1" xsi:type="Realization"/>
    <relationship identifier="r-2" source="as-1" target="bf-1" xsi:type="Serving">
      <name xml:lang="nl">ondersteunt</name>
    </relationship>
    <relationship identifier="r-3" source="ac-1" target="c-1" xsi:type="Access" accessType="Read"/>
    <relationship identifier="r-4" source="c-1" target="r-1" xsi:type="Association" isDirected="true"/>
    <relationship identifier="r-5" source="c-1" target="bf-1" xsi:type="Influence" modifier="++"/>
  </relationships>
  <organizations>
    <item><label xml:lang="nl">Business</label>
      <item><label xml:lang="nl">Functies</label><item identifierRef="bf-1"/></item>
    </item>
  </organizations>
  <propertyDefinitions>
    <propertyDefinition identifier="pd-release" type="string"><name xml:lang="nl">Release</name></propertyDefinition>
    <propertyDefinition identifier="pd-object" type="string"><name xml:lang="nl">Object ID</name></propertyDefinition>
    <propertyDefinition identifier="pd-gemma" type="string"><name xml:lang="nl">GEMMA type</name></propertyDefinition>
    <propertyDefinition identifier="pd-tag" type="string"><name xml:lang="nl">Tag</name></propertyDefinition>
  </propertyDefinitions>
  <views>
    <diagrams>
      <view identifier="v-1" xsi:type="Diagram" viewpoint="Layered">
        <name xml:lang="nl">Overzicht</name>
        <node identifier="n-1" elementRef="ac-1" xsi:type="Element" x="10" y="10" w="120" h="55">
          <node identifier="n-2" elementRef="as-1" xsi:type="Element" x="20" y="20" w="120" h="55"/>
        </node>
        <node identifier="n-3" elementRef="bf-1" xsi:type="Element" x="10" y="100" w="120" h="55"/>
      </view>
    </diagrams>
  </views>
</model>
"""


def _q(tag: str) -> str:
    return f"{{{ARCHI}}}{tag}"


def _archi_type(element_type: str) -> tuple[str, str | None]:
    if element_type in ("AndJunction", "OrJunction"):
        return "Junction", ("or" if element_type == "OrJunction" else None)
    return element_type, None


def write_archimate(model) -> bytes:
    """An Archi file of a stored ``ArchitectureModel`` (folders, properties, relations, views)."""
    root = etree.Element(_q("model"), nsmap={"archimate": ARCHI, "xsi": XSI}, name=model.name, id="model")
    folders: dict[str, etree._Element] = {}

    def folder(path: str):
        node = root
        so_far = []
        for part in [part for part in path.split("/") if part]:
            so_far.append(part)
            key = "/".join(so_far)
            if key not in folders:
                folders[key] = etree.SubElement(node, "folder", name=part, id=f"folder-{len(folders)}")
            node = folders[key]
        return node

    def write_common(node, item):
        if item.documentation:
            etree.SubElement(node, "documentation").text = item.documentation
        for key, value in item.properties.items():
            for single in value if isinstance(value, list) else [value]:
                etree.SubElement(node, "property", key=key, value=single)

    for element in model.elements.order_by("identifier"):
        archi_type, junction = _archi_type(element.type)
        node = etree.SubElement(folder(element.folder_path), "element", id=element.identifier, name=element.name)
        node.set(f"{{{XSI}}}type", f"archimate:{archi_type}")
        if junction:
            node.set("type", junction)
        write_common(node, element)
    relations_folder = folder("Relations")
    for relation in model.relations.order_by("identifier"):
        node = etree.SubElement(
            relations_folder,
            "element",
            id=relation.identifier,
            source=relation.source_identifier,
            target=relation.target_identifier,
        )
        node.set(f"{{{XSI}}}type", f"archimate:{relation.type}")
        if relation.name:
            node.set("name", relation.name)
        for key, value in relation.attributes.items():
            node.set(key, value)
        write_common(node, relation)
    for view in model.views.prefetch_related("elements").order_by("identifier"):
        node = etree.SubElement(folder(view.folder_path or "Views"), "element", id=view.identifier, name=view.name)
        node.set(f"{{{XSI}}}type", "archimate:ArchimateDiagramModel")
        if view.viewpoint:
            node.set("viewpoint", view.viewpoint)
        write_common(node, view)
        for index, member in enumerate(view.elements.all()):
            child = etree.SubElement(node, "child", id=f"{view.identifier}-{index}", archimateElement=member.identifier)
            child.set(f"{{{XSI}}}type", "archimate:DiagramObject")
    for key, value in model.properties.items():
        etree.SubElement(root, "property", key=key, value=value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def imported(content: str | bytes, *, format: str = "archimate", actor=None, **kwargs):
    """The import of a model file given as text or bytes (its job; ``.model`` is the stored model)."""
    data = content.encode() if isinstance(content, str) else content
    return architecture_model_import(actor=actor, source=io.BytesIO(data), format=format, **kwargs)
