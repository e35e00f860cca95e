# SPDX-License-Identifier: EUPL-1.2
"""Read-only API for provinces and municipalities (``/api/v1/provinces``, ``/api/v1/municipalities``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers, viewsets

from bouwplaats.audit.selectors import data_version
from bouwplaats.core.api import ConditionalMixin, list_response
from bouwplaats.core.fragments import cached_fragment

from . import selectors
from .filters import MunicipalityFilter
from .models import Municipality, Population, Province


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["id", "code", "name"]


class ProvinceSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["code", "name"]


class PopulationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Population
        fields = ["year", "inhabitants", "derived", "source"]


SIZE_CLASS_SCHEMA = inline_serializer(
    "SizeClass", fields={"code": serializers.IntegerField(), "label": serializers.CharField()}, allow_null=True
)


class MunicipalitySerializer(serializers.ModelSerializer):
    province = ProvinceSummarySerializer()
    merged_into = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=_("Code of the municipality it merged into, if it did."),
    )
    population = PopulationSerializer(source="populations", many=True, read_only=True)
    inhabitants = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Inhabitants as of the chosen date (see the date filter).")
    )
    population_year = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("The year (1 January) of the inhabitants figure.")
    )
    size_class = serializers.SerializerMethodField(help_text=_("CBS size class for the inhabitants figure."))

    class Meta:
        model = Municipality
        fields = [
            "id",
            "code",
            "name",
            "province",
            "valid_from",
            "valid_to",
            "merged_into",
            "population",
            "inhabitants",
            "population_year",
            "size_class",
        ]

    @extend_schema_field(SIZE_CLASS_SCHEMA)
    def get_size_class(self, municipality) -> dict | None:
        size = municipality.size_class
        return {"code": size.code, "label": str(size.label)} if size else None

    def to_representation(self, municipality) -> dict:
        """The declared fields' output (they also document the schema), built directly.

        A page has fifty municipalities with nested province and population figures; going through
        a field object for every value was most of the time a request took.
        """
        valid_to = municipality.valid_to
        merged_into = municipality.merged_into
        province = municipality.province
        inhabitants = getattr(municipality, "inhabitants", None)
        return {
            "id": municipality.id,
            "code": municipality.code,
            "name": municipality.name,
            "province": {"code": province.code, "name": province.name},
            "valid_from": municipality.valid_from.isoformat(),
            "valid_to": valid_to.isoformat() if valid_to else None,
            "merged_into": merged_into.code if merged_into else None,
            "population": [
                {"year": row.year, "inhabitants": row.inhabitants, "derived": row.derived, "source": row.source}
                for row in municipality.populations.all()
            ],
            "inhabitants": inhabitants,
            "population_year": getattr(municipality, "population_year", None),
            "size_class": self.get_size_class(municipality),
        }


class ProvinceViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """The twelve provinces."""

    serializer_class = ProvinceSerializer
    queryset = selectors.provinces()
    filter_backends = []


class MunicipalityViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """Municipalities (gemeenten), one record per period of a CBS code, with population and mergers."""

    serializer_class = MunicipalitySerializer
    queryset = selectors.municipality_list_for_api()
    filterset_class = MunicipalityFilter

    def list(self, request, *args, **kwargs):
        # A page's data comes from the cache while the data and the query are unchanged (ADR 6).
        # The key holds the full URL (the ``next`` and ``previous`` links name the host) and the
        # date (inhabitants default to a date); ``cached_fragment`` adds the language.
        data = cached_fragment(
            "organisations.api.municipality_list",
            (data_version(request), request.build_absolute_uri(), timezone.localdate()),
            lambda: super(MunicipalityViewSet, self).list(request, *args, **kwargs).data,
        )
        return list_response(data)
