"""Read-mostly admin for support; changes go through the pages and the API (services)."""

from django.contrib import admin

from .models import Application, CostRate, ImpactRun, ImpactScenario, LandscapeImport


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "supplier", "product", "version", "source", "is_demo")
    list_filter = ("source", "is_demo")
    search_fields = ("name", "supplier", "product", "municipality__name", "municipality__code")
    list_select_related = ("municipality",)
    raw_id_fields = ("municipality",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImpactScenario)
class ImpactScenarioAdmin(admin.ModelAdmin):
    list_display = ("title", "model", "building_block", "max_depth", "is_demo")
    list_select_related = ("model", "building_block")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImpactRun)
class ImpactRunAdmin(admin.ModelAdmin):
    list_display = ("scenario", "model", "ran_at", "ran_by")
    list_select_related = ("scenario", "model", "ran_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LandscapeImport)
class LandscapeImportAdmin(admin.ModelAdmin):
    list_display = ("file_name", "status", "row_count", "error_count", "uploaded_by", "uploaded_at")
    exclude = ("content",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CostRate)
class CostRateAdmin(admin.ModelAdmin):
    list_display = ("kind", "size_class", "amount")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
