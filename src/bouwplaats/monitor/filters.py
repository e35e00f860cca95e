# SPDX-License-Identifier: EUPL-1.2
"""Filters for the monitor API (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from . import selectors
from .constants import Source
from .models import CurrentStatus, StatusEvent


class _PairFilter(django_filters.FilterSet):
    programme = django_filters.CharFilter(
        field_name="building_block__programme__slug", label=_("Programme (short name)")
    )
    municipality = django_filters.CharFilter(method="filter_municipality", label=_("Municipality (CBS code)"))
    building_block = django_filters.CharFilter(
        field_name="building_block__code", lookup_expr="iexact", label=_("Building block (code)")
    )
    province = django_filters.CharFilter(
        field_name="municipality__province__code", lookup_expr="iexact", label=_("Province (CBS code)")
    )

    def filter_municipality(self, queryset, name, value):
        # By the ids of the code's periods, looked up first: the database then knows it asks for one
        # municipality's rows and reads them by the municipality's index, instead of walking the whole
        # history in date order to find them.
        return queryset.filter(municipality_id__in=selectors.municipality_ids(value))


class CurrentStatusFilter(_PairFilter):
    # Filters run in the order declared: ``as_of`` swaps the current rows for the events that held
    # on that date, so that ``level`` below filters on the level of that date.
    as_of = django_filters.DateFilter(method="filter_as_of", label=_("As of this date (YYYY-MM-DD)"))
    level = django_filters.CharFilter(field_name="level__code", label=_("Status level (code)"))

    class Meta:
        model = CurrentStatus
        fields = ["programme", "municipality", "building_block", "province", "as_of", "level"]

    def filter_as_of(self, queryset, name, value):
        return selectors.statuses_as_of(user=self.request.user, on=value, current=queryset)


class StatusEventFilter(_PairFilter):
    level = django_filters.CharFilter(field_name="level__code", label=_("Status level (code)"))
    source = django_filters.ChoiceFilter(choices=Source.choices, label=_("Source"))
    since = django_filters.DateFilter(
        field_name="valid_from", lookup_expr="gte", label=_("Valid from this date on (YYYY-MM-DD)")
    )
    until = django_filters.DateFilter(
        field_name="valid_from", lookup_expr="lte", label=_("Valid from at the latest on this date (YYYY-MM-DD)")
    )

    class Meta:
        model = StatusEvent
        fields = ["programme", "municipality", "building_block", "province", "level", "source", "since", "until"]
