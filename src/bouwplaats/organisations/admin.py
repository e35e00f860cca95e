# SPDX-License-Identifier: EUPL-1.2
"""Reference data is loaded by ``manage.py load_reference_data``; the admin only shows it."""

from django.contrib import admin

from bouwplaats.ui.admin import ReadOnlyAdmin, ReadOnlyAdminMixin

from .models import Municipality, Population, Province


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class PopulationInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Population
    fields = ["year", "inhabitants", "derived", "source"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "province", "valid_from", "valid_to", "merged_into"]
    list_filter = ["province", "valid_to"]
    search_fields = ["code", "name"]
    list_select_related = ["province", "merged_into"]
    inlines = [PopulationInline]
