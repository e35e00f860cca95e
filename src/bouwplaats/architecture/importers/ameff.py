# SPDX-License-Identifier: EUPL-1.2
"""The Open Group ArchiMate Model Exchange File Format (AMEFF) 3.1: reading and writing.

Bouwplaats names types as Archi does (``RealizationRelationship``); the exchange format drops the
``Relationship`` suffix, and spells three relationship attributes differently. Both directions
translate with the tables below, so that a model written here and read back is the same model.

The writer produces files that validate against the ArchiMate 3.1 exchange schemas (see
``schema``): identifiers are made NCNames (``identifiers``), and what the reader kept of a file
(layout, folders, property definitions, metadata, the model's identifier and language) is written
back as it was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _
from lxml import etree

from ..models import Element, Relation, View
from .identifiers import from_ncname, to_ncname
from .layout import CONTAINER, ELEMENT, LABEL, LINE, NODE_KINDS, RELATIONSHIP, iter_nodes
from .parsed import ModelFileError, ParsedElement, ParsedModel, ParsedRelation, ParsedView, add_property
from .safe_xml import XML_LANG, XSI_TYPE, describe, iterparse, local_name, release_memory, text_of

NAMESPACE = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DC = "http://purl.org/dc/elements/1.1/"
SCHEMA_LOCATION = f"{NAMESPACE} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
SUFFIX = "Relationship"
QUALIFIED = f"{{{NAMESPACE}}}"

# Archi's accessType numbers (absent = write) and the exchange format's words (absent = Write).
ACCESS_TO_AMEFF = {"1": "Read", "2": "Access", "3": "ReadWrite"}
ACCESS_FROM_AMEFF = {word: number for number, word in ACCESS_TO_AMEFF.items()}

# Characters XML 1.0 cannot carry; they are dropped when writing.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


# --- reading ---------------------------------------------------------------------------------


class _Reader:
    """The state of reading one file: the model's language, and the notes on what is left out."""

    def __init__(self, model: ParsedModel) -> None:
        self.model = model
        self.model_texts_read = False

    def texts(self, element, name: str) -> str:
        """The text of child ``name`` in the model's language (the first language met in the file).

        Texts in other languages are left out, with a note in the import report.
        """
        found = element.findall(_q(name))
        if not found:
            return ""
        if not self.model.language:
            self.model.language = found[0].get(XML_LANG, "")
        chosen = next((child for child in found if child.get(XML_LANG, "") == self.model.language), found[0])
        for child in found:
            if child is not chosen:
                self.model.notes.add("language", describe(element))
        return text_of(chosen)

    def refs_in(self, container) -> list[tuple[str, str]]:
        """``(propertyDefinitionRef, value)`` of each ``<property>`` in a ``<properties>`` element."""
        return [
            (from_ncname(prop.get("propertyDefinitionRef", "")), self.texts(prop, "value"))
            for prop in container.findall(_q("property"))
        ]

    def property_refs(self, element) -> list[tuple[str, str]]:
        refs = []
        for container in element.findall(_q("properties")):
            refs.extend(self.refs_in(container))
        return refs

    def organisation_folders(self, organizations, folders: dict[str, str], path: tuple[str, ...] = ()) -> None:
        """``item`` elements with a ``label`` are folders; those with an ``identifierRef`` point at a concept."""
        for item in organizations:
            if local_name(item.tag) != "item":
                continue
            ref = item.get("identifierRef")
            if ref:
                folders.setdefault(from_ncname(ref), "/".join(path))
                continue
            label = self.texts(item, "label")
            self.organisation_folders(item, folders, (*path, label) if label else path)

    def metadata(self, element) -> dict:
        """``{"schema", "schemaversion", "entries": [[tag, text], ...]}`` of ``<metadata>``."""
        metadata: dict = {"entries": []}
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child.tag)
            if child.tag in (_q("schema"), _q("schemaversion")):
                metadata[name] = text_of(child)
            elif len(child):
                self.model.notes.add("metadata", name)
            else:
                entry = [child.tag, child.text or ""]
                if child.get(XML_LANG):
                    entry.append(child.get(XML_LANG))
                metadata["entries"].append(entry)
        return metadata

    def style(self, element) -> dict:
        found = element.find(_q("style"))
        if found is None:
            return {}
        style: dict = {}
        for key, tag in (("line", "lineColor"), ("fill", "fillColor")):
            color = _color(found.find(_q(tag)))
            if color:
                style[key] = color
        if found.get("lineWidth"):
            style["line_width"] = int(found.get("lineWidth"))
        font = found.find(_q("font"))
        if font is not None:
            style["font"] = {key: font.get(key) for key in ("name", "size", "style") if font.get(key)}
            color = _color(font.find(_q("color")))
            if color:
                style["font"]["color"] = color
        return style

    def nodes(self, parent, view_name: str) -> list[dict]:
        nodes = []
        for node in parent.findall(_q("node")):
            kind = node.get(XSI_TYPE, "")
            if kind not in NODE_KINDS:
                self.model.notes.add("diagram_object", view_name)
                continue
            item = {
                "id": from_ncname(node.get("identifier", "")),
                "kind": kind,
                **{key: _int(node.get(key)) for key in ("x", "y", "w", "h")},
            }
            if kind == ELEMENT:
                item["ref"] = from_ncname(node.get("elementRef", ""))
            else:
                item["label"] = self.texts(node, "label")
            style = self.style(node)
            if style:
                item["style"] = style
            children = self.nodes(node, view_name)
            if children:
                item["nodes"] = children
            nodes.append(item)
        return nodes

    def connections(self, view, view_name: str) -> list[dict]:
        connections = []
        for connection in view.findall(_q("connection")):
            kind = connection.get(XSI_TYPE, "")
            if kind not in (RELATIONSHIP, LINE):
                self.model.notes.add("diagram_object", view_name)
                continue
            item = {
                "id": from_ncname(connection.get("identifier", "")),
                "kind": kind,
                "source": from_ncname(connection.get("source", "")),
                "target": from_ncname(connection.get("target", "")),
                "bendpoints": [
                    [_int(point.get("x")), _int(point.get("y"))] for point in connection.findall(_q("bendpoint"))
                ],
            }
            if kind == RELATIONSHIP:
                item["ref"] = from_ncname(connection.get("relationshipRef", ""))
            for key, tag in (("source_attachment", "sourceAttachment"), ("target_attachment", "targetAttachment")):
                point = connection.find(_q(tag))
                if point is not None:
                    item[key] = [_int(point.get("x")), _int(point.get("y"))]
            label = self.texts(connection, "label")
            if label:
                item["label"] = label
            style = self.style(connection)
            if style:
                item["style"] = style
            connections.append(item)
        return connections


