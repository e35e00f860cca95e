# SPDX-License-Identifier: EUPL-1.2
"""Reads of the architecture models, with the joins each page or endpoint needs."""

from __future__ import annotations

import re

from django.db.models import Count, Prefetch, Q, QuerySet

from .gemma import GEMMA_MODEL_NAME
from .models import ArchitectureModel, Element, Relation, View


def release_key(release: str) -> tuple:
    """Sort key that orders ``2026-06-30`` after ``2025-12-01`` and ``5.10`` after ``5.9``."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", release) if part)


def models_list() -> QuerySet[ArchitectureModel]:
    return ArchitectureModel.objects.select_related("imported_by").order_by("name", "-imported_at")


def releases_of(name: str) -> list[ArchitectureModel]:
    """Every release of a model, newest release first."""
    return sorted(
        ArchitectureModel.objects.filter(name=name), key=lambda model: release_key(model.release), reverse=True
    )


def current_model(name: str = GEMMA_MODEL_NAME) -> ArchitectureModel | None:
    """The newest release of the model called ``name``, or None when none has been imported."""
    releases = releases_of(name)
    return releases[0] if releases else None


def model_by_release(name: str, release: str) -> ArchitectureModel | None:
    return ArchitectureModel.objects.filter(name=name, release=release).first()


def counts_per_layer_and_type(model: ArchitectureModel) -> list[dict]:
    """``[{"layer", "type", "count"}]`` ordered by layer and type."""
    return list(
        Element.objects.filter(model=model)
        .values("layer", "type")
        .annotate(count=Count("pk"))
        .order_by("layer", "type")
    )


def relation_counts_per_type(model: ArchitectureModel) -> list[dict]:
    return list(Relation.objects.filter(model=model).values("type").annotate(count=Count("pk")).order_by("type"))


def search_elements(
    model: ArchitectureModel, *, q: str = "", type: str = "", gemma_type: str = "", layer: str = ""
) -> QuerySet[Element]:
    """Elements of a model filtered by type, GEMMA type, layer and text in name or documentation."""
    elements = Element.objects.filter(model=model)
    if type:
        elements = elements.filter(type=type)
    if gemma_type:
        elements = elements.filter(gemma_type=gemma_type)
    if layer:
        elements = elements.filter(layer=layer)
    for word in q.split():
        elements = elements.filter(
            Q(name__icontains=word) | Q(documentation__icontains=word) | Q(object_id=word) | Q(identifier=word)
        )
    return elements.defer("properties").order_by("name", "identifier")


def filter_choices(model: ArchitectureModel) -> dict[str, list[str]]:
    """The element types and GEMMA types that occur in a model, for the search form."""
    values = Element.objects.filter(model=model)
    return {
        "types": list(values.order_by("type").values_list("type", flat=True).distinct()),
        "gemma_types": list(
            values.exclude(gemma_type="").order_by("gemma_type").values_list("gemma_type", flat=True).distinct()
        ),
    }


def element_detail(model: ArchitectureModel, identifier: str) -> Element | None:
    """An element with its relations (and the elements at their other ends) and its views."""
    return (
        Element.objects.filter(model=model, identifier=identifier)
        .select_related("model")
        .prefetch_related(
            Prefetch("outgoing", queryset=Relation.objects.select_related("target").order_by("type", "target__name")),
            Prefetch("incoming", queryset=Relation.objects.select_related("source").order_by("type", "source__name")),
            Prefetch("views", queryset=View.objects.only("pk", "identifier", "name", "folder_path").order_by("name")),
        )
        .first()
    )


def elements_by_object_ids(model: ArchitectureModel, object_ids) -> QuerySet[Element]:
    """The elements of a release with these GEMMA object ids (links survive new releases by them)."""
    return Element.objects.filter(model=model, object_id__in=list(object_ids)).order_by("name")
