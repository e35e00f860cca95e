# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from .models import ProgrammeBudget
from .reviews import admin as reviews_admin  # noqa: F401 (registers the review admins)


@admin.register(ProgrammeBudget)
class ProgrammeBudgetAdmin(admin.ModelAdmin):
    """Read-only: the budget is reference data with its source, loaded by ``load_reference_data``."""

    list_display = ("programme", "code", "kind", "amount", "source_url")
    list_filter = ("programme", "kind")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
