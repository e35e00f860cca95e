# SPDX-License-Identifier: EUPL-1.2
"""Filters for the suppliers API (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import DeliveryCommitment, Product, ProductVersion, Readiness, ReadinessState, Supplier


class SupplierFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("A part of the name"))

    class Meta:
        model = Supplier
        fields = ["search", "is_demo"]


class ProductFilter(django_filters.FilterSet):
    class Meta:
        model = Product
        fields = ["supplier"]


class ProductVersionFilter(django_filters.FilterSet):
    supplier = django_filters.NumberFilter(field_name="product__supplier", label=_("Supplier (id)"))

    class Meta:
        model = ProductVersion
        fields = ["product", "supplier"]


class ReadinessFilter(django_filters.FilterSet):
    supplier = django_filters.NumberFilter(field_name="product_version__product__supplier", label=_("Supplier (id)"))
    product = django_filters.NumberFilter(field_name="product_version__product", label=_("Product (id)"))
    building_block = django_filters.CharFilter(field_name="building_block__code", label=_("Building block (code)"))
    standard = django_filters.CharFilter(field_name="standard__code", label=_("Standard (code)"))
    state = django_filters.ChoiceFilter(choices=ReadinessState.choices, label=_("Readiness"))

    class Meta:
        model = Readiness
        fields = ["product_version", "product", "supplier", "building_block", "standard", "state"]


class DeliveryCommitmentFilter(django_filters.FilterSet):
    supplier = django_filters.NumberFilter(field_name="signature__supplier", label=_("Supplier (id)"))
    agreement = django_filters.NumberFilter(field_name="signature__agreement", label=_("Agreement (id)"))
    building_block = django_filters.CharFilter(field_name="building_block__code", label=_("Building block (code)"))
    overdue = django_filters.BooleanFilter(field_name="is_overdue", label=_("Overdue"))

    class Meta:
        model = DeliveryCommitment
        fields = ["supplier", "agreement", "building_block", "overdue"]