def _int(value) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def _color(element) -> list[int]:
    if element is None:
        return []
    color = [_int(element.get(key)) for key in ("r", "g", "b")]
    if element.get("a") is not None:
        color.append(_int(element.get("a")))
    return color


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


def _read_model_part(reader: _Reader, element, name: str, folders: dict, pending_properties: list) -> None:
    """A direct child of ``<model>``: its properties, metadata or folders.

    The model's names and documentation (one per language) are read together once the first
    other child has ended, before its content, so that the model's language is that of its name.
    """
    model = reader.model
    if name in ("name", "documentation"):
        return
    if not reader.model_texts_read:
        reader.model_texts_read = True
        model.name = model.name or reader.texts(element.getparent(), "name")
        model.documentation = model.documentation or reader.texts(element.getparent(), "documentation")
    if name == "properties":
        pending_properties.append((model.properties, reader.refs_in(element), element.sourceline, "<model>"))
    elif name == "metadata":
        model.metadata = reader.metadata(element)
    elif name == "organizations":
        reader.organisation_folders(element, folders)
        release_memory(element)


def read_ameff(source, *, file_name: str = "") -> ParsedModel:
    """Read an AMEFF file (a path or a binary stream), streaming, without storing anything."""
    model = ParsedModel(source_format="ameff", file_names=dict.fromkeys(("element", "relation", "view"), file_name))
    reader = _Reader(model)
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
            if depth == 1:
                model.identifier = from_ncname(element.get("identifier", ""))
                model.language = element.get(XML_LANG, "")
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
            _read_model_part(reader, element, name, folders, pending_properties)
        elif depth == 2 and name == "element":
            item = ParsedElement(
                identifier=from_ncname(element.get("identifier", "")),
                type=element.get(XSI_TYPE, ""),
                name=reader.texts(element, "name"),
                documentation=reader.texts(element, "documentation"),
                line=line,
            )
            model.elements.append(item)
            pending_properties.append((item.properties, reader.property_refs(element), line, describe(element)))
            release_memory(element)
        elif depth == 2 and name == "relationship":
            kind = element.get(XSI_TYPE, "")
            item = ParsedRelation(
                identifier=from_ncname(element.get("identifier", "")),
                type=f"{kind}{SUFFIX}" if kind and not kind.endswith(SUFFIX) else kind,
                source=from_ncname(element.get("source", "")),
                target=from_ncname(element.get("target", "")),
                name=reader.texts(element, "name"),
                documentation=reader.texts(element, "documentation"),
                attributes=_relation_attributes(element),
                line=line,
            )
            model.relations.append(item)
            pending_properties.append((item.properties, reader.property_refs(element), line, describe(element)))
            release_memory(element)
        elif depth == 2 and name == "propertyDefinition":
            identifier = from_ncname(element.get("identifier", ""))
            definitions[identifier] = reader.texts(element, "name")
            model.property_definitions.setdefault(
                definitions[identifier], {"identifier": identifier, "type": element.get("type", "string")}
            )
        elif depth == 3 and name == "view":
            view_name = reader.texts(element, "name")
            nodes = reader.nodes(element, view_name)
            layout = {"nodes": nodes, "connections": reader.connections(element, view_name)}
            item = ParsedView(
                identifier=from_ncname(element.get("identifier", "")),
                name=view_name,
                documentation=reader.texts(element, "documentation"),
                viewpoint=element.get("viewpoint", ""),
                element_ids=list(dict.fromkeys(node["ref"] for node in iter_nodes(nodes) if node.get("ref"))),
                layout=layout,
                line=line,
            )
            model.views.append(item)
            pending_properties.append((item.properties, reader.property_refs(element), line, describe(element)))
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
    for item in (*model.elements, *model.relations, *model.views):
        item.folder_path = folders.get(item.identifier, "")
    return model


