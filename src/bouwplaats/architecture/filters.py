# SPDX-License-Identifier: EUPL-1.2
"""Filters for the element API (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Element, Layer


class ElementFilter(django_filters.FilterSet):
    model = django_filters.NumberFilter(field_name="model_id", label=_("Model release (id)"))
    type = django_filters.CharFilter(field_name="type", label=_("ArchiMate type, e.g. ApplicationComponent"))
    gemma_type = django_filters.CharFilter(field_name="gemma_type", label=_("GEMMA type, e.g. Referentiecomponent"))
    layer = django_filters.ChoiceFilter(choices=Layer.choices, label=_("Layer"))
    object_id = django_filters.CharFilter(field_name="object_id", label=_("GEMMA object ID"))
    q = django_filters.CharFilter(method="filter_text", label=_("Words in the name or documentation"))

    class Meta:
        model = Element
        fields = ["model", "type", "gemma_type", "layer", "object_id", "q"]

    def filter_text(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(name__icontains=word) | Q(documentation__icontains=word))
        return queryset
