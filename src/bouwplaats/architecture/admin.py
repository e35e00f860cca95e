# SPDX-License-Identifier: EUPL-1.2
"""Read-only admin views of the architecture models: releases are imported through the import
page or API (and its service), never edited in place."""

from django.contrib import admin

from bouwplaats.ui.admin import ReadOnlyAdmin

from .models import ArchitectureModel, Element, Relation, View


@admin.register(ArchitectureModel)
class ArchitectureModelAdmin(ReadOnlyAdmin):
    list_display = ["name", "release", "source_format", "element_count", "relation_count", "view_count", "imported_at"]
    list_filter = ["name", "source_format"]
    search_fields = ["name", "release"]


@admin.register(Element)
class ElementAdmin(ReadOnlyAdmin):
    list_display = ["name", "type", "gemma_type", "layer", "model", "object_id"]
    list_filter = ["model", "layer", "type"]
    list_select_related = ["model"]
    search_fields = ["name", "identifier", "object_id"]


@admin.register(Relation)
class RelationAdmin(ReadOnlyAdmin):
    list_display = ["identifier", "type", "source_identifier", "target_identifier", "model"]
    list_filter = ["model", "type"]
    list_select_related = ["model"]
    search_fields = ["identifier", "name", "source_identifier", "target_identifier"]
    raw_id_fields = ["source", "target"]


@admin.register(View)
class ViewAdmin(ReadOnlyAdmin):
    list_display = ["name", "viewpoint", "folder_path", "model"]
    list_filter = ["model"]
    list_select_related = ["model"]
    search_fields = ["name", "identifier"]
    raw_id_fields = ["elements"]
