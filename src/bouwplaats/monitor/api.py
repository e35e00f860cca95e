# SPDX-License-Identifier: EUPL-1.2
"""The monitor API: current status and history per municipality and building block, and reporting.

Reading follows the visibility rules (``selectors.visibility_filter``): everyone sees the rows of
programmes whose progress per municipality is public today (``Programme.public_status_filter``: the
setting "public", or "public after the programme has ended" once it has), coordinators also their own
municipalities, programme staff everything. Reporting goes through ``services.status_report``.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from bouwplaats.catalogue import selectors as catalogue_selectors
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.core.api import ConditionalMixin, CursorPagination, OptionalURLField, problem, request_data

from . import selectors, services
from .constants import BLOCKER_CHOICES, MAX_TEXT_LENGTH, SYSTEM_SOURCES, Source, decode_blockers
from .filters import CurrentStatusFilter, StatusEventFilter
from .models import CurrentStatus, StatusEvent
from .verdicts import blocker_verdicts

CONFIRMED, QUESTIONED = "confirmed", "questioned"  # a reported blocker, by other facts (``verdicts``)

# --- read serializers --------------------------------------------------------------------------


class _PairSerializer(serializers.Serializer):
    municipality = serializers.CharField(source="municipality.code", read_only=True)
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    province = serializers.CharField(source="municipality.province.code", read_only=True)
    programme = serializers.CharField(source="building_block.programme.slug", read_only=True)
    building_block = serializers.CharField(source="building_block.code", read_only=True)
    level = serializers.CharField(source="level.code", read_only=True)
    level_name = serializers.CharField(source="level.name", read_only=True)
    level_position = serializers.IntegerField(source="level.position", read_only=True)
    planned_date = serializers.DateField(read_only=True, allow_null=True)
    budget_planned = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True, allow_null=True)
    budget_spent = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True, allow_null=True)
    blockers = serializers.SerializerMethodField(help_text=gettext_lazy("Blocker category codes."))
    is_demo = serializers.BooleanField(read_only=True, help_text=gettext_lazy("Generated demo data."))

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=BLOCKER_CHOICES)))
    def get_blockers(self, obj) -> list[str]:
        return decode_blockers(obj.blockers)


class StatusSerializer(_PairSerializer):
    """The state of one municipality for one building block (now, or as of a date)."""

    valid_from = serializers.SerializerMethodField(help_text=gettext_lazy("The date from which this state holds."))
    version = serializers.SerializerMethodField(
        help_text=gettext_lazy("Number of reports for this pair; send it as expected_version. Empty for as_of.")
    )
    blocker_verdicts = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.DATE)
    def get_valid_from(self, obj):
        event = obj if isinstance(obj, StatusEvent) else obj.last_event
        return event.valid_from

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_version(self, obj):
        return None if isinstance(obj, StatusEvent) else obj.version

    @extend_schema_field(
        serializers.DictField(
            child=serializers.ChoiceField(choices=[CONFIRMED, QUESTIONED]),
            help_text=gettext_lazy(
                "Reported blockers that other facts on the site bear out (confirmed) or question, by blocker code: "
                "supplier_not_ready against the product versions in the municipality's landscape and their "
                "readiness by the deadline. A blocker without a verdict is left out; empty with as_of (a verdict is "
                "about now)."
            ),
        )
    )
    def get_blocker_verdicts(self, obj) -> dict[str, str]:
        verdicts = self.context.get("blocker_verdicts", {}).get((obj.municipality_id, obj.building_block_id), [])
        return {verdict.source.blocker: CONFIRMED if verdict.confirmed else QUESTIONED for verdict in verdicts}


def verdicts_of(rows) -> dict:
    """The serializer context with the verdicts on the rows' reported blockers, about now (none for the rows
    of an as_of date, which are events)."""
    current = [row for row in rows if isinstance(row, CurrentStatus)]
    verdicts = blocker_verdicts(
        {(row.municipality_id, row.building_block_id): row.blockers for row in current if row.blockers},
        list({row.building_block_id: row.building_block for row in current}.values()),
    )
    return {"blocker_verdicts": verdicts}


class StatusEventSerializer(_PairSerializer):
    """One reported state (an entry of the history)."""

    id = serializers.IntegerField(read_only=True)
    valid_from = serializers.DateField(read_only=True)
    recorded_at = serializers.DateTimeField(read_only=True)
    evidence_text = serializers.CharField(read_only=True)
    evidence_url = OptionalURLField(read_only=True)
    evidence_file = serializers.FileField(read_only=True, allow_null=True)
    blocker_note = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)
    source = serializers.ChoiceField(choices=Source.choices, read_only=True)
    author = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, obj):
        return obj.author.full_name if obj.author_id else None


class StatusEventCreatedSerializer(StatusEventSerializer):
    version = serializers.IntegerField(read_only=True, help_text=gettext_lazy("The pair's version after the report."))


class StatusConflictSerializer(serializers.Serializer):
    """The members a 409 adds to its problem details."""

    current = StatusSerializer(allow_null=True)
    changes = StatusEventSerializer(many=True, help_text=gettext_lazy("Reports since your version, newest first."))


# --- write serializer (parses input only) ------------------------------------------------------


class StatusEventWriteSerializer(serializers.Serializer):
    """A status report; municipality, building block and level are given by code."""

    programme = serializers.SlugField(
        required=False, help_text=gettext_lazy("Short name of the programme; the current programme if left out.")
    )
    municipality = serializers.CharField(max_length=6, help_text=gettext_lazy("CBS code, e.g. GM0363."))
    building_block = serializers.CharField(max_length=40)
    level = serializers.CharField(max_length=40)
    valid_from = serializers.DateField(required=False)
    planned_date = serializers.DateField(required=False, allow_null=True)
    budget_planned = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    budget_spent = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    evidence_text = serializers.CharField(max_length=MAX_TEXT_LENGTH, required=False, allow_blank=True)
    evidence_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    evidence_file = serializers.FileField(required=False, allow_null=True)
    blockers = serializers.ListField(child=serializers.ChoiceField(choices=BLOCKER_CHOICES), required=False)
    blocker_note = serializers.CharField(max_length=MAX_TEXT_LENGTH, required=False, allow_blank=True)
    note = serializers.CharField(max_length=MAX_TEXT_LENGTH, required=False, allow_blank=True)
    source = serializers.ChoiceField(
        choices=Source.choices,
        required=False,
        help_text=gettext_lazy("self_report for coordinators; staff (default), survey or import for programme staff."),
    )
    expected_version = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text=gettext_lazy("The version you saw (0: no report yet); a different current version gives 409."),
    )

    def validate_source(self, value):
        if value in SYSTEM_SOURCES:
            raise serializers.ValidationError(_("This source is reserved for the system."))
        return value

    def validate(self, attrs):
        slug = attrs.pop("programme", None)
        programme = catalogue_selectors.programme_or_current(slug)
        if programme is None:
            raise serializers.ValidationError({"programme": _("There is no programme with this short name.")})
        municipality = selectors.municipality_for_programme(programme=programme, code=attrs["municipality"])
        if municipality is None:
            raise serializers.ValidationError(
                {
                    "municipality": _("%(code)s is not one of the municipalities of %(programme)s.")
                    % {"code": attrs["municipality"], "programme": programme.name}
                }
            )
        block = (
            BuildingBlock.objects.select_related("programme")
            .filter(programme=programme, code=attrs["building_block"])
            .first()
        )
        if block is None:
            raise serializers.ValidationError(
                {"building_block": _("%(programme)s has no building block with this code.") % {"programme": programme}}
            )
        level = catalogue_selectors.status_level_by_code(programme=programme, code=attrs["level"])
        if level is None:
            raise serializers.ValidationError(
                {"level": _("%(programme)s has no status level with this code.") % {"programme": programme}}
            )
        attrs.update(municipality=municipality, building_block=block, level=level)
        return attrs


# --- viewsets ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List current statuses",
        description=(
            "The state of each municipality per building block. With `as_of` the state on that date, "
            "computed from the history (then `version` is empty). Only rows you may see: programmes "
            "whose detailed status is public, your own municipalities, or all for programme staff. "
            "Grouped per municipality, in a fixed order; paged with a cursor (follow `next`)."
        ),
    )
)
class CurrentStatusViewSet(ConditionalMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = StatusSerializer
    filterset_class = CurrentStatusFilter
    pagination_class = CursorPagination
    cursor_ordering = selectors.PAIR_ORDER

    def get_queryset(self):
        return selectors.current_statuses(user=self.request.user)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        serializer = self.get_serializer(
            page, many=True, context={**self.get_serializer_context(), **verdicts_of(page)}
        )
        return self.get_paginated_response(serializer.data)


@extend_schema_view(
    list=extend_schema(
        summary="List status history",
        description=(
            "Every reported state, newest first (by valid_from, then by the time it was recorded), with the same "
            "visibility as the statuses; paged with a cursor (follow `next`)."
        ),
    ),
    create=extend_schema(
        summary="Report a status",
        description=(
            "Coordinators report for their own municipality (source `self_report`); programme staff for "
            "any municipality (source `staff`, `survey` or `import`). Send `expected_version` to be told "
            "(409) when someone reported since."
        ),
        request={"application/json": StatusEventWriteSerializer, "multipart/form-data": StatusEventWriteSerializer},
        responses={
            201: StatusEventCreatedSerializer,
            400: OpenApiResponse(description="Invalid input"),
            403: OpenApiResponse(description="Not allowed for this municipality or source"),
            409: StatusConflictSerializer,
        },
    ),
)
class StatusEventViewSet(ConditionalMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = StatusEventSerializer
    filterset_class = StatusEventFilter
    pagination_class = CursorPagination
    cursor_ordering = selectors.HISTORY_ORDER

    def get_queryset(self):
        return selectors.status_events(user=self.request.user)

    def create(self, request, *args, **kwargs):
        data = request_data(StatusEventWriteSerializer, request)
        try:
            event = services.status_report(actor=request.user, **data)
        except services.StatusConflict as conflict:
            return problem(
                request,
                status.HTTP_409_CONFLICT,
                str(conflict),
                current=(
                    StatusSerializer(
                        conflict.current, context={"request": request, **verdicts_of([conflict.current])}
                    ).data
                    if conflict.current
                    else None
                ),
                changes=StatusEventSerializer(conflict.events, many=True, context={"request": request}).data,
            )
        event.version = selectors.pair_version(municipality=event.municipality, building_block=event.building_block)
        return Response(
            StatusEventCreatedSerializer(event, context={"request": request}).data, status=status.HTTP_201_CREATED
        )
