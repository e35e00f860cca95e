# SPDX-License-Identifier: EUPL-1.2
"""Imports in the API (programme staff only): upload a file for a dry run, read reports, apply; the
mergers of the current programme and carrying their status over."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from bouwplaats.catalogue import selectors as catalogue_selectors
from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.shortcuts import programme_or_404
from bouwplaats.core.api import problem, request_data
from bouwplaats.organisations.models import Municipality

from ..models import ImportStatus
from . import mergers, selectors, services
from .checking import Kind

KIND_CHOICES = [(kind, Kind.LABELS[kind]) for kind in Kind.ORDER]


class MessageSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=gettext_lazy("A fixed code, e.g. municipality_unknown."))
    text = serializers.CharField()
    error = serializers.BooleanField(help_text=gettext_lazy("False for information, such as a resolved merger."))


class ReportRowSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text=gettext_lazy("Row number in the file (the header is row 1)."))
    kind = serializers.ChoiceField(choices=KIND_CHOICES)
    municipality = serializers.CharField(help_text=gettext_lazy("CBS code after resolving mergers."))
    resolved_from = serializers.CharField(
        allow_blank=True, help_text=gettext_lazy("The code in the file, when it was resolved through a merger.")
    )
    building_block = serializers.CharField()
    level = serializers.CharField()
    old_level = serializers.CharField(allow_blank=True, help_text=gettext_lazy("The current level before applying."))
    valid_from = serializers.CharField(allow_blank=True)
    messages = MessageSerializer(many=True)

    def to_representation(self, instance):
        row = instance.data
        return {
            "row": row.get("row"),
            "kind": row.get("kind"),
            "municipality": row.get("municipality", ""),
            "resolved_from": row.get("resolved_from", ""),
            "building_block": row.get("building_block", ""),
            "level": row.get("level", ""),
            "old_level": row.get("old_level", ""),
            "valid_from": row.get("valid_from", ""),
            "messages": [
                {"code": data.get("code", ""), "text": message["text"], "error": message["error"]}
                for data, message in zip(row.get("messages", []), instance.messages, strict=True)
            ],
        }


class CountsSerializer(serializers.Serializer):
    new = serializers.IntegerField()
    change = serializers.IntegerField()
    history = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    error = serializers.IntegerField()
    resolved = serializers.IntegerField(
        help_text=gettext_lazy("Rows whose municipality was resolved through a merger.")
    )


class ImportBatchSerializer(serializers.Serializer):
    """An import as listed: without its report."""

    id = serializers.IntegerField(read_only=True)
    programme = serializers.CharField(source="programme.slug", read_only=True)
    file_name = serializers.CharField(read_only=True)
    sha256 = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=ImportStatus.choices, read_only=True)
    row_count = serializers.IntegerField(read_only=True)
    uploaded_by = serializers.SerializerMethodField()
    uploaded_at = serializers.DateTimeField(read_only=True)
    applied_at = serializers.DateTimeField(read_only=True, allow_null=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_uploaded_by(self, obj):
        return obj.uploaded_by.full_name if obj.uploaded_by_id else None


class ImportBatchListSerializer(ImportBatchSerializer):
    error_count = serializers.IntegerField(read_only=True, help_text=gettext_lazy("Rows with an error."))
    change_count = serializers.IntegerField(
        read_only=True, help_text=gettext_lazy("Rows that record a status (new, changed or history only).")
    )


class ImportBatchDetailSerializer(ImportBatchSerializer):
    """An import with its report: how the file was read, counts and the outcome of every row."""

    valid_on = serializers.SerializerMethodField(help_text=gettext_lazy("The date of rows without a date."))
    columns = serializers.SerializerMethodField(help_text=gettext_lazy("Column → the header in the file."))
    ignored_columns = serializers.SerializerMethodField()
    already_applied = serializers.SerializerMethodField(
        help_text=gettext_lazy("The id of an earlier import of the same file that was applied.")
    )
    counts = serializers.SerializerMethodField()
    rows = serializers.SerializerMethodField()

    @staticmethod
    def _report(obj) -> dict:
        return obj.report if isinstance(obj.report, dict) else {}

    @extend_schema_field(OpenApiTypes.DATE)
    def get_valid_on(self, obj):
        return self._report(obj).get("valid_on") or None

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_columns(self, obj):
        return self._report(obj).get("columns", {})

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_ignored_columns(self, obj):
        return self._report(obj).get("ignored_columns", [])

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_already_applied(self, obj):
        earlier = self._report(obj).get("already_applied")
        return earlier.get("id") if earlier else None

    @extend_schema_field(CountsSerializer)
    def get_counts(self, obj):
        counts = self._report(obj).get("counts", {})
        return {name: counts.get(name, 0) for name in CountsSerializer().fields}

    @extend_schema_field(ReportRowSerializer(many=True))
    def get_rows(self, obj):
        kind = self.context.get("kind", "")
        return ReportRowSerializer(selectors.report_rows(obj, kind=kind), many=True).data


class ImportUploadSerializer(serializers.Serializer):
    """Parses the upload only; the import service checks the file."""

    file = serializers.FileField(
        help_text=gettext_lazy("A CSV or XLSX file of at most 5 MB; the first row names the columns.")
    )
    programme = serializers.SlugField(
        required=False, help_text=gettext_lazy("Short name of the programme; the current programme if left out.")
    )
    valid_on = serializers.DateField(
        required=False, help_text=gettext_lazy("The date from which rows without a date hold (default today).")
    )

    def validate_programme(self, value):
        programme = Programme.objects.filter(slug=value).first()
        if programme is None:
            raise serializers.ValidationError(_("There is no programme with this short name."))
        return programme

    def validate(self, attrs):
        programme = attrs.get("programme") or catalogue_selectors.current_programme()
        if programme is None:
            raise serializers.ValidationError({"programme": _("There is no programme yet.")})
        attrs["programme"] = programme
        return attrs


KIND_PARAMETER = OpenApiParameter(
    "kind", str, enum=list(Kind.ORDER), required=False, description="Only the report rows of this kind."
)


@extend_schema_view(
    list=extend_schema(summary="List imports", description="Imports, newest first, without their reports."),
    retrieve=extend_schema(
        summary="Read an import with its report",
        parameters=[KIND_PARAMETER],
        responses={200: ImportBatchDetailSerializer},
    ),
    create=extend_schema(
        summary="Upload a file for a dry run",
        description=(
            "Reads and checks the file, keeps it with a per-row report and records no status. The import "
            "is `checked` when it can be applied, or `refused` when a row has an error or the same file "
            "was applied before. A file that cannot be read gives 400."
        ),
        request={"multipart/form-data": ImportUploadSerializer},
        responses={
            201: ImportBatchDetailSerializer,
            400: OpenApiResponse(description="The file cannot be read"),
            403: OpenApiResponse(description="Not programme staff"),
        },
    ),
    apply=extend_schema(
        summary="Apply a checked import",
        description=(
            "Records every row at once (rows that change nothing are skipped), or nothing at all. 409 when "
            "the import was applied already, was refused at its dry run, its file was applied since, or a "
            "row no longer passes the check."
        ),
        request=None,
        responses={
            200: ImportBatchDetailSerializer,
            403: OpenApiResponse(description="Not programme staff"),
            409: OpenApiResponse(description="Not applicable (any more); see `detail`."),
        },
    ),
)
class ImportBatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ImportBatchListSerializer
    parser_classes = [MultiPartParser, FormParser]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        services.require_importer(request.user)

    def get_queryset(self):
        if self.action == "list":
            return selectors.import_batches()
        return selectors.import_batches().defer(None).defer("plan")

    def get_serializer_class(self):
        if self.action == "list":
            return ImportBatchListSerializer
        if self.action == "create":
            return ImportUploadSerializer
        return ImportBatchDetailSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        kind = self.request.query_params.get("kind", "") if self.request else ""
        context["kind"] = kind if kind in Kind.ORDER else ""
        return context

    def create(self, request, *args, **kwargs):
        batch = services.import_check(actor=request.user, **request_data(ImportUploadSerializer, request))
        body = ImportBatchDetailSerializer(batch, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        batch = self.get_object()
        try:
            services.import_apply(actor=request.user, batch=batch)
        except services.ImportNotApplicable as refused:
            return problem(request, status.HTTP_409_CONFLICT, str(refused))
        except ValidationError as error:
            return problem(request, status.HTTP_409_CONFLICT, " ".join(error.messages))
        batch = selectors.import_batch(batch.pk)
        return Response(ImportBatchDetailSerializer(batch, context=self.get_serializer_context()).data)


# --- mergers ---------------------------------------------------------------------------------------


class MergerSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    merged_on = serializers.DateField(source="valid_from")
    predecessors = serializers.SerializerMethodField()
    carried_over = serializers.IntegerField(
        help_text=gettext_lazy("Building blocks whose status was carried over from the predecessors.")
    )
    with_status = serializers.IntegerField(help_text=gettext_lazy("Building blocks with a current status."))
    predecessors_reported = serializers.BooleanField(
        help_text=gettext_lazy("Whether a predecessor has a status to carry over.")
    )

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_predecessors(self, obj):
        return [predecessor.code for predecessor in obj.predecessors.all()]


class CarryOverSerializer(serializers.Serializer):
    municipality = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("The code of one merged municipality; leave out to carry over for all."),
    )


class CarryOverResultSerializer(serializers.Serializer):
    carried_over = serializers.DictField(
        child=serializers.IntegerField(), help_text=gettext_lazy("Statuses carried over per municipality code.")
    )


@extend_schema_view(
    list=extend_schema(
        summary="List the mergers of the current programme",
        description=(
            "Municipalities of the current programme's division that came into existence by a merger from the "
            "programme's start on, with whether their status has been carried over. Programme staff only."
        ),
    ),
    carry_over=extend_schema(
        summary="Carry status over at mergers",
        description=(
            "Gives a merged municipality (or all of them) the status of its predecessors for every building block "
            "it has no status of its own for. Doing it again changes nothing."
        ),
        request=CarryOverSerializer,
        responses={
            200: CarryOverResultSerializer,
            400: OpenApiResponse(description="The status cannot be carried over"),
            403: OpenApiResponse(description="Not programme staff"),
            404: OpenApiResponse(description="No merged municipality of the programme with this code"),
        },
    ),
)
class MergerViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = MergerSerializer
    parser_classes = [JSONParser, FormParser]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        mergers.require_merger_runner(request.user)  # programme staff (an anonymous visitor is no system actor)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no programme needed
            return Municipality.objects.none()
        return selectors.programme_mergers(programme_or_404())

    @action(detail=False, methods=["post"], url_path="carry-over")
    def carry_over(self, request):
        code = request_data(CarryOverSerializer, request).get("municipality", "").strip().upper()
        programme = programme_or_404()
        try:
            results = mergers.carry_over_by_code(actor=request.user, programme=programme, code=code)
        except Municipality.DoesNotExist:
            raise Http404(_("There is no merged municipality with this code in the programme.")) from None
        body = {"carried_over": {result.municipality.code: len(result.events) for result in results if result.events}}
        return Response(body)
