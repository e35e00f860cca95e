# SPDX-License-Identifier: EUPL-1.2
"""Reading Archi's own model file (``.archimate``).

Archi stores every concept as ``<element xsi:type="archimate:…" id name>`` inside nested
``<folder>`` elements; relationships are elements with ``source`` and ``target``; diagrams are
elements of type ``ArchimateDiagramModel`` whose nested ``<child>`` elements point at the
elements they show with ``archimateElement``, with bounds relative to their parent and connections
(``sourceConnection``) with bendpoints relative to the centres of their ends. The layout is stored
as the exchange format has it (absolute coordinates, see ``layout``). Properties are
``<property key value>``; documentation is a child element (older files: an attribute). Profiles
(specialisations) are declared at model level and referenced by id.

Sketch and Canvas views carry no ArchiMate content; they are skipped with a note in the import
report, as are diagram objects without ArchiMate content (images, references to other views).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .layers import RELATIONSHIP_TYPES
from .layout import element_refs
from .parsed import ModelFileError, ParsedElement, ParsedModel, ParsedRelation, ParsedView, add_property
from .safe_xml import XSI_TYPE, describe, iterparse, local_name, release_memory, text_of

NAMESPACE = "http://www.archimatetool.com/archimate"
DIAGRAM_TYPES = ("ArchimateDiagramModel",)
# Diagram kinds without ArchiMate content: skipped, with the code of their note.
SKIPPED_TYPES = {"SketchModel": "sketch_view", "CanvasModel": "canvas_view"}
# Archi's sizes for a diagram object drawn at its default size (width and height -1).
DEFAULT_SIZES = {"DiagramObject": (120, 55), "Group": (400, 140), "Note": (185, 80)}
FONT_STYLES = {0: "", 1: "bold", 2: "italic", 3: "italic bold"}


def _type(element) -> str:
    value = element.get(XSI_TYPE, "")
    return value.split(":", 1)[-1]


def _documentation(element) -> str:
    for child in element:
        if local_name(child.tag) in ("documentation", "purpose"):
            return text_of(child)
    return element.get("documentation", "")


def _properties(element) -> dict:
    properties: dict = {}
    for child in element:
        if local_name(child.tag) == "property":
            add_property(properties, child.get("key", ""), child.get("value", ""))
    return properties


def _color(value: str | None, alpha: str | None = None) -> list[int]:
    value = (value or "").lstrip("#")
    if len(value) != 6:
        return []
    try:
        color = [int(value[index : index + 2], 16) for index in (0, 2, 4)]
    except ValueError:
        return []
    if alpha is not None and alpha.isdigit() and int(alpha) < 255:
        color.append(round(int(alpha) * 100 / 255))
    return color


def _style(child) -> dict:
    """Archi's colours (``#rrggbb``), line width and font (SWT's ``1|name|size|style|…``)."""
    style: dict = {}
    fill = _color(child.get("fillColor"), child.get("alpha"))
    if fill:
        style["fill"] = fill
    line = _color(child.get("lineColor"), child.get("lineAlpha"))
    if line:
        style["line"] = line
    if (child.get("lineWidth") or "").isdigit() and int(child.get("lineWidth")) > 0:
        style["line_width"] = int(child.get("lineWidth"))
    font: dict = {}
    parts = (child.get("font") or "").split("|")
    if len(parts) > 3:
        font["name"] = parts[1]
        try:
            size = round(float(parts[2]) * 2) / 2
        except ValueError:
            size = 0
        if size >= 1:
            font["size"] = f"{size:g}"
        if parts[3].isdigit() and FONT_STYLES.get(int(parts[3]) & 3):
            font["style"] = FONT_STYLES[int(parts[3]) & 3]
    color = _color(child.get("fontColor"))
    if color:
        font["color"] = color
    if font:
        style["font"] = font
    return style


class _Diagram:
    """Turns an Archi diagram into a stored layout (absolute coordinates, see ``layout``)."""

    def __init__(self, model: ParsedModel, name: str) -> None:
        self.model = model
        self.name = name
        self.centres: dict[str, tuple[float, float]] = {}
        self.raw_connections: list = []

    def layout(self, diagram) -> dict:
        nodes = self.nodes(diagram, 0, 0)
        return {"nodes": nodes, "connections": [self.connection(item) for item in self.raw_connections]}

    def nodes(self, parent, origin_x: int, origin_y: int) -> list[dict]:
        nodes = []
        for child in parent:
            if local_name(child.tag) != "child":
                continue
            kind = _type(child)
            if kind == "DiagramObject" and child.get("archimateElement"):
                node = {"kind": "Element", "ref": child.get("archimateElement")}
            elif kind == "Group":
                node = {"kind": "Container", "label": child.get("name", "")}
            elif kind == "Note":
                content = next((text_of(part) for part in child if local_name(part.tag) == "content"), None)
                node = {"kind": "Label", "label": content if content is not None else child.get("content", "")}
            else:
                self.model.notes.add("diagram_object", self.name)
                continue
            bounds = next((part for part in child if local_name(part.tag) == "bounds"), None)
            width, height = DEFAULT_SIZES.get(kind, (120, 55))
            x = origin_x + _number(bounds, "x")
            y = origin_y + _number(bounds, "y")
            w = _number(bounds, "width") if _number(bounds, "width") > 0 else width
            h = _number(bounds, "height") if _number(bounds, "height") > 0 else height
            if x < 0 or y < 0:
                self.model.notes.add("position", self.name)
            node = {"id": child.get("id", ""), **node, "x": max(x, 0), "y": max(y, 0), "w": w, "h": h}
            self.centres[node["id"]] = (x + w / 2, y + h / 2)
            style = _style(child)
            if style:
                node["style"] = style
            self.raw_connections.extend(part for part in child if local_name(part.tag) == "sourceConnection")
            inner = self.nodes(child, x, y)
            if inner:
                node["nodes"] = inner
            nodes.append(node)
        return nodes

    def connection(self, element) -> dict:
        source, target = element.get("source", ""), element.get("target", "")
        source_x, source_y = self.centres.get(source, self.centres.get(target, (0, 0)))
        item = {
            "id": element.get("id", ""),
            "kind": "Relationship" if element.get("archimateRelationship") else "Line",
            "source": source,
            "target": target,
            "bendpoints": [
                [max(round(source_x + _number(point, "startX")), 0), max(round(source_y + _number(point, "startY")), 0)]
                for point in element
                if local_name(point.tag) == "bendpoint"
            ],
        }
        if element.get("archimateRelationship"):
            item["ref"] = element.get("archimateRelationship")
        elif element.get("name"):
            item["label"] = element.get("name")
        style = _style(element)
        if style:
            item["style"] = style
        return item


def _number(element, attribute: str) -> int:
    if element is None:
        return 0
    try:
        return int(float(element.get(attribute) or 0))
    except ValueError:
        return 0


def read_archimate(source, *, file_name: str = "") -> ParsedModel:
    """Read an Archi ``.archimate`` file (a path or a binary stream), streaming, storing nothing."""
    model = ParsedModel(source_format="archimate", file_names=dict.fromkeys(("element", "relation", "view"), file_name))
    folders: list[str] = []
    profiles: dict[str, str] = {}
    element_profiles: dict[str, str] = {}
    depth = 0
    for event, element in iterparse(source, file_name=file_name):
        name = local_name(element.tag)
        if event == "start":
            depth += 1
            if depth == 1 and element.tag != f"{{{NAMESPACE}}}model":
                raise ModelFileError(
                    _("This is not an Archi model file: the root element must be <model> in %(namespace)s.")
                    % {"namespace": NAMESPACE},
                    file=file_name,
                    line=element.sourceline,
                    element=describe(element),
                )
            if depth == 1:
                model.name = element.get("name", "")
                model.identifier = element.get("id", "")
            if name == "folder":
                folders.append(element.get("name", ""))
            continue
        depth -= 1
        if name == "folder":
            folders.pop()
            continue
        if depth == 1 and name == "purpose":
            model.documentation = text_of(element)
        elif depth == 1 and name == "property":
            add_property(model.properties, element.get("key", ""), element.get("value", ""))
        elif depth == 1 and name == "profile":
            profiles[element.get("id", "")] = element.get("name", "")
        elif name == "element" and local_name(element.getparent().tag) in ("folder", "model"):
            _read_concept(model, element, "/".join(folders), element_profiles)
            release_memory(element)
    for item in model.elements:
        if item.identifier in element_profiles:
            item.profile = profiles.get(element_profiles[item.identifier], "")
    return model


def _read_concept(model: ParsedModel, element, folder_path: str, element_profiles: dict) -> None:
    kind = _type(element)
    identifier = element.get("id", "")
    line = element.sourceline
    if kind in DIAGRAM_TYPES:
        layout = _Diagram(model, element.get("name", "")).layout(element)
        model.views.append(
            ParsedView(
                identifier=identifier,
                name=element.get("name", ""),
                documentation=_documentation(element),
                properties=_properties(element),
                viewpoint=element.get("viewpoint", ""),
                folder_path=folder_path,
                element_ids=element_refs(layout),
                layout=layout,
                line=line,
            )
        )
    elif kind in SKIPPED_TYPES:
        model.notes.add(SKIPPED_TYPES[kind], element.get("name", ""))
        return
    elif kind in RELATIONSHIP_TYPES or element.get("source") is not None:
        attributes = {key: element.get(key) for key in ("accessType", "strength", "directed") if element.get(key)}
        model.relations.append(
            ParsedRelation(
                identifier=identifier,
                type=kind,
                source=element.get("source", ""),
                target=element.get("target", ""),
                name=element.get("name", ""),
                documentation=_documentation(element),
                properties=_properties(element),
                attributes=attributes,
                folder_path=folder_path,
                line=line,
            )
        )
    else:
        if kind == "Junction":
            kind = "OrJunction" if element.get("type") == "or" else "AndJunction"
        if element.get("profiles"):
            element_profiles[identifier] = element.get("profiles").split()[0]
        model.elements.append(
            ParsedElement(
                identifier=identifier,
                type=kind,
                name=element.get("name", ""),
                documentation=_documentation(element),
                properties=_properties(element),
                folder_path=folder_path,
                line=line,
            )
        )
