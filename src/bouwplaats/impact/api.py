# SPDX-License-Identifier: EUPL-1.2
"""The impact API: scenarios (list, create, retrieve, run), results per element and per municipality,
and a municipality's landscape.

Everyone logged in reads scenarios and their national results; the results per municipality and
the landscapes follow the landscape rule (own coordinators and programme staff): another
municipality's code gives 403, and the list of municipality results holds only those the caller
may see. Writes go through ``services``.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from bouwplaats.accounts.permissions import is_programme_staff
from bouwplaats.architecture.models import ArchitectureModel
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.core.api import Pagination
from bouwplaats.organisations.selectors import municipality_on
from bouwplaats.suppliers.models import Supplier

from . import permissions, selectors, services, waiting
from .analysis import analyse, division_date, landscape_date
from .engine import MAX_DEPTH
from .models import Application, ImpactScenario, ReferenceKind
from .report import path_text

# --- serializers ---------------------------------------------------------------------------------


class RuleSerializer(serializers.Serializer):
    relation = serializers.CharField(help_text=gettext_lazy("ArchiMate relationship type, e.g. Realization."))
    direction = serializers.ChoiceField(choices=["forward", "backward", "both"])
    to = serializers.CharField(required=False, help_text=gettext_lazy("Element type the step may go to."))

    def get_fields(self):
        fields = super().get_fields()
        # "from" is a Python keyword, so the field is added under that name here.
        fields["from"] = serializers.CharField(
            required=False, help_text=gettext_lazy("Element type the step may start from.")
        )
        return fields


class ScenarioSerializer(serializers.ModelSerializer):
    model = serializers.PrimaryKeyRelatedField(queryset=ArchitectureModel.objects.all())
    model_name = serializers.CharField(source="model.__str__", read_only=True)
    building_block = serializers.PrimaryKeyRelatedField(
        queryset=BuildingBlock.objects.all(), required=False, allow_null=True
    )
    rules = RuleSerializer(many=True)
    start_elements = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        help_text=gettext_lazy("Start elements by their identifier in the chosen model release (any model)."),
    )
    start_object_ids = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        help_text=gettext_lazy("Start elements by GEMMA object ID (GEMMA releases)."),
    )
    max_depth = serializers.IntegerField(min_value=1, max_value=MAX_DEPTH)

    class Meta:
        model = ImpactScenario
        fields = [
            "id",
            "title",
            "description",
            "model",
            "model_name",
            "building_block",
            "start_elements",
            "start_object_ids",
            "rules",
            "max_depth",
            "is_demo",
            *ImpactScenario.NARRATIVE_FIELDS,
        ]
        read_only_fields = ["is_demo", *ImpactScenario.NARRATIVE_FIELDS]


class RunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    model = serializers.CharField(source="model.__str__")
    ran_at = serializers.DateTimeField()
    summary = serializers.JSONField()


class PathStepSerializer(serializers.Serializer):
    relation = serializers.CharField()
    direction = serializers.CharField()
    object_id = serializers.CharField(source="node.object_id")
    name = serializers.CharField(source="node.name")


class ElementResultSerializer(serializers.Serializer):
    object_id = serializers.CharField(source="node.object_id")
    identifier = serializers.CharField(source="node.identifier")
    name = serializers.CharField(source="node.name")
    type = serializers.CharField(source="node.type")
    gemma_type = serializers.CharField(source="node.gemma_type")
    layer = serializers.CharField(
        source="group", help_text=gettext_lazy("business, application, technology, standards or other.")
    )
    depth = serializers.IntegerField()
    start = serializers.CharField(source="start.object_id")
    path = PathStepSerializer(many=True)
    path_text = serializers.SerializerMethodField()

    def get_path_text(self, obj) -> str:
        return path_text(obj)


class AffectedApplicationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    supplier = serializers.CharField()
    product = serializers.CharField()
    version = serializers.CharField()
    is_demo = serializers.BooleanField()
    components = serializers.ListField(child=serializers.CharField())
    missing_standards = serializers.ListField(child=serializers.CharField())


class MunicipalityResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    size_class = serializers.IntegerField(allow_null=True)
    applications = AffectedApplicationSerializer(many=True)
    suppliers = serializers.ListField(child=serializers.CharField())
    missing_components = serializers.ListField(child=serializers.CharField())
    standard_gap_count = serializers.IntegerField()
    cost_by_kind = serializers.DictField(child=serializers.IntegerField())
    cost = serializers.IntegerField()


class ApplicationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField()
    supplier = serializers.CharField()
    product = serializers.CharField()
    version = serializers.CharField()
    source = serializers.CharField()
    linked_supplier = serializers.IntegerField(
        source="linked_supplier_id",
        allow_null=True,
        help_text=gettext_lazy("The supplier of the register the supplier text names (its id); null: not linked."),
    )
    product_version = serializers.IntegerField(
        source="product_version_id",
        allow_null=True,
        help_text=gettext_lazy("The product version of the register the application runs (its id); null: not linked."),
    )
    is_demo = serializers.BooleanField()
    components = serializers.SerializerMethodField()
    standards = serializers.SerializerMethodField()

    def get_components(self, obj) -> list[str]:
        return [r.object_id for r in obj.references.all() if r.kind == ReferenceKind.COMPONENT]

    def get_standards(self, obj) -> list[str]:
        return [r.object_id for r in obj.references.all() if r.kind == ReferenceKind.STANDARD]


class WaitingMunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class WaitingVersionSerializer(serializers.Serializer):
    product_version = serializers.IntegerField(source="version.pk")
    name = serializers.CharField(source="version.__str__")
    state = serializers.CharField(
        help_text=gettext_lazy("planned, not_planned, or empty: no readiness recorded for the block.")
    )
    date = serializers.DateField(allow_null=True, help_text=gettext_lazy("The planned date, if planned."))


class _Wait(serializers.Serializer):
    deadline = serializers.DateField()
    versions = WaitingVersionSerializer(source="version_rows", many=True)
    municipality_count = serializers.SerializerMethodField()
    municipalities = serializers.SerializerMethodField(
        help_text=gettext_lazy("The waiting municipalities: for programme staff only (empty for others).")
    )

    def get_municipality_count(self, obj) -> int:
        return len(obj.municipalities)

    def get_municipalities(self, obj) -> list[dict]:
        if not self.context.get("show_names"):
            return []
        return WaitingMunicipalitySerializer(obj.municipalities, many=True).data


class SupplierWaitSerializer(_Wait):
    supplier = serializers.IntegerField(source="supplier.pk")
    supplier_name = serializers.CharField(source="supplier.name")


class BlockWaitSerializer(_Wait):
    building_block = serializers.IntegerField(source="building_block.pk")
    building_block_code = serializers.CharField(source="building_block.code")
    building_block_name = serializers.CharField(source="building_block.name")


# --- views ---------------------------------------------------------------------------------------


def _paginated(view, request, items, serializer_class):
    paginator = Pagination()
    page = paginator.paginate_queryset(items, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Impact scenarios")),
    retrieve=extend_schema(summary=gettext_lazy("One impact scenario")),
    create=extend_schema(summary=gettext_lazy("Create a scenario (programme staff)")),
)
class ScenarioViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ScenarioSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = Pagination

    def get_queryset(self):
        return selectors.scenarios()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["rules"] = [dict(rule) for rule in data.get("rules", [])]
        block = data.get("building_block")
        serializer.instance = services.scenario_create(
            actor=self.request.user, programme=block.programme if block else None, **data
        )

    def _scenario(self):
        scenario = selectors.scenario(self.kwargs["pk"])
        if scenario is None:
            raise Http404
        return scenario

    @extend_schema(
        summary=gettext_lazy("Run a scenario and record the run (programme staff)"),
        request=None,
        responses={201: RunSerializer},
    )
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        run = services.scenario_run(actor=request.user, scenario=self._scenario())
        return Response(RunSerializer(run).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Affected elements with their paths"), responses=ElementResultSerializer(many=True)
    )
    @action(detail=True, methods=["get"], pagination_class=Pagination)
    def elements(self, request, pk=None):
        analysis = analyse(self._scenario(), municipality_ids=[], request=request)
        return _paginated(self, request, analysis.elements, ElementResultSerializer)

    @extend_schema(
        summary=gettext_lazy("Results per municipality (all for staff, own for coordinators)"),
        responses=MunicipalityResultSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=Pagination)
    def municipalities(self, request, pk=None):
        scenario = self._scenario()
        if permissions.can_manage_scenarios(request.user):
            ids = None
        else:
            codes = selectors.editable_municipalities(request.user).values_list("code", flat=True)
            on = division_date(scenario)
            ids = [m.pk for code in codes if (m := municipality_on(code, on=on))]
        analysis = analyse(scenario, municipality_ids=ids, request=request)
        return _paginated(self, request, analysis.municipalities, MunicipalityResultSerializer)

    @extend_schema(
        summary=gettext_lazy("The result for one municipality (own or staff)"),
        responses={200: MunicipalityResultSerializer, 403: OpenApiResponse(description=gettext_lazy("Not yours."))},
    )
    @action(detail=True, methods=["get"], url_path=r"municipalities/(?P<code>GM\d{4})")
    def municipality(self, request, pk=None, code=None):
        scenario = self._scenario()
        municipality = municipality_on(code, on=division_date(scenario))
        if municipality is None:
            raise Http404
        permissions.require_municipality_result_viewer(request.user, municipality)
        analysis = analyse(scenario, municipality_ids=[municipality.pk], request=request)
        return Response(MunicipalityResultSerializer(analysis.municipalities[0]).data)


class LandscapeViewSet(viewsets.GenericViewSet):
    """A municipality's applications: its own coordinators and programme staff only."""

    permission_classes = [IsAuthenticated]
    queryset = Application.objects.none()  # the municipality's landscape is read in ``retrieve``
    serializer_class = ApplicationSerializer
    pagination_class = Pagination
    lookup_field = "code"
    lookup_value_regex = r"GM\d{4}"

    @extend_schema(
        summary=gettext_lazy("A municipality's application landscape"),
        responses={200: ApplicationSerializer(many=True), 403: OpenApiResponse(description=gettext_lazy("Not yours."))},
    )
    def retrieve(self, request, code=None):
        municipality = municipality_on(code, on=landscape_date())
        if municipality is None:
            raise Http404(_("There is no such municipality."))
        permissions.require_landscape_viewer(request.user, municipality)
        return _paginated(self, request, selectors.landscape(municipality), ApplicationSerializer)


