# SPDX-License-Identifier: EUPL-1.2
"""The API documentation page: every operation and type of the schema, server-rendered, no script."""

import re

import pytest
from django.urls import reverse

from bouwplaats.ui.api_docs import describe, reference, reference_from

pytestmark = pytest.mark.django_db

SCHEMA = {
    "info": {"title": "Test API", "version": "1.0.0", "description": "About."},
    "paths": {
        "/api/v1/things/{id}": {
            "get": {
                "operationId": "things_retrieve",
                "summary": "Read a thing",
                "tags": ["things"],
                "parameters": [{"in": "path", "name": "id", "required": True, "schema": {"type": "integer"}}],
                "responses": {
                    "200": {
                        "description": "",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    }
                },
            },
            "delete": {
                "operationId": "things_destroy",
                "tags": ["things"],
                "responses": {"204": {"description": "Gone"}},
            },
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "integer", "readOnly": True},
                    "kind": {"allOf": [{"$ref": "#/components/schemas/KindEnum"}], "nullable": True},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
                    "day": {"type": "string", "format": "date"},
                },
            },
            "KindEnum": {"enum": ["big", "small"], "type": "string", "description": "* `big` - big"},
        }
    },
}


def test_the_schema_becomes_operations_by_tag_and_described_types():
    data = reference_from(SCHEMA)
    assert data.operation_count == 2 and [tag.name for tag in data.tags] == ["things"]
    get, delete = data.tags[0].operations
    assert (get.method, get.summary, get.parameters[0].required) == ("GET", "Read a thing", True)
    assert get.responses[0].types[0][1].ref == "Thing" and delete.responses[0].description == "Gone"
    fields = {field.name: field for field in data.schemas[1].properties}
    assert fields["id"].required and fields["id"].read_only
    assert fields["kind"].type.ref == "KindEnum" and fields["kind"].nullable
    assert fields["tags"].type.text == "array of string"
    assert (fields["parts"].type.text, fields["parts"].type.anchor) == ("array of", "schema-thing")
    assert fields["day"].type.text == "string (date)"
    assert describe({"type": "string", "enum": ["big", "small", None]}).values == ("big", "small")


def test_the_page_documents_every_operation_and_links_every_type(english_client):
    client = english_client
    url = reverse("api-docs")
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1 and "<script" not in html
    assert f"All {reference().operation_count} operations" in html
    assert "/api/v1/consultations/{id}/close" in html  # an operation (its path as the schema writes it) ...
    assert 'id="schema-consultation"' in html  # ... and a type
    ids = set(re.findall(r'id="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links - ids == {"main"} - ids  # every in-page link has its target (the skip link's is <main>)
    assert html.count('tabindex="0" role="region"') == html.count("<table")
    assert reverse("api-docs-swagger") in html and reverse("api-schema") in html
    assert client.get(reverse("api-docs-swagger")).status_code == 200
