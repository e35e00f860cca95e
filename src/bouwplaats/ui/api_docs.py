# SPDX-License-Identifier: EUPL-1.2
"""The API reference as data for a server-rendered page: the OpenAPI schema that drf-spectacular
generates (the same as ``docs/api/openapi.yaml``), grouped by tag, with every type described.

The page needs no JavaScript, runs under the site's Content Security Policy and is built from
the site's own templates, so it is as accessible as the rest of the site. The schema is generated
once per process (it only changes with the code), in English like the API itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

METHODS = ("get", "post", "put", "patch", "delete")
REF_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class TypeInfo:
    """What a value is: a text such as "string (date)" or "array of", and the schema it refers to."""

    text: str
    ref: str = ""  # the name of a component schema, linked on the page
    values: tuple = ()  # the allowed values of an enumeration

    @property
    def anchor(self) -> str:
        return schema_anchor(self.ref) if self.ref else ""


@dataclass
class Property:
    name: str
    type: TypeInfo
    required: bool = False
    read_only: bool = False
    nullable: bool = False
    description: str = ""


@dataclass
class Parameter:
    name: str
    location: str  # path, query, header
    type: TypeInfo
    required: bool
    description: str = ""


@dataclass
class Response:
    status: str
    description: str
    types: list[tuple[str, TypeInfo]] = field(default_factory=list)  # (content type, type)


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    deprecated: bool
    parameters: list[Parameter]
    request_types: list[tuple[str, TypeInfo]]
    request_required: bool
    responses: list[Response]


@dataclass
class Tag:
    name: str
    anchor: str
    operations: list[Operation]


@dataclass
class Schema:
    name: str
    anchor: str
    type: TypeInfo
    description: str
    properties: list[Property]


@dataclass
class Reference:
    title: str
    version: str
    description: str
    tags: list[Tag]
    schemas: list[Schema]
    operation_count: int
    digest: str = ""  # of the schema: a new schema gives the cached page a new key


def _anchor(*parts: str) -> str:
    text = "-".join(parts).lower()
    return "".join(char if char.isalnum() else "-" for char in text).strip("-")


def schema_anchor(name: str) -> str:
    return _anchor("schema", name)


def describe(schema: dict | None) -> TypeInfo:
    """A short description of an OpenAPI schema object: its type, and the component it refers to."""
    if not schema:
        return TypeInfo("any")
    if "$ref" in schema:
        return TypeInfo("object", ref=schema["$ref"].removeprefix(REF_PREFIX))
    for combination in ("allOf", "oneOf", "anyOf"):
        options = [describe(option) for option in schema.get(combination, []) if option]
        if len(options) == 1:
            return options[0]
        if options:
            return TypeInfo(" or ".join(option.ref or option.text for option in options))
    kind = schema.get("type", "object")
    if kind == "array":
        item = describe(schema.get("items"))
        return TypeInfo(f"array of {item.text}" if not item.ref else "array of", ref=item.ref, values=item.values)
    text = f"{kind} ({schema['format']})" if schema.get("format") else kind
    values = tuple(str(value) for value in schema.get("enum", []) if value not in ("", None))
    return TypeInfo(text, values=values)


def _properties(schema: dict) -> list[Property]:
    required = set(schema.get("required", []))
    return [
        Property(
            name=name,
            type=describe(spec),
            required=name in required,
            read_only=bool(spec.get("readOnly")),
            nullable=bool(spec.get("nullable")),
            description=spec.get("description", ""),
        )
        for name, spec in schema.get("properties", {}).items()
    ]


def _content_types(content: dict | None) -> list[tuple[str, TypeInfo]]:
    return [(content_type, describe(media.get("schema"))) for content_type, media in (content or {}).items()]


def _operation(path: str, method: str, spec: dict) -> Operation:
    body = spec.get("requestBody") or {}
    return Operation(
        method=method.upper(),
        path=path,
        anchor=_anchor("op", spec.get("operationId") or f"{method}-{path}"),
        summary=spec.get("summary", ""),
        description=spec.get("description", ""),
        deprecated=bool(spec.get("deprecated")),
        parameters=[
            Parameter(
                name=parameter["name"],
                location=parameter.get("in", ""),
                type=describe(parameter.get("schema")),
                required=bool(parameter.get("required")),
                description=parameter.get("description", ""),
            )
            for parameter in spec.get("parameters", [])
        ],
        request_types=_content_types(body.get("content")),
        request_required=bool(body.get("required")),
        responses=[
            Response(
                status=str(status),
                description=response.get("description", ""),
                types=_content_types(response.get("content")),
            )
            for status, response in spec.get("responses", {}).items()
        ],
    )


def reference_from(schema: dict) -> Reference:
    """The page's data from an OpenAPI document (a dict as drf-spectacular makes it)."""
    tags: dict[str, list[Operation]] = {}
    count = 0
    # The paths are relative to the server (``/api/v1``); the page shows them whole.
    base = ((schema.get("servers") or [{}])[0].get("url") or "").rstrip("/")
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                count += 1
                for tag in item[method].get("tags") or ["other"]:
                    tags.setdefault(tag, []).append(_operation(base + path, method, item[method]))
    components = schema.get("components", {}).get("schemas", {})
    info = schema.get("info", {})
    return Reference(
        title=info.get("title", "API"),
        version=info.get("version", ""),
        description=info.get("description", ""),
        tags=[Tag(name, _anchor("tag", name), operations) for name, operations in sorted(tags.items())],
        schemas=[
            Schema(
                name,
                schema_anchor(name),
                describe({**spec, "properties": None}),
                spec.get("description", ""),
                _properties(spec),
            )
            for name, spec in sorted(components.items())
        ],
        operation_count=count,
    )


@cache
def reference() -> Reference:
    """The site's API reference, generated once per process."""
    from drf_spectacular.generators import SchemaGenerator

    with translation.override("en"):
        generated = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
        # Lazy (translatable) texts become plain English strings.
        plain = json.loads(json.dumps(generated, cls=DjangoJSONEncoder))
    digest = hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()[:16]
    return dataclasses.replace(reference_from(plain), digest=digest)
