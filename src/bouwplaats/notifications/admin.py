# SPDX-License-Identifier: EUPL-1.2
"""Read-only admin lists: notifications are written by the services, never by hand."""

from django.contrib import admin

from bouwplaats.ui.admin import ReadOnlyAdmin

from .models import Follow, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["subject", "recipient", "kind", "created_at", "read_at", "emailed_at", "digested_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["subject", "recipient__email"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    list_display = ["user", "target_type", "target_id", "created_at"]
    list_filter = ["target_type"]
    search_fields = ["user__email"]
    list_select_related = ["user", "target_type"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "frequency", "muted_kinds", "updated_at"]
    list_filter = ["frequency"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
