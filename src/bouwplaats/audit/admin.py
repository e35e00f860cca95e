# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from bouwplaats.ui.admin import ReadOnlyAdmin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["timestamp", "actor_label", "action", "object_type", "object_label"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_label", "object_id"]
    date_hierarchy = "timestamp"
