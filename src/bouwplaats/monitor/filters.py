# SPDX-License-Identifier: EUPL-1.2
"""Filters for the monitor API (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import PermissionDenied

from . import selectors
from .constants import Source
from .extensions import api_municipality_filter
from .models import CurrentStatus, StatusEvent

MAX_ID = 2**63 - 1  # the largest id the database holds


def registered_filter_ids(user, api_name: str, value) -> set[int]:
    """The municipalities that the registered filter behind the API's parameter ``api_name`` keeps for
    ``value`` on every block (``extensions.MunicipalityFilter.overall_ids``, e.g. those that use supplier
    ``value``'s products). Raises ``PermissionDenied`` (403) for whom the filter is not shown; no registered
    filter, or an id that cannot exist, keeps none."""
    item = api_municipality_filter(api_name)
    if item is None or item.overall_ids is None:
        return set()
    if not item.visible(user):
        raise PermissionDenied(str(item.refusal) or _("You may not use this filter."))
    if value != int(value) or not 0 < value <= MAX_ID:
        return set()
    return item.overall_ids(str(int(value)))


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
    supplier = django_filters.NumberFilter(
        method="filter_registered",
        label=_(
            "Supplier (id): the municipalities whose landscape uses its products (programme staff only; others get 403)"
        ),
    )

    def filter_registered(self, queryset, name, value):
        return queryset.filter(municipality_id__in=registered_filter_ids(self.request.user, name, value))

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
        fields = ["programme", "municipality", "building_block", "province", "supplier", "as_of", "level"]

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
        fields = [
            "programme",
            "municipality",
            "building_block",
            "province",
            "supplier",
            "level",
            "source",
            "since",
            "until",
        ]
