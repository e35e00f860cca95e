# SPDX-License-Identifier: EUPL-1.2
"""Loading a model release into the engine's ``Graph``: two queries, then cached in process memory.

A release is never edited after its import (architecture app), so a graph can be kept for the
life of the process, keyed by the model id with its digest and import time (so that a row id
reused after a deletion never finds a stale graph). The cache is small and bounded.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from bouwplaats.architecture.models import Element, Relation

from .engine import Graph, Node

MAX_CACHED_GRAPHS = 4

_cache: OrderedDict[tuple, Graph] = OrderedDict()
_lock = threading.Lock()


def load_graph(model) -> Graph:
    """The graph of ``model`` (an ``ArchitectureModel``)."""
    key = (model.pk, model.content_digest, model.imported_at)
    with _lock:
        graph = _cache.get(key)
        if graph is not None:
            _cache.move_to_end(key)
            return graph
    graph = _build(model.pk)
    with _lock:
        _cache[key] = graph
        while len(_cache) > MAX_CACHED_GRAPHS:
            _cache.popitem(last=False)
    return graph


def forget() -> None:
    with _lock:
        _cache.clear()


def _build(model_id: int) -> Graph:
    nodes = [
        Node(
            id=pk,
            type=type_,
            gemma_type=gemma_type,
            layer=layer,
            object_id=object_id,
            name=name,
            key=(name.casefold(), identifier),
            identifier=identifier,
        )
        for pk, identifier, type_, gemma_type, layer, object_id, name in Element.objects.filter(
            model_id=model_id
        ).values_list("pk", "identifier", "type", "gemma_type", "layer", "object_id", "name")
    ]
    relations = Relation.objects.filter(model_id=model_id, source__isnull=False, target__isnull=False).values_list(
        "type", "source_id", "target_id"
    )
    return Graph.build(nodes, relations.iterator(chunk_size=5000))
