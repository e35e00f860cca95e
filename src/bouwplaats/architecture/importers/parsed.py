# SPDX-License-Identifier: EUPL-1.2
"""The format-neutral result of reading a model file, before anything is stored.

Every reader (CSV, AMEFF, Archi) produces a :class:`ParsedModel`; the import service checks it
and stores it in bulk. The content digest is computed from this structure, so the same model
read from different formats has the same digest as long as the formats carry the same content.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from .notes import Notes

OBJECT_ID_PROPERTY = "Object ID"
GEMMA_TYPE_PROPERTY = "GEMMA type"
RELEASE_PROPERTY = "Release"


class ModelFileError(Exception):
    """A model file that cannot be imported; says where (line and element) when it can."""

    def __init__(self, message: str, *, line: int | None = None, element: str = "", file: str = ""):
        self.message = message
        self.line = line
        self.element = element
        self.file = file
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line:
            where.append(f"line {self.line}")
        if self.element:
            where.append(self.element)
        return f"{', '.join(where)}: {self.message}" if where else self.message


def add_property(properties: dict, key: str, value: str) -> None:
    """A repeated key becomes a list of its values, as in the GEMMA CSV files."""
    if key in properties:
        existing = properties[key]
        properties[key] = [*existing, value] if isinstance(existing, list) else [existing, value]
    else:
        properties[key] = value


def first_value(properties: dict, key: str) -> str:
    value = properties.get(key, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value)


@dataclass
class ParsedElement:
    identifier: str
    type: str
    name: str = ""
    documentation: str = ""
    properties: dict = field(default_factory=dict)
    folder_path: str = ""
    profile: str = ""
    line: int | None = None

    @property
    def object_id(self) -> str:
        return first_value(self.properties, OBJECT_ID_PROPERTY)

    @property
    def gemma_type(self) -> str:
        return first_value(self.properties, GEMMA_TYPE_PROPERTY)

    def content(self) -> list:
        return [self.identifier, self.type, self.name, self.documentation, self.properties]


@dataclass
class ParsedRelation:
    identifier: str
    type: str
    source: str
    target: str
    name: str = ""
    documentation: str = ""
    properties: dict = field(default_factory=dict)
    attributes: dict = field(default_factory=dict)
    folder_path: str = ""
    line: int | None = None

    @property
    def object_id(self) -> str:
        return first_value(self.properties, OBJECT_ID_PROPERTY)

    def content(self) -> list:
        return [
            self.identifier,
            self.type,
            self.source,
            self.target,
            self.name,
            self.documentation,
            self.properties,
            self.attributes,
        ]


@dataclass
class ParsedView:
    identifier: str
    name: str = ""
    documentation: str = ""
    properties: dict = field(default_factory=dict)
    viewpoint: str = ""
    folder_path: str = ""
    element_ids: list[str] = field(default_factory=list)
    # The diagram as drawn, see ``importers.layout``; empty when the file does not say.
    layout: dict = field(default_factory=dict)
    line: int | None = None

    @property
    def object_id(self) -> str:
        return first_value(self.properties, OBJECT_ID_PROPERTY)

    def content(self) -> list:
        return [self.identifier, self.name, self.documentation, self.properties, sorted(set(self.element_ids))]


@dataclass
class ParsedModel:
    source_format: str
    name: str = ""
    documentation: str = ""
    properties: dict = field(default_factory=dict)
    elements: list[ParsedElement] = field(default_factory=list)
    relations: list[ParsedRelation] = field(default_factory=list)
    views: list[ParsedView] = field(default_factory=list)
    # The file each kind of concept came from ("element", "relation", "view"), for error messages.
    file_names: dict[str, str] = field(default_factory=dict)
    # What an exchange file says besides the concepts (see ``ArchitectureModel``).
    identifier: str = ""
    language: str = ""
    metadata: dict = field(default_factory=dict)
    property_definitions: dict = field(default_factory=dict)
    notes: Notes = field(default_factory=Notes)

    @property
    def release(self) -> str:
        return first_value(self.properties, RELEASE_PROPERTY)

    def content_digest(self) -> str:
        """SHA-256 over the concepts (not their folders, profiles or the diagram layout).

        Folders, profiles and viewpoints are not carried the same way by every format; leaving
        them out lets a re-import of the same release from another format be recognised.
        """
        digest = hashlib.sha256()
        for kind, items in (("element", self.elements), ("relation", self.relations), ("view", self.views)):
            for item in sorted(items, key=lambda item: item.identifier):
                line = json.dumps([kind, *item.content()], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
                digest.update(line.encode("utf-8"))
                digest.update(b"\n")
        return digest.hexdigest()
