# SPDX-License-Identifier: EUPL-1.2
"""The catalogue API: programmes (created, closed, succeeded), building blocks and result agreements.

Everyone may read. Programme staff may write (session or token); writes go through the services,
the serializers below only parse and resolve the input (blocks and levels by code within the
programme). A closed programme refuses every change with 400 and the reason.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bouwplaats.accounts.permissions import can_edit_catalogue
from bouwplaats.core.api import ConditionalMixin, request_data

from . import selectors, services, succession
from .filters import BuildingBlockFilter, ResultAgreementFilter
from .models import BuildingBlock, Programme, ResultAgreement, StatusLevel


class CatalogueEditorOrReadOnly(permissions.BasePermission):
    """Reading is public; writing is for programme staff (the services check again)."""

    message = gettext_lazy("Only programme staff may change the catalogue.")

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or can_edit_catalogue(request.user)


# --- read serializers --------------------------------------------------------------------------


class StatusLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusLevel
        fields = ["position", "code", "name", "description"]


class ProgrammeSerializer(serializers.ModelSerializer):
    predecessor = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    status_levels = StatusLevelSerializer(many=True, read_only=True)
    building_block_count = serializers.IntegerField(read_only=True)
    result_agreement_count = serializers.IntegerField(read_only=True)
    municipality_status_is_public = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Whether everyone may see each municipality's progress today, by the setting "
            "municipality_status_visibility and the end of the programme."
        )
    )
    is_closed = serializers.BooleanField(
        read_only=True, help_text=gettext_lazy("A closed programme can no longer be changed; it stays readable.")
    )

    class Meta:
        model = Programme
        fields = [
            "slug",
            "name",
            "description",
            "owner",
            "executor",
            "start_date",
            "start_date_note",
            "end_date",
            "reference_date",
            "predecessor",
            "is_current",
            "municipality_status_visibility",
            "municipality_status_is_public",
            "result_agreement_total",
            "is_closed",
            "closed_on",
            "status_levels",
            "building_block_count",
            "result_agreement_count",
        ]

    def get_municipality_status_is_public(self, programme: Programme) -> bool:
        return programme.municipality_status_is_public()


class BuildingBlockSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    gemma_url = serializers.CharField(read_only=True, help_text=gettext_lazy("The element on GEMMA Online, if any."))
    depends_on = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    required_by = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    result_agreements = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)

    class Meta:
        model = BuildingBlock
        fields = [
            "id",
            "programme",
            "code",
            "name",
            "description",
            "description_en",
            "description_source",
            "cluster",
            "owner",
            "municipality_role",
            "gemma_object_id",
            "gemma_url",
            "deadline",
            "deadline_basis",
            "evidence",
            "source_url",
            "depends_on",
            "required_by",
            "result_agreements",
        ]


class ResultAgreementSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    required_level = serializers.SlugRelatedField(slug_field="code", read_only=True)
    building_blocks = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = ResultAgreement
        fields = [
            "id",
            "programme",
            "number",
            "title",
            "wording",
            "text",
            "criterion",
            "deadline",
            "deadline_note",
            "required_level",
            "building_blocks",
            "evidence",
            "source_url",
            "source_quote",
        ]


# --- write serializers (parse input only) ------------------------------------------------------


def _programme_for(serializer, attrs) -> Programme:
    return attrs.get("programme") or serializer.context["programme"]


def _resolve_blocks(programme: Programme, codes: list[str], field: str) -> list[BuildingBlock]:
    blocks, missing = selectors.building_blocks_by_code(programme=programme, codes=codes)
    if missing:
        raise serializers.ValidationError(
            {
                field: ngettext(
                    "There is no building block with the code %(codes)s in %(programme)s.",
                    "There are no building blocks with the codes %(codes)s in %(programme)s.",
                    len(missing),
                )
                % {"programme": programme.name, "codes": ", ".join(missing)}
            }
        )
    return blocks


class ProgrammeUpdateSerializer(serializers.ModelSerializer):
    predecessor = serializers.SlugRelatedField(
        slug_field="slug", queryset=Programme.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Programme
        fields = list(services.PROGRAMME_FIELDS)


class ProgrammeCreateSerializer(ProgrammeUpdateSerializer):
    """A new programme; ``predecessor`` is the short name of another programme."""

    class Meta(ProgrammeUpdateSerializer.Meta):
        fields = list(services.NEW_PROGRAMME_FIELDS)
        # The short name is checked by the service, with a clearer message.
        extra_kwargs = {"slug": {"validators": []}}


class ProgrammeCloseSerializer(serializers.Serializer):
    closed_on = serializers.DateField(
        help_text=gettext_lazy("The day the programme closes: its end date or later, not in the future.")
    )


class SuccessorSerializer(serializers.ModelSerializer):
    """A successor of the programme in the address, and what it takes over."""

    parts = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        default=list,
        help_text=gettext_lazy(
            "What the successor takes over, by key: status_levels, building_blocks, result_agreements, statuses "
            "(current status per municipality), guides, open_questions, and the parts other apps register."
        ),
    )
    make_current = serializers.BooleanField(
        required=False, default=False, help_text=gettext_lazy("Whether the successor becomes the current programme.")
    )

    class Meta:
        model = Programme
        fields = [*services.SUCCESSOR_FIELDS, "parts", "make_current"]
        extra_kwargs = {"slug": {"validators": []}}


class SuccessionPartSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    requires = serializers.ListField(child=serializers.CharField())
    help_text = serializers.CharField()


class BuildingBlockWriteSerializer(serializers.ModelSerializer):
    """A building block to create; ``programme`` is the programme's short name."""

    programme = serializers.SlugRelatedField(slug_field="slug", queryset=Programme.objects.all())
    depends_on = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        help_text=gettext_lazy("Codes of building blocks of the same programme."),
    )

    class Meta:
        model = BuildingBlock
        fields = ["programme", *services.BUILDING_BLOCK_FIELDS, "depends_on"]
        validators = []  # uniqueness is checked by the service, with a clearer message

    def validate(self, attrs):
        if "depends_on" in attrs:
            attrs["depends_on"] = _resolve_blocks(_programme_for(self, attrs), attrs["depends_on"], "depends_on")
        return attrs


