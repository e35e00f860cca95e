"""The Open Group ArchiMate Model Exchange File Format (AMEFF) 3.x: reading and writing.

Bouwplaats names types as Archi does (``RealizationRelationship``); the exchange format drops the
``Relationship`` suffix, and spells three relationship attributes differently. Both directions
translate with the tables below, so that a model written here and read back is the same model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _
from lxml import etree

from ..models import Element, Relation, View
from .parsed import ModelFileError, ParsedElement, ParsedModel, ParsedRelation, ParsedView, add_property
from .safe_xml import XML_LANG, XSI_TYPE, describe, iterparse, local_name, release_memory, text_of

NAMESPACE = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NAMESPACE} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
LANGUAGE = "nl"
SUFFIX = "Relationship"
QUALIFIED = f"{{{NAMESPACE}}}"

# Archi's accessType numbers (absent = write) and the exchange format's words (absent = Write).
ACCESS_TO_AMEFF = {"1": "Read", "2": "Access", "3": "ReadWrite"}
ACCESS_FROM_AMEFF = {word: number for number, word in ACCESS_TO_AMEFF.items()}

# Viewpoint identifiers as Archi stores them, and their names in the exchange format (3.1).
VIEWPOINTS = {
    "application_cooperation": "Application Cooperation",
    "application_usage": "Application Usage",
    "business_process_cooperation": "Business Process Cooperation",
    "capability": "Capability Map",
    "goal_realization": "Goal Realization",
    "implementation_deployment": "Implementation and Deployment",
    "implementation_migration": "Implementation and Migration",
    "information_structure": "Information Structure",
    "layered": "Layered",
    "migration": "Migration",
    "motivation": "Motivation",
    "organization": "Organization",
    "outcome_realization": "Outcome Realization",
    "physical": "Physical",
    "product": "Product",
    "requirements_realization": "Requirements Realization",
    "resource": "Resource Map",
    "service_realization": "Service Realization",
    "stakeholder": "Stakeholder",
    "strategy": "Strategy",
    "technology": "Technology",
    "technology_usage": "Technology Usage",
    "value_stream": "Value Stream",
}
VIEWPOINTS_FROM_AMEFF = {name: key for key, name in VIEWPOINTS.items()}

# Characters XML 1.0 cannot carry; they are dropped when writing.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


# --- reading ---------------------------------------------------------------------------------


def _texts(element, name: str) -> str:
    """The text of the first child ``name``, preferring Dutch when several languages are given."""
    found = element.findall(_q(name))
    if not found:
        return ""
    for child in found:
        if child.get(XML_LANG, "").lower().startswith(LANGUAGE):
            return text_of(child)
    return text_of(found[0])


def _refs_in(container) -> list[tuple[str, str]]:
    """``(propertyDefinitionRef, value)`` of each ``<property>`` in a ``<properties>`` element."""
    return [
        (prop.get("propertyDefinitionRef", ""), _texts(prop, "value")) for prop in container.findall(_q("property"))
    ]


def _property_refs(element) -> list[tuple[str, str]]:
    refs = []
    for container in element.findall(_q("properties")):
        refs.extend(_refs_in(container))
    return refs


def _relation_attributes(element) -> dict:
    attributes = {}
    access = element.get("accessType")
    if access and access != "Write":
        attributes["accessType"] = ACCESS_FROM_AMEFF.get(access, access)
    # 3.1 calls the influence strength "modifier"; the 3.0 drafts called it "strength".
    strength = element.get("modifier") or element.get("strength")
    if strength:
        attributes["strength"] = strength
    if element.get("isDirected") == "true":
        attributes["directed"] = "true"
    return attributes


def _organisation_folders(organizations, folders: dict[str, str], path: tuple[str, ...] = ()) -> None:
    """``item`` elements with a ``label`` are folders; those with an ``identifierRef`` point at a concept."""
    for item in organizations:
        if local_name(item.tag) != "item":
            continue
        ref = item.get("identifierRef")
        if ref:
            folders.setdefault(ref, "/".join(path))
            continue
        label = _texts(item, "label")
        _organisation_folders(item, folders, (*path, label) if label else path)


def _view_members(view) -> list[str]:
    members = []
    for node in view.iter(_q("node")):
        ref = node.get("elementRef")
        if ref and ref not in members:
            members.append(ref)
    return members


def _read_model_part(model: ParsedModel, element, name: str, folders: dict, pending_properties: list) -> None:
    """A direct child of ``<model>``: its name, documentation, properties or folders."""
    if name == "name" and not model.name:
        model.name = text_of(element)
    elif name == "documentation" and not model.documentation:
        model.documentation = text_of(element)
    elif name == "properties":
        pending_properties.append((model.properties, _refs_in(element), element.sourceline, "<model>"))
    elif name == "organizations":
        _organisation_folders(element, folders)
        release_memory(element)


def read_ameff(source, *, file_name: str = "") -> ParsedModel:
    """Read an AMEFF file (a path or a binary stream), streaming, without storing anything."""
    model = ParsedModel(source_format="ameff", file_names=dict.fromkeys(("element", "relation", "view"), file_name))
    pending_properties: list[tuple[dict, list[tuple[str, str]], int | None, str]] = []
    definitions: dict[str, str] = {}
    folders: dict[str, str] = {}
    depth = 0
    for event, element in iterparse(source, file_name=file_name):
        if event == "start":
            depth += 1
            if depth == 1 and element.tag != _q("model"):
                raise ModelFileError(
                    _("This is not an ArchiMate exchange file: the root element must be <model> in %(namespace)s.")
                    % {"namespace": NAMESPACE},
                    file=file_name,
                    line=element.sourceline,
                    element=describe(element),
                )
            continue
        depth -= 1
        # Concepts end at depth 2 (views at 3); what lies deeper is read with its concept.
        if depth > 3 or not element.tag.startswith(QUALIFIED):
            continue
        name = local_name(element.tag)
        if depth == 3 and name != "view":
            continue
        line = element.sourceline
        if depth == 1:
            _read_model_part(model, element, name, folders, pending_properties)
        elif depth == 2 and name == "element":
            item = ParsedElement(
                identifier=element.get("identifier", ""),
                type=element.get(XSI_TYPE, ""),
                name=_texts(element, "name"),
                documentation=_texts(element, "documentation"),
                line=line,
            )
            model.elements.append(item)
            pending_properties.append((item.properties, _property_refs(element), line, describe(element)))
            release_memory(element)
        elif depth == 2 and name == "relationship":
            kind = element.get(XSI_TYPE, "")
            item = ParsedRelation(
                identifier=element.get("identifier", ""),
                type=f"{kind}{SUFFIX}" if kind and not kind.endswith(SUFFIX) else kind,
                source=element.get("source", ""),
                target=element.get("target", ""),
                name=_texts(element, "name"),
                documentation=_texts(element, "documentation"),
                attributes=_relation_attributes(element),
                line=line,
            )
            model.relations.append(item)
            pending_properties.append((item.properties, _property_refs(element), line, describe(element)))
            release_memory(element)
        elif depth == 2 and name == "propertyDefinition":
            definitions[element.get("identifier", "")] = _texts(element, "name")
        elif depth == 3 and name == "view":
            viewpoint = element.get("viewpoint", "")
            item = ParsedView(
                identifier=element.get("identifier", ""),
                name=_texts(element, "name"),
                documentation=_texts(element, "documentation"),
                viewpoint=VIEWPOINTS_FROM_AMEFF.get(viewpoint, viewpoint),
                element_ids=_view_members(element),
                line=line,
            )
            model.views.append(item)
            pending_properties.append((item.properties, _property_refs(element), line, describe(element)))
            release_memory(element)

    # Property definitions come after the concepts that use them, so values are named at the end.
    for properties, refs, line, label in pending_properties:
        for ref, value in refs:
            if ref not in definitions:
                raise ModelFileError(
                    _("The property definition “%(ref)s” does not exist.") % {"ref": ref},
                    file=file_name,
                    line=line,
                    element=label,
                )
            add_property(properties, definitions[ref], value)
    for item in model.elements:
        item.folder_path = folders.get(item.identifier, "")
    for item in model.views:
        item.folder_path = folders.get(item.identifier, "")
    return model


# --- writing ---------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def _lang_text(parent, name: str, text: str):
    child = etree.SubElement(parent, _q(name))
    child.set(XML_LANG, LANGUAGE)
    child.text = _clean(text)
    return child


class _PropertyDefinitions:
    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def ref(self, key: str) -> str:
        if key not in self.ids:
            self.ids[key] = f"propid-{len(self.ids) + 1}"
        return self.ids[key]

    def write_properties(self, parent, properties: dict) -> None:
        if not properties:
            return
        container = etree.SubElement(parent, _q("properties"))
        for key, value in properties.items():
            for single in value if isinstance(value, list) else [value]:
                prop = etree.SubElement(container, _q("property"), propertyDefinitionRef=self.ref(str(key)))
                _lang_text(prop, "value", "" if single is None else single)


def _named(parent, *, name: str, documentation: str, properties: dict, definitions, name_required=True):
    if name or name_required:
        _lang_text(parent, "name", name)
    if documentation:
        _lang_text(parent, "documentation", documentation)
    definitions.write_properties(parent, properties)


def _organizations(root, concepts: Iterable) -> None:
    tree: dict = {}
    for concept in concepts:
        node = tree
        for part in [part for part in (concept.folder_path or "").split("/") if part]:
            node = node.setdefault(part, {})
        node.setdefault(None, []).append(concept.identifier)
    if not tree:
        return

    def write(parent, node: dict) -> None:
        for label, child in node.items():
            if label is None:
                continue
            item = etree.SubElement(parent, _q("item"))
            _lang_text(item, "label", label)
            write(item, child)
        for identifier in node.get(None, []):
            etree.SubElement(parent, _q("item"), identifierRef=identifier)

    organizations = etree.SubElement(root, _q("organizations"))
    write(organizations, tree)


def export_ameff(model, elements=None, relations=None, *, views=None, include_views: bool = True) -> bytes:
    """The model (or a part of it) as an AMEFF 3.1 document that Archi and other tools open.

    ``model`` is an :class:`~bouwplaats.architecture.models.ArchitectureModel`. ``elements`` and
    ``relations`` restrict the export to a subgraph (for example the elements an impact analysis
    found); relations whose ends are not both exported are left out, so the file is always
    complete. Views are written with the exported elements they show, laid out on a grid, and
    the relations between them; for a part of the model, only the views that show any of it.
    """
    whole_model = elements is None
    if elements is None:
        elements = Element.objects.filter(model=model).order_by("identifier")
    elements = list(elements)
    element_ids = {element.identifier for element in elements}
    if relations is None:
        relations = Relation.objects.filter(model=model).order_by("identifier")
    # Relations may end on relations; keep adding those whose ends are in until nothing changes.
    candidates = list(relations)
    kept: dict[str, object] = {}
    changed = True
    while changed:
        changed = False
        for relation in candidates:
            if relation.identifier in kept:
                continue
            ends = (relation.source_identifier, relation.target_identifier)
            if all(end in element_ids or end in kept for end in ends):
                kept[relation.identifier] = relation
                changed = True
    relations = sorted(kept.values(), key=lambda relation: relation.identifier)

    definitions = _PropertyDefinitions()
    root = etree.Element(_q("model"), nsmap={None: NAMESPACE, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    root.set("identifier", f"id-model-{model.pk}")
    _named(
        root,
        name=model.name,
        documentation=model.documentation,
        properties=model.properties,
        definitions=definitions,
    )

    container = etree.SubElement(root, _q("elements"))
    for element in elements:
        node = etree.SubElement(container, _q("element"), identifier=element.identifier)
        node.set(XSI_TYPE, element.type)
        _named(
            node,
            name=element.name,
            documentation=element.documentation,
            properties=element.properties,
            definitions=definitions,
        )
    if relations:
        container = etree.SubElement(root, _q("relationships"))
        for relation in relations:
            node = etree.SubElement(
                container,
                _q("relationship"),
                identifier=relation.identifier,
                source=relation.source_identifier,
                target=relation.target_identifier,
            )
            node.set(XSI_TYPE, relation.type.removesuffix(SUFFIX))
            attributes = relation.attributes or {}
            if relation.type == "AccessRelationship" and attributes.get("accessType") in ACCESS_TO_AMEFF:
                node.set("accessType", ACCESS_TO_AMEFF[attributes["accessType"]])
            if relation.type == "InfluenceRelationship" and attributes.get("strength"):
                node.set("modifier", _clean(attributes["strength"]))
            if relation.type == "AssociationRelationship" and attributes.get("directed") == "true":
                node.set("isDirected", "true")
            _named(
                node,
                name=relation.name,
                documentation=relation.documentation,
                properties=relation.properties,
                definitions=definitions,
                name_required=False,
            )

    if views is None and include_views:
        views = View.objects.filter(model=model).prefetch_related("elements").order_by("identifier")
    written_views = []
    view_members = []
    for view in views or []:
        members = sorted(
            (member for member in view.elements.all() if member.identifier in element_ids),
            key=lambda member: member.identifier,
        )
        if members or whole_model:
            written_views.append(view)
            view_members.append(members)

    _organizations(root, [*elements, *written_views])

    # Written last but placed before the views, as the schema orders them.
    views_root = None
    if written_views:
        views_root = etree.Element(_q("views"))
        diagrams = etree.SubElement(views_root, _q("diagrams"))
        outgoing: dict[str, list] = {}
        for relation in relations:
            outgoing.setdefault(relation.source_identifier, []).append(relation)
        for view, members in zip(written_views, view_members, strict=True):
            _write_view(diagrams, view, members, outgoing, definitions)

    if definitions.ids:
        container = etree.SubElement(root, _q("propertyDefinitions"))
        for key, identifier in definitions.ids.items():
            definition = etree.SubElement(container, _q("propertyDefinition"), identifier=identifier, type="string")
            _lang_text(definition, "name", key)
    if views_root is not None:
        root.append(views_root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


GRID_COLUMNS = 6
NODE_WIDTH, NODE_HEIGHT, GAP = 160, 60, 30


def _write_view(diagrams, view, members, outgoing: dict[str, list], definitions) -> None:
    """One diagram: the members on a grid, and the relations between two of them as connections."""
    node = etree.SubElement(diagrams, _q("view"), identifier=view.identifier)
    node.set(XSI_TYPE, "Diagram")
    if view.viewpoint in VIEWPOINTS:
        node.set("viewpoint", VIEWPOINTS[view.viewpoint])
    _named(
        node,
        name=view.name,
        documentation=view.documentation,
        properties=view.properties,
        definitions=definitions,
    )
    node_ids = {}
    for index, member in enumerate(members):
        node_id = f"{view.identifier}-node-{index + 1}"
        node_ids[member.identifier] = node_id
        child = etree.SubElement(
            node,
            _q("node"),
            identifier=node_id,
            elementRef=member.identifier,
            x=str(GAP + (index % GRID_COLUMNS) * (NODE_WIDTH + GAP)),
            y=str(GAP + (index // GRID_COLUMNS) * (NODE_HEIGHT + GAP)),
            w=str(NODE_WIDTH),
            h=str(NODE_HEIGHT),
        )
        child.set(XSI_TYPE, "Element")
    connections = [
        relation
        for member in members
        for relation in outgoing.get(member.identifier, ())
        if relation.target_identifier in node_ids and relation.target_identifier != relation.source_identifier
    ]
    for index, relation in enumerate(connections):
        connection = etree.SubElement(
            node,
            _q("connection"),
            identifier=f"{view.identifier}-connection-{index + 1}",
            relationshipRef=relation.identifier,
            source=node_ids[relation.source_identifier],
            target=node_ids[relation.target_identifier],
        )
        connection.set(XSI_TYPE, "Relationship")
