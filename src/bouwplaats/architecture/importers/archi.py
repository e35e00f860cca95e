"""Reading Archi's own model file (``.archimate``).

Archi stores every concept as ``<element xsi:type="archimate:…" id name>`` inside nested
``<folder>`` elements; relationships are elements with ``source`` and ``target``; diagrams are
elements of type ``ArchimateDiagramModel`` (or ``SketchModel``) whose nested ``<child>`` elements
point at the elements they show with ``archimateElement``. Properties are ``<property key value>``;
documentation is a child element (older files: an attribute). Profiles (specialisations) are
declared at model level and referenced by id.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .layers import RELATIONSHIP_TYPES
from .parsed import ModelFileError, ParsedElement, ParsedModel, ParsedRelation, ParsedView, add_property
from .safe_xml import XSI_TYPE, describe, iterparse, local_name, release_memory, text_of

NAMESPACE = "http://www.archimatetool.com/archimate"
DIAGRAM_TYPES = ("ArchimateDiagramModel", "SketchModel")
# Canvas models and other diagram kinds carry no ArchiMate content; they are skipped.
SKIPPED_TYPES = ("CanvasModel",)


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


def _view_members(diagram) -> list[str]:
    members = []
    for child in diagram.iter("child"):
        ref = child.get("archimateElement")
        if ref and ref not in members:
            members.append(ref)
    return members


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
        model.views.append(
            ParsedView(
                identifier=identifier,
                name=element.get("name", ""),
                documentation=_documentation(element),
                properties=_properties(element),
                viewpoint=element.get("viewpoint", ""),
                folder_path=folder_path,
                element_ids=_view_members(element),
                line=line,
            )
        )
    elif kind in SKIPPED_TYPES:
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