class BuildingBlockUpdateSerializer(BuildingBlockWriteSerializer):
    """Changes to a building block; ``depends_on``, when given, replaces its dependencies."""

    class Meta(BuildingBlockWriteSerializer.Meta):
        fields = [*services.BUILDING_BLOCK_FIELDS, "depends_on"]


class ResultAgreementWriteSerializer(serializers.ModelSerializer):
    """A result agreement to create; blocks and the required level are given by code."""

    programme = serializers.SlugRelatedField(slug_field="slug", queryset=Programme.objects.all())
    number = serializers.IntegerField(min_value=1, max_value=32767)
    required_level = serializers.CharField(
        max_length=40, help_text=gettext_lazy("Code of a status level of the same programme.")
    )
    building_blocks = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        help_text=gettext_lazy("Codes of building blocks of the same programme."),
    )

    class Meta:
        model = ResultAgreement
        fields = ["programme", *services.RESULT_AGREEMENT_FIELDS, "building_blocks"]
        validators = []  # uniqueness is checked by the service, with a clearer message

    def validate(self, attrs):
        programme = _programme_for(self, attrs)
        if "required_level" in attrs:
            level = selectors.status_level_by_code(programme=programme, code=attrs["required_level"])
            if level is None:
                raise serializers.ValidationError(
                    {
                        "required_level": _("%(programme)s has no status level with the code %(code)s.")
                        % {"programme": programme.name, "code": attrs["required_level"]}
                    }
                )
            attrs["required_level"] = level
        if "building_blocks" in attrs:
            attrs["building_blocks"] = _resolve_blocks(programme, attrs["building_blocks"], "building_blocks")
        return attrs


class ResultAgreementUpdateSerializer(ResultAgreementWriteSerializer):
    """Changes to a result agreement; ``building_blocks``, when given, replaces its blocks."""

    class Meta(ResultAgreementWriteSerializer.Meta):
        fields = [*services.RESULT_AGREEMENT_FIELDS, "building_blocks"]


# --- viewsets ----------------------------------------------------------------------------------


_PROGRAMME_ERRORS = {400: OpenApiResponse(description="Invalid input, or the programme is closed"), 403: None}


