# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read only: jobs are written by the code that starts and runs them."""

    list_display = ["title", "kind", "owner", "state", "created_at", "finished_at"]
    list_filter = ["state", "kind"]
    search_fields = ["title", "owner__email"]
    list_select_related = ["owner"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
