# SPDX-License-Identifier: EUPL-1.2
"""Filters for the co-creation API (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Idea, IdeaStatus
from .selectors import SORTS


class IdeaFilter(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="programme__slug", label=_("Programme (short name)"))
    building_block = django_filters.CharFilter(
        field_name="building_block__code", lookup_expr="iexact", label=_("Building block (code)")
    )
    status = django_filters.ChoiceFilter(choices=IdeaStatus.choices, label=_("Status"))
    theme = django_filters.CharFilter(lookup_expr="iexact", label=_("Theme"))
    sort = django_filters.ChoiceFilter(
        choices=[("votes", _("most votes first")), ("newest", _("newest first"))],
        method="filter_sort",
        label=_("Order"),
    )

    class Meta:
        model = Idea
        fields = ["programme", "building_block", "status", "theme"]

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])
