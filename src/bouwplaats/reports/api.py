# SPDX-License-Identifier: EUPL-1.2
"""The programme reports in the API: /api/v1/programme-reports/.

The list gives the report templates; one of them (``bestuur``, ``alv``, ``gateway-review``) gives
the report of a programme on a date as JSON: the same sections and tables, with the same figures,
as the page, the PDF and the XLSX. Public, like the page: the tables that name single
municipalities are left out for a reader who may not see them (programme staff see them, everyone
once the programme makes each municipality's progress public).
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.shortcuts import programme_or_404

from . import selectors
from .permissions import can_view_details
from .sections import TEMPLATES
from .tables import table_data


class ReportQuerySerializer(serializers.Serializer):
    programme = serializers.SlugField(
        required=False, help_text=gettext_lazy("Short name of the programme; default: the current programme.")
    )
    date = serializers.DateField(
        required=False,
        help_text=gettext_lazy(
            "The date whose state the report shows (YYYY-MM-DD); default: today, or the last day of an ended programme."
        ),
    )

    def validate_programme(self, value: str) -> Programme:
        programme = Programme.objects.filter(slug=value).first()
        if programme is None:
            raise serializers.ValidationError(_("There is no programme with this short name."))
        return programme

    def validate_date(self, value: datetime.date) -> datetime.date:
        today = timezone.localdate()
        if value > today:
            raise serializers.ValidationError(
                _("Choose a date up to today (%(today)s): a report shows what was reported, not what will be.")
                % {"today": date_format(today, "j F Y")}
            )
        return value


class ReportTemplateSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    brief = serializers.BooleanField(help_text=gettext_lazy("True: headline figures only."))


class ReportColumnSerializer(serializers.Serializer):
    heading = serializers.CharField()
    kind = serializers.CharField(
        help_text=gettext_lazy(
            "text, int, decimal, percent (0–100), date (YYYY-MM-DD), euro (whole euros) or points "
            "(a change in percentage points)."
        )
    )


class ReportTableSerializer(serializers.Serializer):
    caption = serializers.CharField()
    columns = ReportColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.ListField(child=serializers.JSONField()),
        help_text=gettext_lazy("One list of values per row, in the order of the columns; null: no value."),
    )


class ReportSectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    tables = ReportTableSerializer(many=True)


class ReportSerializer(serializers.Serializer):
    programme = serializers.CharField(source="programme.slug")
    programme_name = serializers.CharField(source="programme.name")
    template = serializers.CharField(source="template.code")
    template_name = serializers.CharField(source="template.name")
    date = serializers.DateField(source="on", help_text=gettext_lazy("The date whose state the report shows."))
    computed_on = serializers.DateField(source="today")
    compared_dates = serializers.ListField(
        child=serializers.DateField(), help_text=gettext_lazy("The earlier dates the trend compares with.")
    )
    details_visible = serializers.BooleanField(
        help_text=gettext_lazy("Whether the tables that name single municipalities are included.")
    )
    has_demo = serializers.BooleanField(help_text=gettext_lazy("True: generated demo data went into the figures."))
    sections = serializers.SerializerMethodField()

    def get_sections(self, report) -> ReportSectionSerializer(many=True):
        return [
            {"key": section.key, "title": section.title, "tables": [table_data(table) for table in section.tables]}
            for section in report.sections
        ]


@extend_schema_view(
    list=extend_schema(
        summary="Report templates",
        description=(
            "The kinds of programme report: for the board (brief), the general meeting (ALV) and Gateway reviews."
        ),
        responses=ReportTemplateSerializer(many=True),
        tags=["reports"],
    ),
    retrieve=extend_schema(
        summary="Programme report",
        description=(
            "The report of a programme on a date: its sections, each with its tables (caption, typed columns, "
            "rows of values), the same figures as the report's page, PDF and XLSX. Municipalities without a "
            "report count at the lowest level. Public; the tables that name single municipalities only for "
            "readers who may see them."
        ),
        parameters=[ReportQuerySerializer],
        responses=ReportSerializer,
        tags=["reports"],
    ),
)
class ProgrammeReportViewSet(viewsets.ViewSet):
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"[a-z-]+"
    serializer_class = ReportSerializer

    def list(self, request):
        return Response(ReportTemplateSerializer(TEMPLATES.values(), many=True).data)

    def retrieve(self, request, code=None):
        template = TEMPLATES.get(code)
        if template is None:
            raise exceptions.NotFound(_("There is no report of this kind."))
        query = ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        programme = query.validated_data.get("programme") or programme_or_404()
        on = query.validated_data.get("date") or selectors.default_date(programme)
        report = selectors.cached_report(
            version=selectors.report_version(request),
            **selectors.report_params(
                programme=programme,
                template=template,
                on=on,
                details_visible=can_view_details(request.user, programme),
            ),
        )
        return Response(ReportSerializer(report).data)
