# SPDX-License-Identifier: EUPL-1.2
"""Filters for the catalogue API (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import BuildingBlock, Evidence, MunicipalityRole, ResultAgreement


class BuildingBlockFilter(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="programme__slug", label=_("Programme (short name)"))
    cluster = django_filters.CharFilter(field_name="cluster", lookup_expr="iexact", label=_("Cluster"))
    evidence = django_filters.ChoiceFilter(choices=Evidence.choices, label=_("Evidence"))
    municipality_role = django_filters.ChoiceFilter(
        choices=MunicipalityRole.choices, label=_("Role of the municipality")
    )
    search = django_filters.CharFilter(method="filter_search", label=_("Search in name, code and owner"))

    class Meta:
        model = BuildingBlock
        fields = ["programme", "cluster", "evidence", "municipality_role", "search"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(selectors.search_building_blocks(value)) if value.strip() else queryset


class ResultAgreementFilter(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="programme__slug", label=_("Programme (short name)"))

    class Meta:
        model = ResultAgreement
        fields = ["programme"]
