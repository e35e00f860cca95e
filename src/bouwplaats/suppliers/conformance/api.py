# SPDX-License-Identifier: EUPL-1.2
"""Conformance reports in the API: check an upload (multipart), list one's reports, read a report."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from bouwplaats.organisations.models import Municipality

from ..models import ConformanceReport, Supplier
from . import permissions, selectors, services
from .uploads import limit_upload_size


class FindingSerializer(serializers.Serializer):
    line = serializers.IntegerField(allow_null=True, help_text=gettext_lazy("Line of the element in the file."))
    path = serializers.CharField(help_text=gettext_lazy("XPath of the element the error is about."))
    message = serializers.CharField(help_text=gettext_lazy("The schema validator's message (English)."))


class MessageResultSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=gettext_lazy("File name (in a ZIP file: its path there)."))
    root = serializers.CharField(help_text=gettext_lazy("The message's root element, e.g. ZKN:zakLk01."))
    schema = serializers.CharField(help_text=gettext_lazy("The schema that checked it, e.g. StUF-ZKN 3.10."))
    error_count = serializers.IntegerField(help_text=gettext_lazy("All errors found, also those not listed."))
    errors = FindingSerializer(many=True, help_text=gettext_lazy("At most 100 errors per message."))
    ignored = serializers.BooleanField(help_text=gettext_lazy("A file in a ZIP file that is not an .xml file."))


class ConformanceReportSerializer(serializers.ModelSerializer):
    """A report as listed: without its messages."""

    standard = serializers.CharField(source="standard.code", read_only=True)
    supplier = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    municipality = serializers.SerializerMethodField()
    uploaded_by = serializers.SerializerMethodField()

    class Meta:
        model = ConformanceReport
        fields = [
            "id",
            "standard",
            "supplier",
            "municipality",
            "file_name",
            "sha256",
            "message_count",
            "error_count",
            "passed",
            "uploaded_at",
            "uploaded_by",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True, help_text=gettext_lazy("CBS code.")))
    def get_municipality(self, obj):
        return obj.municipality.code if obj.municipality_id else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_uploaded_by(self, obj):
        """Shown to the report's owners only (not to readers of a report that is a readiness' evidence)."""
        if obj.uploaded_by_id is None or not self.context.get("is_owner", True):
            return None
        return obj.uploaded_by.full_name


class ConformanceReportDetailSerializer(ConformanceReportSerializer):
    messages = serializers.SerializerMethodField()

    class Meta(ConformanceReportSerializer.Meta):
        fields = [*ConformanceReportSerializer.Meta.fields, "messages"]
        read_only_fields = fields

    @extend_schema_field(MessageResultSerializer(many=True))
    def get_messages(self, obj):
        return [
            {
                "name": result.name,
                "root": result.root,
                "schema": result.schema,
                "error_count": result.error_count,
                "errors": result.errors,
                "ignored": result.ignored,
            }
            for result in selectors.report_messages(obj)
        ]


class ConformanceUploadSerializer(serializers.Serializer):
    """Parses the upload only; the service checks the file."""

    standard = serializers.SlugField(help_text=gettext_lazy("Code of a standard with a conformance check."))
    file = serializers.FileField(
        help_text=gettext_lazy("One StUF message (XML) or a ZIP file of messages; at most 10 MB."),
        allow_empty_file=True,
    )
    supplier = serializers.IntegerField(
        required=False, help_text=gettext_lazy("Id of the supplier the check is for (or give a municipality).")
    )
    municipality = serializers.CharField(
        required=False, help_text=gettext_lazy("CBS code of the municipality the check is for (or give a supplier).")
    )

    def validate_standard(self, value):
        standard = selectors.checkable_standards().filter(code=value).first()
        if standard is None:
            raise serializers.ValidationError(_("There is no standard with a conformance check with this code."))
        return standard

    def validate_supplier(self, value):
        supplier = Supplier.objects.filter(pk=value).first()
        if supplier is None:
            raise serializers.ValidationError(_("There is no supplier with this id."))
        return supplier

    def validate_municipality(self, value):
        municipality = Municipality.objects.filter(code=value.strip().upper()).order_by("-valid_from").first()
        if municipality is None:
            raise serializers.ValidationError(_("There is no municipality with this code."))
        return municipality


@extend_schema_view(
    list=extend_schema(
        summary="List conformance reports",
        description=(
            "StUF conformance reports, newest first, without their messages: all for programme staff, otherwise "
            "those of the supplier one represents and the municipalities one coordinates."
        ),
    ),
    retrieve=extend_schema(
        summary="Read a conformance report",
        description=(
            "A report with the outcome per message and its errors (line, XPath, the schema's message). Readable "
            "by whom may check for its supplier or municipality, and by everyone when a readiness holds it as "
            "evidence."
        ),
        responses={
            200: ConformanceReportDetailSerializer,
            403: OpenApiResponse(description="The report belongs to another supplier or municipality"),
        },
    ),
    create=extend_schema(
        summary="Check StUF messages",
        description=(
            "Validates one StUF message, or a ZIP file of messages, against the official schemas of the standard "
            "and keeps the report (not the file). Give `supplier` or `municipality`: representatives check for "
            "their own supplier, coordinators for their own municipality, programme staff for any. A file that "
            "cannot be checked (too large, not XML, a DTD or entities, an unsafe ZIP file, a message of another "
            "standard, taking too long) gives 400 and no report."
        ),
        request={"multipart/form-data": ConformanceUploadSerializer},
        responses={
            201: ConformanceReportDetailSerializer,
            400: OpenApiResponse(description="The file cannot be checked, or a field is wrong"),
            403: OpenApiResponse(description="Not a representative or coordinator of the given owner"),
        },
    ),
)
class ConformanceReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ConformanceReportSerializer
    parser_classes = [MultiPartParser]

    def initialize_request(self, request, *args, **kwargs):
        limit_upload_size(request)  # before anything (authentication's CSRF check) reads the body
        return super().initialize_request(request, *args, **kwargs)

    def get_permissions(self):
        return [AllowAny()] if self.action == "retrieve" else [IsAuthenticated()]

    def get_queryset(self):
        return selectors.reports_for(self.request.user)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ConformanceReportDetailSerializer
        if self.action == "create":
            return ConformanceUploadSerializer
        return ConformanceReportSerializer

    def retrieve(self, request, *args, **kwargs):
        try:
            pk = int(kwargs[self.lookup_field])
        except ValueError:
            raise Http404 from None
        report = selectors.report_detail(pk)
        if report is None:
            raise Http404
        owns = permissions.can_check_for(request.user, supplier=report.supplier, municipality=report.municipality)
        if not owns and not report.is_evidence:
            raise PermissionDenied(_("This conformance report belongs to another supplier or municipality."))
        context = self.get_serializer_context() | {"is_owner": owns}
        return Response(ConformanceReportDetailSerializer(report, context=context).data)

    def create(self, request, *args, **kwargs):
        upload = ConformanceUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        report = services.conformance_report_create(
            actor=request.user,
            standard=data["standard"],
            upload=data["file"],
            supplier=data.get("supplier"),
            municipality=data.get("municipality"),
        )
        body = ConformanceReportDetailSerializer(selectors.report_detail(report.pk), context={"is_owner": True}).data
        return Response(body, status=status.HTTP_201_CREATED)
