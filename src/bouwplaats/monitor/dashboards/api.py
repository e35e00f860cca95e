# SPDX-License-Identifier: EUPL-1.2
"""Aggregated statistics of the monitor: public, computed with grouped queries, cached per data version.

- ``/api/v1/statistics/building-blocks``: per building block the number of municipalities per level;
- ``/api/v1/statistics/provinces``: the same per province × building block;
- ``/api/v1/open-data/progress.csv``: per month × province × building block × level, as open data.

A municipality without a report counts at the lowest level. ``as_of`` (``YYYY-MM``) gives the state
at the end of that month instead of now.
"""

from __future__ import annotations

import datetime
import json

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers, serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from bouwplaats.audit.selectors import data_version
from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.shortcuts import programme_or_404
from bouwplaats.core import tabular
from bouwplaats.core.fragments import cached_fragment
from bouwplaats.organisations.constants import SIZE_CLASSES

from ..filters import MAX_ID, registered_filter_ids
from . import selectors
from .open_data import PROVINCE_COLUMNS, province_progress_sheet

LICENCE_NOTE = (
    "Aggregated progress per month, province, building block and status level. Municipalities without a "
    "report count at the lowest level. Rows marked is_demo=true include generated demonstration data. "
    "Source: the Bouwplaats implementation monitor; municipalities, provinces and population: "
    "Bron: CBS (CC BY 4.0)."
)


# --- parameters --------------------------------------------------------------------------------


def _programme_by_slug(slug: str) -> Programme:
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise serializers.ValidationError(_("There is no programme with this short name."))
    return programme


class StatisticsQuerySerializer(serializers.Serializer):
    programme = serializers.SlugField(
        required=False, help_text=gettext_lazy("Short name of the programme; default: the current programme.")
    )
    province = serializers.RegexField(
        r"^PV\d{2}$", required=False, help_text=gettext_lazy("CBS code of a province, e.g. PV27.")
    )
    sizeClass = serializers.ChoiceField(  # query parameters are camelCase
        source="size_class",
        choices=[size.code for size in SIZE_CLASSES],
        required=False,
        help_text=gettext_lazy("CBS size class (1–8) by inhabitants on the programme's reference date."),
    )
    asOf = serializers.RegexField(
        r"^\d{4}-\d{2}$",
        source="as_of",
        required=False,
        help_text=gettext_lazy("A month (YYYY-MM): the state at its end. Default: now."),
    )
    supplier = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=gettext_lazy(
            "Supplier (id): count only the municipalities whose landscape uses its products (programme staff "
            "only; others get 403)."
        ),
    )

    def validate_asOf(self, value: str) -> datetime.date:
        try:
            return datetime.date(int(value[:4]), int(value[5:7]), 1)
        except ValueError:
            raise serializers.ValidationError(_("Enter a month as YYYY-MM, for example 2014-06.")) from None

    def validate_programme(self, value: str) -> Programme:
        return _programme_by_slug(value)


class ProvinceQuerySerializer(StatisticsQuerySerializer):
    province = None


class OpenDataQuerySerializer(serializers.Serializer):
    programme = serializers.SlugField(
        required=False, help_text=gettext_lazy("Short name of the programme; default: the current programme.")
    )

    def validate_programme(self, value: str) -> Programme:
        return _programme_by_slug(value)


def _parameters(request, serializer_class) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    data["programme"] = data.get("programme") or programme_or_404()
    if "supplier" in data:  # a registered filter (``extensions.MunicipalityFilter``): who may use it, what it keeps
        data["municipality_ids"] = sorted(registered_filter_ids(request.user, "supplier", data["supplier"]))
    return data


# --- responses ---------------------------------------------------------------------------------


class LevelCountSerializer(serializers.Serializer):
    level = serializers.CharField(help_text=gettext_lazy("Code of the status level."))
    level_name = serializers.CharField()
    position = serializers.IntegerField(help_text=gettext_lazy("0 is the lowest level."))
    count = serializers.IntegerField(help_text=gettext_lazy("Number of municipalities at this level."))
    share = serializers.FloatField(allow_null=True, help_text=gettext_lazy("Percentage of the municipalities."))


class BlockStatisticsSerializer(serializers.Serializer):
    programme = serializers.CharField()
    building_block = serializers.CharField(help_text=gettext_lazy("Code of the building block."))
    building_block_name = serializers.CharField()
    as_of = serializers.CharField(allow_null=True, help_text=gettext_lazy("The month (YYYY-MM), or null: now."))
    municipalities = serializers.IntegerField(help_text=gettext_lazy("Number of municipalities counted."))
    levels = LevelCountSerializer(many=True)
    top_level_share = serializers.FloatField(
        allow_null=True, help_text=gettext_lazy("Percentage of the municipalities at the highest level.")
    )


class ProvinceStatisticsSerializer(BlockStatisticsSerializer):
    province = serializers.CharField(help_text=gettext_lazy("CBS code of the province."))
    province_name = serializers.CharField()

    field_order = ["province", "province_name"]


def _levels(levels, counts, total) -> list[dict]:
    return [
        {
            "level": level.code,
            "level_name": level.name,
            "position": level.position,
            "count": count,
            "share": selectors.share(count, total),
        }
        for level, count in zip(levels, counts, strict=True)
    ]


def _as_of(month) -> str | None:
    return month.strftime("%Y-%m") if month else None