# --- writing ---------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))


class _Writer:
    """Writes one document: the texts in the model's language, the property definitions used."""

    def __init__(self, model) -> None:
        self.language = model.language
        self.definitions: dict[str, dict] = {}
        self.stored = model.property_definitions or {}
        self.used_ids = {to_ncname(item["identifier"]) for item in self.stored.values() if item.get("identifier")}

    def text(self, parent, name: str, text: str):
        child = etree.SubElement(parent, _q(name))
        if self.language:
            child.set(XML_LANG, self.language)
        child.text = _clean(text)
        return child

    def definition_ref(self, key: str) -> str:
        if key not in self.definitions:
            stored = self.stored.get(key) or {}
            if stored.get("identifier"):
                identifier = to_ncname(stored["identifier"])
            else:
                number = len(self.definitions) + 1
                while f"propid-{number}" in self.used_ids:
                    number += 1
                identifier = f"propid-{number}"
                self.used_ids.add(identifier)
            self.definitions[key] = {"identifier": identifier, "type": stored.get("type") or "string"}
        return self.definitions[key]["identifier"]

    def properties(self, parent, properties: dict) -> None:
        if not properties:
            return
        container = etree.SubElement(parent, _q("properties"))
        for key, value in properties.items():
            for single in value if isinstance(value, list) else [value]:
                prop = etree.SubElement(container, _q("property"), propertyDefinitionRef=self.definition_ref(str(key)))
                self.text(prop, "value", "" if single is None else single)

    def named(self, parent, *, name: str, documentation: str, properties: dict, name_required=True) -> None:
        if name or name_required:
            self.text(parent, "name", name)
        if documentation:
            self.text(parent, "documentation", documentation)
        self.properties(parent, properties)

    def write_definitions(self, root) -> None:
        # Every definition the file had, also those no exported concept uses, then the new ones.
        for key in self.stored:
            self.definition_ref(key)
        if not self.definitions:
            return
        container = etree.SubElement(root, _q("propertyDefinitions"))
        for key, definition in self.definitions.items():
            node = etree.SubElement(
                container, _q("propertyDefinition"), identifier=definition["identifier"], type=definition["type"]
            )
            self.text(node, "name", key)


