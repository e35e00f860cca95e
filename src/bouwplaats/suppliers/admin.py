# SPDX-License-Identifier: EUPL-1.2
"""Read-only admin views of suppliers: changes go through the supplier pages and the API (and their services),
so that every change is validated, permission-checked and recorded in the audit log."""

from django.contrib import admin

from bouwplaats.ui.admin import ReadOnlyAdmin

from .models import (
    Agreement,
    AgreementSignature,
    DeliveryCommitment,
    Product,
    ProductVersion,
    Readiness,
    Standard,
    Supplier,
    SupplierMembership,
)


@admin.register(Supplier)
class SupplierAdmin(ReadOnlyAdmin):
    list_display = ["name", "kvk_number", "website", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["name", "kvk_number"]


@admin.register(SupplierMembership)
class SupplierMembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "supplier", "status", "requested_at", "decided_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["user", "supplier", "decided_by"]
    search_fields = ["user__email", "user__full_name", "supplier__name"]


@admin.register(Product)
class ProductAdmin(ReadOnlyAdmin):
    list_display = ["name", "supplier", "is_demo"]
    list_filter = ["is_demo"]
    list_select_related = ["supplier"]
    search_fields = ["name", "supplier__name"]


@admin.register(ProductVersion)
class ProductVersionAdmin(ReadOnlyAdmin):
    list_display = ["product", "version", "release_date", "end_of_support"]
    list_select_related = ["product"]
    search_fields = ["product__name", "version"]


@admin.register(Readiness)
class ReadinessAdmin(ReadOnlyAdmin):
    list_display = ["product_version", "building_block", "standard", "state", "date"]
    list_filter = ["state"]
    list_select_related = ["product_version__product", "building_block", "standard"]


@admin.register(Standard)
class StandardAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "gemma_object_id", "schema_set"]
    list_filter = ["schema_set"]
    search_fields = ["code", "name", "gemma_object_id"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "programme"]
    list_filter = ["kind", "programme"]
    list_select_related = ["programme"]


@admin.register(AgreementSignature)
class AgreementSignatureAdmin(ReadOnlyAdmin):
    list_display = ["supplier", "agreement", "signed_on", "is_demo"]
    list_select_related = ["supplier", "agreement"]


@admin.register(DeliveryCommitment)
class DeliveryCommitmentAdmin(ReadOnlyAdmin):
    list_display = ["signature", "building_block", "due_date"]
    list_select_related = ["signature__supplier", "signature__agreement", "building_block"]
