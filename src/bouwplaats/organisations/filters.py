# SPDX-License-Identifier: EUPL-1.2
import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .constants import SIZE_CLASSES
from .selectors import filter_municipalities


class MunicipalityFilter(django_filters.FilterSet):
    """API filters; all are applied together by ``selectors.filter_municipalities``."""

    date = django_filters.DateFilter(
        method="skip",
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2014-01-01.")},
        help_text=_(
            "Only the municipalities of the division on this date (ISO 8601, YYYY-MM-DD). Also the date for "
            "inhabitants and size class; without it, those are as of 1 January 2014."
        ),
    )
    province = django_filters.CharFilter(method="skip", help_text=_("CBS province code, for example PV27."))
    search = django_filters.CharFilter(
        method="skip", help_text=_("Part of the name or the code, for example amsterdam, 0363 or GM0363.")
    )
    size_class = extend_schema_field(OpenApiTypes.INT)(
        django_filters.TypedChoiceFilter(
            method="skip",
            coerce=int,
            empty_value=None,
            choices=[(size.code, size.label) for size in SIZE_CLASSES],
            help_text=_("CBS size class (1 to 8) for the number of inhabitants."),
        )
    )

    def skip(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return filter_municipalities(
            queryset,
            on=data.get("date"),
            query=data.get("search") or "",
            province=data.get("province") or "",
            size_class=data.get("sizeClass"),
        )