def _organizations(writer: _Writer, root, concepts: Iterable) -> None:
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
            writer.text(item, "label", label)
            write(item, child)
        for identifier in node.get(None, []):
            etree.SubElement(parent, _q("item"), identifierRef=to_ncname(identifier))

    organizations = etree.SubElement(root, _q("organizations"))
    write(organizations, tree)


def _metadata(root, metadata: dict) -> None:
    entries = metadata.get("entries") or []
    if not entries and not metadata.get("schema"):
        return
    container = etree.SubElement(root, _q("metadata"))
    for key in ("schema", "schemaversion"):
        if metadata.get(key):
            etree.SubElement(container, _q(key)).text = _clean(metadata[key])
    for tag, text, *language in entries:
        entry = etree.SubElement(container, tag, nsmap={"dc": DC} if tag.startswith(f"{{{DC}}}") else None)
        entry.text = _clean(text)
        if language:
            entry.set(XML_LANG, language[0])


def _kept_relations(relations, element_ids: set[str]) -> list:
    """Relations whose ends are both exported; a relation may end on another relation."""
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
    return sorted(kept.values(), key=lambda relation: relation.identifier)


def export_ameff(model, elements=None, relations=None, *, views=None, include_views: bool = True) -> bytes:
    """The model (or a part of it) as an AMEFF 3.1 document that validates and that Archi opens.

    ``model`` is an :class:`~bouwplaats.architecture.models.ArchitectureModel`. ``elements`` and
    ``relations`` restrict the export to a subgraph (for example the elements an impact analysis
    found); relations whose ends are not both exported are left out, so the file is always
    complete. Views are written as drawn (their stored layout) with the exported elements and
    relations on them; a view without a layout (read from CSV) is drawn on a grid with the
    relations between its elements. For a part of the model, only the views that show any of it
    (or those given in ``views``).
    """
    whole_model = elements is None
    if elements is None:
        elements = Element.objects.filter(model=model).order_by("identifier")
    elements = list(elements)
    element_ids = {element.identifier for element in elements}
    if relations is None:
        relations = Relation.objects.filter(model=model).order_by("identifier")
    relations = _kept_relations(relations, element_ids)

    writer = _Writer(model)
    root = etree.Element(_q("model"), nsmap={None: NAMESPACE, "xsi": XSI, "dc": DC})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    root.set("identifier", to_ncname(model.identifier or f"id-model-{model.pk}"))
    writer.named(root, name=model.name, documentation=model.documentation, properties=model.properties)
    _metadata(root, model.metadata or {})

    container = etree.SubElement(root, _q("elements"))
    for element in elements:
        node = etree.SubElement(container, _q("element"), identifier=to_ncname(element.identifier))
        node.set(XSI_TYPE, element.type)
        writer.named(node, name=element.name, documentation=element.documentation, properties=element.properties)
    if relations:
        container = etree.SubElement(root, _q("relationships"))
        for relation in relations:
            _write_relation(writer, container, relation)

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

    _organizations(writer, root, [*elements, *relations, *written_views])

    # Written last but placed before the views, as the schema orders them.
    views_root = None
    if written_views:
        views_root = etree.Element(_q("views"))
        diagrams = etree.SubElement(views_root, _q("diagrams"))
        relation_ids = {relation.identifier for relation in relations}
        outgoing: dict[str, list] = {}
        for relation in relations:
            outgoing.setdefault(relation.source_identifier, []).append(relation)
        for view, members in zip(written_views, view_members, strict=True):
            node = etree.SubElement(diagrams, _q("view"), identifier=to_ncname(view.identifier))
            node.set(XSI_TYPE, "Diagram")
            if view.viewpoint:
                node.set("viewpoint", view.viewpoint)
            writer.named(node, name=view.name, documentation=view.documentation, properties=view.properties)
            layout = view.layout if view.layout.get("nodes") else _grid_layout(view, members, outgoing)
            _write_layout(writer, node, layout, element_ids, relation_ids)

    writer.write_definitions(root)
    if views_root is not None:
        root.append(views_root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def export_view_ameff(view) -> bytes:
    """One view with the elements it shows and the relations between them."""
    elements = view.elements.order_by("identifier")
    identifiers = [element.identifier for element in elements]
    relations = Relation.objects.filter(model_id=view.model_id, source_identifier__in=identifiers).order_by(
        "identifier"
    )
    return export_ameff(view.model, elements=elements, relations=relations, views=[view])


def _write_relation(writer: _Writer, container, relation) -> None:
    node = etree.SubElement(
        container,
        _q("relationship"),
        identifier=to_ncname(relation.identifier),
        source=to_ncname(relation.source_identifier),
        target=to_ncname(relation.target_identifier),
    )
    node.set(XSI_TYPE, relation.type.removesuffix(SUFFIX))
    attributes = relation.attributes or {}
    if relation.type == "AccessRelationship" and attributes.get("accessType") in ACCESS_TO_AMEFF:
        node.set("accessType", ACCESS_TO_AMEFF[attributes["accessType"]])
    if relation.type == "InfluenceRelationship" and attributes.get("strength"):
        node.set("modifier", _clean(attributes["strength"]))
    if relation.type == "AssociationRelationship" and attributes.get("directed") == "true":
        node.set("isDirected", "true")
    writer.named(
        node,
        name=relation.name,
        documentation=relation.documentation,
        properties=relation.properties,
        name_required=False,
    )


def _write_color(parent, tag: str, color: list[int]) -> None:
    node = etree.SubElement(parent, _q(tag), r=str(color[0]), g=str(color[1]), b=str(color[2]))
    if len(color) > 3:
        node.set("a", str(color[3]))


def _write_style(parent, style: dict) -> None:
    if not style:
        return
    node = etree.SubElement(parent, _q("style"))
    if style.get("line_width"):
        node.set("lineWidth", str(style["line_width"]))
    if style.get("line"):
        _write_color(node, "lineColor", style["line"])
    if style.get("fill"):
        _write_color(node, "fillColor", style["fill"])
    font = style.get("font")
    if font:
        font_node = etree.SubElement(
            node, _q("font"), {key: str(font[key]) for key in ("name", "size", "style") if font.get(key)}
        )
        if font.get("color"):
            _write_color(font_node, "color", font["color"])


def _write_layout(writer: _Writer, view_node, layout: dict, element_ids: set[str], relation_ids: set[str]) -> None:
    """The stored layout, without the elements and relations that are not exported.

    A node of an element that is not exported is left out and the nodes inside it are written in
    its place (coordinates are absolute); connections to what was left out are left out too.
    """
    written: set[str] = set()

    def write_nodes(parent, nodes: list[dict]) -> None:
        for item in nodes:
            if item["kind"] == ELEMENT and item.get("ref") not in element_ids:
                write_nodes(parent, item.get("nodes", []))
                continue
            node = etree.SubElement(
                parent,
                _q("node"),
                identifier=to_ncname(item["id"]),
                x=str(max(item["x"], 0)),
                y=str(max(item["y"], 0)),
                w=str(max(item["w"], 1)),
                h=str(max(item["h"], 1)),
            )
            node.set(XSI_TYPE, item["kind"])
            written.add(item["id"])
            if item["kind"] == ELEMENT:
                node.set("elementRef", to_ncname(item["ref"]))
            elif item["kind"] in (LABEL, CONTAINER):
                writer.text(node, "label", item.get("label", ""))
            _write_style(node, item.get("style") or {})
            write_nodes(node, item.get("nodes", []))

    write_nodes(view_node, layout.get("nodes", []))
    connections = [
        item
        for item in layout.get("connections", [])
        if item["kind"] != RELATIONSHIP or item.get("ref") in relation_ids
    ]
    # A connection may end on another connection: keep those whose ends are written, until stable.
    kept: dict[str, dict] = {}
    changed = True
    while changed:
        changed = False
        for item in connections:
            if item["id"] not in kept and all(
                end in written or end in kept for end in (item["source"], item["target"])
            ):
                kept[item["id"]] = item
                changed = True
    for item in connections:
        if item["id"] not in kept:
            continue
        node = etree.SubElement(
            view_node,
            _q("connection"),
            identifier=to_ncname(item["id"]),
            source=to_ncname(item["source"]),
            target=to_ncname(item["target"]),
        )
        node.set(XSI_TYPE, item["kind"])
        if item["kind"] == RELATIONSHIP:
            node.set("relationshipRef", to_ncname(item["ref"]))
        if item.get("label"):
            writer.text(node, "label", item["label"])
        _write_style(node, item.get("style") or {})
        if item.get("source_attachment"):
            x, y = item["source_attachment"]
            etree.SubElement(node, _q("sourceAttachment"), x=str(max(x, 0)), y=str(max(y, 0)))
        for x, y in item.get("bendpoints", []):
            etree.SubElement(node, _q("bendpoint"), x=str(max(x, 0)), y=str(max(y, 0)))
        if item.get("target_attachment"):
            x, y = item["target_attachment"]
            etree.SubElement(node, _q("targetAttachment"), x=str(max(x, 0)), y=str(max(y, 0)))


GRID_COLUMNS = 6
NODE_WIDTH, NODE_HEIGHT, GAP = 160, 60, 30


def _grid_layout(view, members, outgoing: dict[str, list]) -> dict:
    """A view without a stored layout: the members on a grid, the relations between them as connections."""
    node_ids = {member.identifier: f"{view.identifier}-node-{index + 1}" for index, member in enumerate(members)}
    nodes = [
        {
            "id": node_ids[member.identifier],
            "kind": ELEMENT,
            "ref": member.identifier,
            "x": GAP + (index % GRID_COLUMNS) * (NODE_WIDTH + GAP),
            "y": GAP + (index // GRID_COLUMNS) * (NODE_HEIGHT + GAP),
            "w": NODE_WIDTH,
            "h": NODE_HEIGHT,
        }
        for index, member in enumerate(members)
    ]
    relations = [
        relation
        for member in members
        for relation in outgoing.get(member.identifier, ())
        if relation.target_identifier in node_ids and relation.target_identifier != relation.source_identifier
    ]
    connections = [
        {
            "id": f"{view.identifier}-connection-{index + 1}",
            "kind": RELATIONSHIP,
            "ref": relation.identifier,
            "source": node_ids[relation.source_identifier],
            "target": node_ids[relation.target_identifier],
        }
        for index, relation in enumerate(relations)
    ]
    return {"nodes": nodes, "connections": connections}
