# SPDX-License-Identifier: EUPL-1.2
"""Read-only admin views of the catalogue: changes go through the catalogue pages (and their services),
so that every change is validated and recorded in the audit log."""

from django.contrib import admin

from bouwplaats.ui.admin import ReadOnlyAdmin, ReadOnlyAdminMixin

from .models import BuildingBlock, BuildingBlockElement, Programme, ResultAgreement, StatusLevel


class StatusLevelInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = StatusLevel
    fields = ["position", "code", "name", "description"]
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "start_date", "end_date", "reference_date", "is_current", "closed_on"]
    list_filter = ["is_current"]
    search_fields = ["name", "slug"]
    inlines = [StatusLevelInline]


@admin.register(BuildingBlock)
class BuildingBlockAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "programme", "cluster", "owner", "municipality_role", "deadline", "evidence"]
    list_filter = ["programme", "cluster", "evidence", "municipality_role"]
    list_select_related = ["programme"]
    search_fields = ["code", "name", "owner"]


@admin.register(ResultAgreement)
class ResultAgreementAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "programme", "deadline", "required_level"]
    list_filter = ["programme"]
    list_select_related = ["programme", "required_level"]
    search_fields = ["title", "text"]


@admin.register(BuildingBlockElement)
class BuildingBlockElementAdmin(ReadOnlyAdmin):
    list_display = ["building_block", "object_id", "note", "added_by", "added_at"]
    list_select_related = ["building_block", "added_by"]
    search_fields = ["object_id", "building_block__code", "note"]
