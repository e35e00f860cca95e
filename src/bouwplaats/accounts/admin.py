# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import Membership, User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Django's user admin, adapted to e-mail login. Roles are best changed on the
    management page, which keeps the audit log and protects the last administrator."""

    add_form = UserCreationForm
    ordering = ["full_name", "email"]
    list_display = ["email", "full_name", "role", "organisation_name", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name", "organisation_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal details"), {"fields": ["full_name", "preferred_language"]}),
        (_("Role"), {"fields": ["role", "organisation_name"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "usable_password", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "status", "requested_at", "decided_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__full_name", "municipality__name", "municipality__code"]
    list_select_related = ["user", "municipality", "decided_by"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["municipality", "decided_by"]
    readonly_fields = ["requested_at"]
