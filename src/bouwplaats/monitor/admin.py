# SPDX-License-Identifier: EUPL-1.2
"""Read-only admin views of the monitor: statuses are reported through the pages and the API."""

from django.contrib import admin

from bouwplaats.ui.admin import ReadOnlyAdmin

from .models import CurrentStatus, StatusEvent


@admin.register(StatusEvent)
class StatusEventAdmin(ReadOnlyAdmin):
    list_display = ["municipality", "building_block", "level", "valid_from", "recorded_at", "source", "is_demo"]
    list_filter = ["source", "is_demo", "building_block__programme"]
    list_select_related = ["municipality", "building_block", "level"]
    search_fields = ["municipality__name", "municipality__code", "building_block__code"]
    date_hierarchy = "valid_from"


@admin.register(CurrentStatus)
class CurrentStatusAdmin(ReadOnlyAdmin):
    list_display = ["municipality", "building_block", "level", "planned_date", "version", "updated_at", "is_demo"]
    list_filter = ["is_demo", "building_block__programme", "level__position"]
    list_select_related = ["municipality", "building_block", "level"]
    search_fields = ["municipality__name", "municipality__code", "building_block__code"]