class WaitingViewSet(viewsets.GenericViewSet):
    """Who waits on whom: per building block the late suppliers, per supplier the blocks it is late for, each
    with the number of municipalities waiting (programme staff also get which ones)."""

    permission_classes = [IsAuthenticated]
    queryset = Application.objects.none()
    serializer_class = SupplierWaitSerializer
    pagination_class = None  # a short list per block or supplier, answered whole

    def _context(self, request) -> dict:
        return {"request": request, "show_names": is_programme_staff(request.user)}

    @extend_schema(
        summary=gettext_lazy("The suppliers late for a building block, with the municipalities waiting"),
        responses=SupplierWaitSerializer(many=True),
    )
    @action(detail=False, methods=["get"], url_path=r"building-blocks/(?P<block_id>\d+)")
    def building_block(self, request, block_id=None):
        block = BuildingBlock.objects.filter(pk=block_id).first()
        if block is None:
            raise Http404(_("There is no such building block."))
        waits = waiting.block_waits(block)
        return Response(SupplierWaitSerializer(waits, many=True, context=self._context(request)).data)

    @extend_schema(
        summary=gettext_lazy("The building blocks a supplier is late for, with the municipalities waiting"),
        responses=BlockWaitSerializer(many=True),
    )
    @action(detail=False, methods=["get"], url_path=r"suppliers/(?P<supplier_id>\d+)")
    def supplier(self, request, supplier_id=None):
        supplier = Supplier.objects.filter(pk=supplier_id).first()
        if supplier is None:
            raise Http404(_("There is no such supplier."))
        waits = waiting.supplier_waits(supplier)
        return Response(BlockWaitSerializer(waits, many=True, context=self._context(request)).data)
