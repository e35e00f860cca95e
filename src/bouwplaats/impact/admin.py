# SPDX-License-Identifier: EUPL-1.2
"""Read-only admin for support; changes go through the pages and the API (services)."""

from django.contrib import admin

from bouwplaats.ui.admin import ReadOnlyAdmin

from .models import Application, CostRate, ImpactRun, ImpactScenario, LandscapeImport


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("name", "municipality", "supplier", "product", "version", "source", "is_demo")
    list_filter = ("source", "is_demo")
    search_fields = ("name", "supplier", "product", "municipality__name", "municipality__code")
    list_select_related = ("municipality",)
    raw_id_fields = ("municipality",)


@admin.register(ImpactScenario)
class ImpactScenarioAdmin(ReadOnlyAdmin):
    list_display = ("title", "model", "building_block", "max_depth", "is_demo")
    list_select_related = ("model", "building_block")


@admin.register(ImpactRun)
class ImpactRunAdmin(ReadOnlyAdmin):
    list_display = ("scenario", "model", "ran_at", "ran_by")
    list_select_related = ("scenario", "model", "ran_by")


@admin.register(LandscapeImport)
class LandscapeImportAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "status", "row_count", "error_count", "uploaded_by", "uploaded_at")
    exclude = ("content",)


@admin.register(CostRate)
class CostRateAdmin(ReadOnlyAdmin):
    list_display = ("kind", "size_class", "amount")
