# SPDX-License-Identifier: EUPL-1.2
"""The survey-round API: rounds with their response rate (programme staff and coordinators),
opening and changing rounds and the list of municipalities that have not answered (staff)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bouwplaats.accounts.permissions import is_programme_staff, require
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.catalogue.selectors import programme_or_current
from bouwplaats.core.api import request_data

from ..constants import MAX_TEXT_LENGTH
from ..models import SurveyRound
from . import selectors, services

STATE_CHOICES = [(key, label) for key, label in selectors.RoundState.LABELS.items()]


# --- read serializers --------------------------------------------------------------------------


class RateSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=gettext_lazy("Province code or size class code (empty: unknown)."))
    label = serializers.CharField()
    responded = serializers.IntegerField()
    asked = serializers.IntegerField(source="total")
    response_rate = serializers.FloatField(
        source="rate", allow_null=True, help_text=gettext_lazy("Percentage that answered.")
    )


class SurveyRoundSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    programme = serializers.CharField(source="programme.slug", read_only=True)
    name = serializers.CharField(read_only=True)
    building_blocks = serializers.SerializerMethodField()
    opens_on = serializers.DateField(read_only=True)
    closes_on = serializers.DateField(read_only=True)
    introduction = serializers.CharField(read_only=True)
    state = serializers.SerializerMethodField()
    responded = serializers.IntegerField(
        source="response.responded", read_only=True, help_text=gettext_lazy("Municipalities that answered.")
    )
    asked = serializers.IntegerField(
        source="response.total", read_only=True, help_text=gettext_lazy("Municipalities asked.")
    )
    response_rate = serializers.FloatField(
        source="response.rate",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Percentage of the municipalities asked that answered."),
    )

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_building_blocks(self, obj) -> list[str]:
        return [block.code for block in obj.building_blocks.all()]

    @extend_schema_field(serializers.ChoiceField(choices=STATE_CHOICES))
    def get_state(self, obj) -> str:
        return selectors.round_state(obj, self.context.get("today"))


class SurveyRoundDetailSerializer(SurveyRoundSerializer):
    by_province = RateSerializer(many=True, read_only=True, source="round_response.by_province")
    by_size_class = RateSerializer(many=True, read_only=True, source="round_response.by_size_class")


class NonResponderSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    province = serializers.CharField(source="province.code")
    province_name = serializers.CharField(source="province.name")
    inhabitants = serializers.IntegerField(allow_null=True)
    size_class = serializers.SerializerMethodField()
    coordinators = serializers.IntegerField(source="coordinator_count")
    last_reminder = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_size_class(self, obj):
        return obj.size_class.code if obj.size_class else None


# --- write serializer (parses input only) ------------------------------------------------------


class SurveyRoundWriteSerializer(serializers.Serializer):
    programme = serializers.SlugField(
        required=False,
        help_text=gettext_lazy("Short name of the programme (on creation only); the current programme if left out."),
    )
    name = serializers.CharField(max_length=SurveyRound._meta.get_field("name").max_length)
    building_blocks = serializers.ListField(
        child=serializers.CharField(max_length=40), help_text=gettext_lazy("Building block codes.")
    )
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    introduction = serializers.CharField(max_length=MAX_TEXT_LENGTH, required=False, allow_blank=True)

    def validate(self, attrs):
        instance: SurveyRound | None = self.context.get("instance")
        if instance is not None:
            if "programme" in attrs and attrs["programme"] != instance.programme.slug:
                raise serializers.ValidationError({"programme": _("The programme of a survey round cannot change.")})
            attrs.pop("programme", None)
            programme = instance.programme
        else:
            slug = attrs.pop("programme", None)
            programme = programme_or_current(slug)
            if programme is None:
                raise serializers.ValidationError({"programme": _("There is no programme with this short name.")})
            attrs["programme"] = programme
        if "building_blocks" in attrs:
            codes = list(dict.fromkeys(attrs["building_blocks"]))
            blocks = {block.code: block for block in BuildingBlock.objects.filter(programme=programme, code__in=codes)}
            unknown = [code for code in codes if code not in blocks]
            if unknown:
                raise serializers.ValidationError(
                    {
                        "building_blocks": _("%(programme)s has no building block with the code %(codes)s.")
                        % {"programme": programme.name, "codes": ", ".join(unknown)}
                    }
                )
            attrs["building_blocks"] = [blocks[code] for code in codes]
        return attrs


# --- filters and permission --------------------------------------------------------------------


class SurveyRoundFilter(django_filters.FilterSet):
    programme = django_filters.CharFilter(
        field_name="programme__slug", help_text=gettext_lazy("Short name of the programme.")
    )
    state = django_filters.ChoiceFilter(choices=STATE_CHOICES, method="filter_state")

    class Meta:
        model = SurveyRound
        fields = ["programme", "state"]

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        # Every round of a closed programme is closed (``selectors.round_state``).
        programme_open = Q(programme__closed_on__isnull=True)
        if value == selectors.RoundState.OPEN:
            return queryset.filter(programme_open, opens_on__lte=today, closes_on__gte=today)
        if value == selectors.RoundState.UPCOMING:
            return queryset.filter(programme_open, opens_on__gt=today)
        return queryset.filter(Q(closes_on__lt=today) | ~programme_open)


class CanViewRounds(permissions.BasePermission):
    """Programme staff and coordinators; writes are checked again by the services."""

    message = gettext_lazy("Only programme staff and coordinators may see the survey rounds.")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and selectors.can_view_rounds(request.user))


# --- viewset -----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List survey rounds",
        description="Survey rounds with the number of municipalities asked and answered (staff and coordinators).",
    ),
    retrieve=extend_schema(
        summary="Show a survey round",
        description="A round with its response rate overall, per province and per size class.",
        responses=SurveyRoundDetailSerializer,
    ),
    create=extend_schema(
        summary="Open a survey round",
        description="Programme staff only.",
        request=SurveyRoundWriteSerializer,
        responses={201: SurveyRoundDetailSerializer, 400: OpenApiResponse(description="Invalid input")},
    ),
    update=extend_schema(
        summary="Change a survey round",
        description="Programme staff only. The programme does not change.",
        request=SurveyRoundWriteSerializer,
        responses={200: SurveyRoundDetailSerializer, 400: OpenApiResponse(description="Invalid input")},
    ),
    partial_update=extend_schema(
        summary="Change part of a survey round",
        description="Programme staff only. The programme does not change.",
        request=SurveyRoundWriteSerializer,
        responses={200: SurveyRoundDetailSerializer, 400: OpenApiResponse(description="Invalid input")},
    ),
)
class SurveyRoundViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = SurveyRoundSerializer
    filterset_class = SurveyRoundFilter
    permission_classes = [CanViewRounds]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.survey_rounds()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def _detail(self, survey_round: SurveyRound) -> dict:
        survey_round = selectors.with_response_rates(self.get_queryset().filter(pk=survey_round.pk))[0]
        survey_round.round_response = selectors.round_response(survey_round)
        return SurveyRoundDetailSerializer(survey_round, context=self.get_serializer_context()).data

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rounds = selectors.with_response_rates(page)
        return self.get_paginated_response(self.get_serializer(rounds, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self._detail(self.get_object()))

    def create(self, request, *args, **kwargs):
        require(is_programme_staff(request.user), _("Only programme staff may open and change survey rounds."))
        data = request_data(SurveyRoundWriteSerializer, request)
        survey_round = services.survey_round_create(actor=request.user, **data)
        return Response(self._detail(survey_round), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        require(is_programme_staff(request.user), _("Only programme staff may open and change survey rounds."))
        survey_round = self.get_object()
        partial = kwargs.get("partial", False)
        data = request_data(SurveyRoundWriteSerializer, request, partial=partial, context={"instance": survey_round})
        survey_round = services.survey_round_update(actor=request.user, survey_round=survey_round, **data)
        return Response(self._detail(survey_round))

    @extend_schema(
        summary="List the municipalities that have not answered",
        description="Programme staff only; by name, with the number of coordinators and the last reminder.",
        responses=NonResponderSerializer(many=True),
        filters=False,
    )
    @action(detail=True, methods=["get"], url_path="non-responders", filterset_class=None)
    def non_responders(self, request, pk=None):
        require(is_programme_staff(request.user), _("Only programme staff may see who has not answered."))
        survey_round = self.get_object()
        page = self.paginate_queryset(selectors.non_responders(survey_round))
        return self.get_paginated_response(NonResponderSerializer(page, many=True).data)
