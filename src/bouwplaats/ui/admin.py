# SPDX-License-Identifier: EUPL-1.2
"""Admin building blocks shared by the apps."""

from django.contrib import admin


class ReadOnlyAdminMixin:
    """Shows records without add, change or delete: such changes go through the services,
    which validate them and write the audit log."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass
