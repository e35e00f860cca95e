# SPDX-License-Identifier: EUPL-1.2
"""The stored layout of a view: the diagram as drawn, in the exchange format's terms.

``View.layout`` (and ``ParsedView.layout``) is ``{"nodes": [...], "connections": [...]}``, with
identifiers as the model stores them (see ``identifiers``) and coordinates absolute, as in the
exchange format:

* a node: ``{"id", "kind": "Element" | "Label" | "Container", "ref" (the element, for
  "Element"), "x", "y", "w", "h", "label" (text of a Label or Container), "style", "nodes"}``,
  ``nodes`` being the nodes drawn inside it;
* a connection: ``{"id", "kind": "Relationship" | "Line", "ref" (the relationship, for
  "Relationship"), "source", "target" (node or connection ids), "bendpoints": [[x, y], ...],
  "source_attachment", "target_attachment" ([x, y] or absent), "label", "style"}``;
* a style: ``{"fill": [r, g, b] or [r, g, b, a], "line": [...], "line_width": n, "font": {"name",
  "size", "style", "color"}}``, each key only when given.
"""

from __future__ import annotations

from collections.abc import Iterator

ELEMENT, LABEL, CONTAINER = "Element", "Label", "Container"
RELATIONSHIP, LINE = "Relationship", "Line"
NODE_KINDS = (ELEMENT, LABEL, CONTAINER)
CONNECTION_KINDS = (RELATIONSHIP, LINE)


def iter_nodes(nodes: list[dict]) -> Iterator[dict]:
    """Every node, depth first, parents before their children."""
    for node in nodes:
        yield node
        yield from iter_nodes(node.get("nodes", []))


def element_refs(layout: dict) -> list[str]:
    """The elements a layout draws, each once, in the order drawn."""
    return list(dict.fromkeys(node["ref"] for node in iter_nodes(layout.get("nodes", [])) if node.get("ref")))


def relationship_refs(layout: dict) -> list[str]:
    return [connection["ref"] for connection in layout.get("connections", []) if connection.get("ref")]


def bounds(layout: dict) -> dict[str, tuple[int, int, int, int]]:
    """``{node id: (x, y, w, h)}``: what the tests compare after a round trip."""
    return {node["id"]: (node["x"], node["y"], node["w"], node["h"]) for node in iter_nodes(layout.get("nodes", []))}