def block_statistics(*, programme, province="", size_class=None, as_of=None, municipality_ids=None) -> list[dict]:
    levels = selectors.programme_levels(programme)
    blocks = sorted(selectors.programme_blocks(programme), key=lambda block: block.code)
    municipalities = selectors.division(
        programme=programme, province=province, size_class=size_class, municipality_ids=municipality_ids
    ).values("pk")
    total = municipalities.count()
    rows = selectors.distributions(
        programme=programme, levels=levels, blocks=blocks, municipalities=municipalities, total=total, month=as_of
    )
    return [
        {
            "programme": programme.slug,
            "building_block": row.building_block.code,
            "building_block_name": row.building_block.name,
            "as_of": _as_of(as_of),
            "municipalities": row.total,
            "levels": _levels(levels, row.counts, row.total),
            "top_level_share": row.top_share,
        }
        for row in rows
    ]


def province_statistics(*, programme, size_class=None, as_of=None, municipality_ids=None) -> list[dict]:
    levels = selectors.programme_levels(programme)
    blocks = sorted(selectors.programme_blocks(programme), key=lambda block: block.code)
    rows = selectors.province_distributions(
        programme=programme,
        levels=levels,
        blocks=blocks,
        size_class=size_class,
        month=as_of,
        municipality_ids=municipality_ids,
    )
    return [
        {
            "province": row.province_code,
            "province_name": row.province_name,
            "programme": programme.slug,
            "building_block": row.building_block.code,
            "building_block_name": row.building_block.name,
            "as_of": _as_of(as_of),
            "municipalities": row.total,
            "levels": _levels(levels, row.counts, row.total),
            "top_level_share": selectors.share(row.counts[-1] if row.counts else 0, row.total),
        }
        for row in rows
    ]


class _StatisticsViewSet(viewsets.GenericViewSet):
    permission_classes = [AllowAny]
    filter_backends: list = []
    query_serializer = StatisticsQuerySerializer
    cache_name = ""

    def compute(self, parameters: dict) -> list[dict]:  # pragma: no cover - overridden
        raise NotImplementedError

    def list(self, request):
        parameters = _parameters(request, self.query_serializer)
        data = cached_fragment(
            self.cache_name,
            (data_version(request), sorted((key, str(value)) for key, value in parameters.items())),
            lambda: self.compute(parameters),
        )
        page = self.paginate_queryset(data)
        return self.get_paginated_response(page)


@extend_schema(
    tags=["statistics"],
    summary="Statistics per building block",
    description=(
        "Per building block of the programme the number and share of municipalities at each status level, "
        "now or at the end of a month; filters by province and size class. Municipalities without a report "
        "count at the lowest level."
    ),
    parameters=[StatisticsQuerySerializer],
)
class BuildingBlockStatisticsViewSet(_StatisticsViewSet):
    serializer_class = BlockStatisticsSerializer
    cache_name = "monitor.api.block_statistics"

    def compute(self, parameters: dict) -> list[dict]:
        return block_statistics(
            programme=parameters["programme"],
            province=parameters.get("province", ""),
            size_class=parameters.get("size_class"),
            as_of=parameters.get("as_of"),
            municipality_ids=parameters.get("municipality_ids"),
        )


@extend_schema(
    tags=["statistics"],
    summary="Statistics per province and building block",
    description=(
        "Per province × building block the number and share of municipalities at each status level, now or at "
        "the end of a month; filter by size class."
    ),
    parameters=[ProvinceQuerySerializer],
)
class ProvinceStatisticsViewSet(_StatisticsViewSet):
    serializer_class = ProvinceStatisticsSerializer
    query_serializer = ProvinceQuerySerializer
    cache_name = "monitor.api.province_statistics"

    def compute(self, parameters: dict) -> list[dict]:
        return province_statistics(
            programme=parameters["programme"],
            size_class=parameters.get("size_class"),
            as_of=parameters.get("as_of"),
            municipality_ids=parameters.get("municipality_ids"),
        )


# --- open data ---------------------------------------------------------------------------------

OPEN_DATA_COLUMNS = PROVINCE_COLUMNS


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, str | bytes):
            return data
        return json.dumps(data, ensure_ascii=False)  # an error: its details as text


def open_data_csv(*, programme, today) -> bytes:
    """The open data file: UTF-8 without byte order mark and with plain line ends, for machines."""
    sheet = province_progress_sheet(programme=programme, today=today)
    return tabular.csv_bytes(sheet, bom=False, line_end="\n")


class OpenDataProgressView(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [CSVRenderer, renderers.JSONRenderer]

    @extend_schema(
        tags=["open data"],
        summary="Open data: progress per month, province, building block and level (CSV)",
        description=LICENCE_NOTE
        + "\n\nColumns:\n\n"
        + "\n".join(f"- `{name}`: {description}" for name, description in OPEN_DATA_COLUMNS),
        parameters=[OpenDataQuerySerializer],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV with a header row.")},
    )
    def get(self, request):
        parameters = _parameters(request, OpenDataQuerySerializer)
        programme = parameters["programme"]
        today = timezone.localdate()
        text = cached_fragment(
            "monitor.api.open_data",
            (data_version(request), programme.pk, today),
            lambda: open_data_csv(programme=programme, today=today),
        )
        return tabular.file_response(
            text, f"voortgang-{programme.slug}-{today.isoformat()}.csv", tabular.CONTENT_TYPES[tabular.CSV]
        )