@extend_schema_view(
    list=extend_schema(summary="List programmes", description="All programmes, newest first, with status ladders."),
    retrieve=extend_schema(summary="Get a programme"),
    create=extend_schema(
        summary="Create a programme (programme staff)",
        request=ProgrammeCreateSerializer,
        responses={201: ProgrammeSerializer, **_PROGRAMME_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change a programme (programme staff)",
        request=ProgrammeUpdateSerializer,
        responses={200: ProgrammeSerializer, **_PROGRAMME_ERRORS},
    ),
    close=extend_schema(
        summary="Close a programme (programme staff)",
        description="From then on nothing in the programme can be changed; it stays readable. Cannot be undone.",
        request=ProgrammeCloseSerializer,
        responses={200: ProgrammeSerializer, **_PROGRAMME_ERRORS},
    ),
    successor=extend_schema(
        summary="Start a successor of a programme (programme staff)",
        description=(
            "Creates a programme whose predecessor is the programme in the address and copies the chosen parts "
            "into it, in one transaction. The predecessor is left unchanged."
        ),
        request=SuccessorSerializer,
        responses={201: ProgrammeSerializer, **_PROGRAMME_ERRORS},
    ),
    succession_parts=extend_schema(
        summary="What a successor can take over",
        responses={200: SuccessionPartSerializer(many=True)},
    ),
)
class ProgrammeViewSet(ConditionalMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Implementation programmes (Operatie NUP and its successors) with their status ladders."""

    serializer_class = ProgrammeSerializer
    permission_classes = [CatalogueEditorOrReadOnly]
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.programmes()

    def _answer(self, programme: Programme, status_code=status.HTTP_200_OK) -> Response:
        return Response(ProgrammeSerializer(self.get_queryset().get(pk=programme.pk)).data, status=status_code)

    def create(self, request, *args, **kwargs):
        parser = ProgrammeCreateSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        programme = services.programme_create(actor=request.user, **parser.validated_data)
        return self._answer(programme, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        programme = self.get_object()
        data = request_data(ProgrammeUpdateSerializer, request, partial=True)
        programme = services.programme_update(actor=request.user, programme=programme, **data)
        return self._answer(programme)

    @action(detail=True, methods=["post"])
    def close(self, request, slug=None):
        programme = self.get_object()
        data = request_data(ProgrammeCloseSerializer, request)
        programme = services.programme_close(actor=request.user, programme=programme, **data)
        return self._answer(programme)

    @action(detail=True, methods=["post"])
    def successor(self, request, slug=None):
        predecessor = self.get_object()
        data = dict(request_data(SuccessorSerializer, request))
        parts, make_current = data.pop("parts"), data.pop("make_current")
        successor = services.successor_start(
            actor=request.user, predecessor=predecessor, parts=parts, make_current=make_current, **data
        )
        return self._answer(successor, status.HTTP_201_CREATED)

    @action(detail=False, methods=["get"], url_path="succession-parts", pagination_class=None)
    def succession_parts(self, request):
        return Response(
            SuccessionPartSerializer(
                [
                    {
                        "key": part.key,
                        "label": str(part.label),
                        "requires": list(part.requires),
                        "help_text": str(part.help_text),
                    }
                    for part in succession.parts()
                ],
                many=True,
            ).data
        )


class _CatalogueWriteViewSet(ConditionalMixin, viewsets.ModelViewSet):
    """Shared write flow: parse with a write serializer, call a service, answer with the read serializer."""

    permission_classes = [CatalogueEditorOrReadOnly]
    create_serializer_class: type[serializers.Serializer]
    update_serializer_class: type[serializers.Serializer]

    def _answer(self, obj, status_code=status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data, status=status_code)

    def create(self, request, *args, **kwargs):
        data = request_data(self.create_serializer_class, request)
        return self._answer(self.perform_service_create(data), status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        partial = kwargs.get("partial", False)
        data = request_data(
            self.update_serializer_class, request, partial=partial, context={"programme": obj.programme}
        )
        return self._answer(self.perform_service_update(obj, data))

    def destroy(self, request, *args, **kwargs):
        self.perform_service_delete(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


_WRITE_ERRORS = {400: OpenApiResponse(description="Invalid input"), 403: None}


def _write_schema(noun: str, read, create, update) -> dict:
    """The OpenAPI description of a catalogue resource that programme staff may write."""
    change = {"request": update, "responses": {200: read, **_WRITE_ERRORS}}
    return {
        "list": extend_schema(summary=f"List {noun}s"),
        "retrieve": extend_schema(summary=f"Get a {noun}"),
        "create": extend_schema(
            summary=f"Add a {noun} (programme staff)", request=create, responses={201: read, **_WRITE_ERRORS}
        ),
        "update": extend_schema(summary=f"Replace a {noun} (programme staff)", **change),
        "partial_update": extend_schema(summary=f"Change a {noun} (programme staff)", **change),
        "destroy": extend_schema(summary=f"Delete a {noun} (programme staff)", responses={204: None, 403: None}),
    }


@extend_schema_view(
    **_write_schema(
        "building block", BuildingBlockSerializer, BuildingBlockWriteSerializer, BuildingBlockUpdateSerializer
    )
)
class BuildingBlockViewSet(_CatalogueWriteViewSet):
    """Building blocks: the national facilities, registers and standards that municipalities implement.

    `evidence` says whether a public source ties the block to the programme (`source`) or not
    (`inferred`). Dependencies are given as codes of blocks of the same programme.
    """

    serializer_class = BuildingBlockSerializer
    create_serializer_class = BuildingBlockWriteSerializer
    update_serializer_class = BuildingBlockUpdateSerializer
    filterset_class = BuildingBlockFilter

    def get_queryset(self):
        return selectors.building_blocks()

    def perform_service_create(self, data):
        return services.building_block_create(actor=self.request.user, **data)

    def perform_service_update(self, block, data):
        return services.building_block_update(actor=self.request.user, block=block, **data)

    def perform_service_delete(self, block):
        services.building_block_delete(actor=self.request.user, block=block)


@extend_schema_view(
    **_write_schema(
        "result agreement", ResultAgreementSerializer, ResultAgreementWriteSerializer, ResultAgreementUpdateSerializer
    )
)
class ResultAgreementViewSet(_CatalogueWriteViewSet):
    """Result agreements: which building blocks must reach which status level by when."""

    serializer_class = ResultAgreementSerializer
    create_serializer_class = ResultAgreementWriteSerializer
    update_serializer_class = ResultAgreementUpdateSerializer
    filterset_class = ResultAgreementFilter

    def get_queryset(self):
        return selectors.result_agreements()

    def perform_service_create(self, data):
        return services.result_agreement_create(actor=self.request.user, **data)

    def perform_service_update(self, agreement, data):
        return services.result_agreement_update(actor=self.request.user, agreement=agreement, **data)

    def perform_service_delete(self, agreement):
        services.result_agreement_delete(actor=self.request.user, agreement=agreement)
