# SPDX-License-Identifier: EUPL-1.2
"""The programme report pages (/rapportages/): the choice, a report, and the report as PDF and XLSX.

Reports are public (design §7): everyone sees the aggregated figures; the tables that name single
municipalities are shown to programme staff, and to everyone once the programme makes each
municipality's progress public. A report, its page body, its PDF and its XLSX are each kept in the
cache under the data version of what the report shows, the date and the language.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bouwplaats.accounts.permissions import is_programme_staff
from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.selectors import current_programme
from bouwplaats.catalogue.shortcuts import programme_or_404
from bouwplaats.core import fragments, tabular
from bouwplaats.core.jobs import job_shared, job_start
from bouwplaats.monitor.permissions import why_municipality_status_hidden

from . import pdf, selectors
from .apps import REPORT_PDF
from .forms import ReportChoiceForm, ReportDateForm
from .permissions import can_view_details
from .sections import TEMPLATES, ReportTemplate, registered_section
from .tables import display_table, section_sheet

XLSX_CONTENT_TYPE = tabular.CONTENT_TYPES[tabular.XLSX]
PDF_CONTENT_TYPE = "application/pdf"


def report_url(programme: Programme, template_code: str, on: datetime.date | None = None, name: str = "page") -> str:
    url = reverse(f"reports:report-{name}", args=[programme.slug, template_code])
    return f"{url}?{urlencode({'peildatum': on.isoformat()})}" if on else url


@require_http_methods(["GET", "HEAD"])
def index(request):
    """The choice of programme, report and date; a valid choice leads to the report's page."""
    programmes = list(Programme.objects.order_by("-start_date", "name"))
    current = current_programme() if programmes else None
    if request.GET:
        form = ReportChoiceForm(request.GET, programmes=programmes)
        if form.is_valid():
            programme = next(p for p in programmes if p.slug == form.cleaned_data["programma"])
            return redirect(report_url(programme, form.cleaned_data["sjabloon"], form.cleaned_data["peildatum"]))
    else:
        form = ReportChoiceForm(programmes=programmes, initial={"programma": current.slug if current else None})
    return render(
        request,
        "reports/index.html",
        {"form": form, "programme": current, "templates": TEMPLATES.values(), "has_programmes": bool(programmes)},
    )


def _programme_and_template(request, slug: str, template_code: str) -> tuple[Programme, ReportTemplate]:
    # The programme changes only through audited writes: looked up once per data version (as the overview does).
    programme = fragments.versioned_part(report_programme, version=selectors.report_version(request), slug=slug)
    template = TEMPLATES.get(template_code)
    if template is None:
        raise Http404(_("There is no report of this kind."))
    return programme, template


@fragments.part("reports.programme")
def report_programme(*, slug: str) -> Programme:
    """The programme of a report's outputs (cached; rendered by a worker after a write)."""
    return programme_or_404(slug)


def _chosen(request, slug: str, template_code: str) -> tuple[Programme, ReportTemplate, ReportDateForm]:
    programme, template = _programme_and_template(request, slug, template_code)
    return programme, template, ReportDateForm(request.GET or None)


def _date(programme: Programme, form: ReportDateForm) -> datetime.date | None:
    """The chosen date, the default date when none is chosen, or None when the choice is not valid."""
    if not form.is_bound:
        return selectors.default_date(programme)
    if not form.is_valid():
        return None
    return form.cleaned_data["peildatum"] or selectors.default_date(programme)


def rendered_sections(report: selectors.Report) -> list[dict]:
    """Each section of the report with its tables as text cells, its charts and its template."""
    sections = []
    for section in report.sections:
        registered = registered_section(section.key)
        sections.append(
            {
                "section": section,
                "tables": [display_table(table) for table in section.tables],
                "charts": registered.charts(section) if registered and registered.charts else [],
                "template": section.template,
            }
        )
    return sections


def report_context(report: selectors.Report) -> dict:
    return {
        "report": report,
        "programme": report.programme,
        "sections": rendered_sections(report),
        "hidden_reason": "" if report.details_visible else why_municipality_status_hidden(report.programme),
        # The PDF takes seconds to write: a background job makes it (``report_pdf_job``).
        "pdf_url": report_url(report.programme, report.template.code, report.on, "pdf-job"),
        "xlsx_url": report_url(report.programme, report.template.code, report.on, "xlsx"),
    }


def _cached_output(request, render, programme, template, on, **extra):
    """An output of the report (PDF, XLSX), kept like the report itself (``render`` is one of the parts
    below)."""
    visible = can_view_details(request.user, programme)
    params = selectors.report_params(programme=programme, template=template, on=on, details_visible=visible)
    return fragments.versioned_part(render, version=selectors.report_version(request), **params, **extra)


@fragments.part("reports.pdf", with_version=True)
def pdf_content(*, version: int, base_url: str, **params) -> bytes:
    """The report as PDF, its images and styles read from ``base_url`` (cached; rendered by a worker
    after a write)."""
    return pdf.pdf_bytes(report_context(selectors.cached_report(version=version, **params)), base_url=base_url)


@fragments.part("reports.xlsx", with_version=True)
def xlsx_content(*, version: int, **params) -> bytes:
    """The report as a workbook (cached; rendered by a worker after a write)."""
    return xlsx_bytes(selectors.cached_report(version=version, **params))


@require_http_methods(["GET", "HEAD"])
def report_page(request, slug: str, template_code: str):
    """The report's page. Its body (the date's form and the report) is kept per query string, like the
    overview's, with the programme's name and the HTTP status: a repeated page looks up no programme, reads no
    form and no report, only the cached body. Whether the body names municipalities follows the programme
    (its data version) and whether the reader is programme staff (``permissions.can_view_details``)."""
    template = TEMPLATES.get(template_code)
    if template is None:
        raise Http404(_("There is no report of this kind."))
    status, programme_name, content = fragments.versioned_part(
        page_body,
        version=selectors.report_version(request),
        slug=slug,
        template=template.code,
        query=request.META.get("QUERY_STRING", ""),
        staff=is_programme_staff(request.user),
        today=timezone.localdate().isoformat(),
    )
    return render(
        request,
        "reports/report.html",
        {"programme_name": programme_name, "template": template, "content": content},
        status=status,
    )


@fragments.part("reports.page", with_version=True)
def page_body(*, version: int, slug: str, template: str, query: str, staff: bool, today: str) -> tuple[int, str, str]:
    """The HTTP status, the programme's name and the body of the report's page for the query string ``query``:
    the date's form (a GET form: no token), then the report, or only the form with its errors (400) when the
    date is not valid (cached; rendered by a worker after a write). ``staff``: whether the reader is
    programme staff, who see the tables that name municipalities (``permissions.can_view_details``)."""
    request = fragments.query_request(query)
    programme = programme_or_404(slug)
    template = TEMPLATES[template]
    form = ReportDateForm(request.GET or None)
    on = _date(programme, form)
    if on is None:
        return 400, programme.name, _date_form(form)
    if not form.is_bound:
        form = ReportDateForm(initial={"peildatum": on})
    visible = staff or can_view_details(AnonymousUser(), programme)
    params = selectors.report_params(programme=programme, template=template, on=on, details_visible=visible)
    report = selectors.cached_report(version=version, **params)
    context = report_context(report)
    return 200, programme.name, _date_form(form) + render_to_string("reports/_report_content.html", context)


def _date_form(form: ReportDateForm) -> str:
    return render_to_string("reports/_date_form.html", {"form": form})


def report_file_name(programme: Programme, template: ReportTemplate, on: datetime.date, extension: str) -> str:
    return f"rapportage-{programme.slug}-{template.code}-{on.isoformat()}.{extension}"


def _valid_choice(request, slug: str, template_code: str):
    programme, template, form = _chosen(request, slug, template_code)
    on = _date(programme, form)
    if on is None:
        raise BadRequest(" ".join(str(error) for error in form.errors.get("peildatum", [])))
    return programme, template, on


@require_http_methods(["GET", "HEAD"])
def report_pdf(request, slug: str, template_code: str):
    programme, template, on = _valid_choice(request, slug, template_code)
    content = _cached_output(request, pdf_content, programme, template, on, base_url=request.build_absolute_uri("/"))
    return tabular.file_response(content, report_file_name(programme, template, on, "pdf"), PDF_CONTENT_TYPE)


def xlsx_bytes(report: selectors.Report) -> bytes:
    """The report as a workbook: a sheet about the report, then one sheet per section."""
    about = tabular.Sheet(
        _("Report"),
        [],
        [
            [_("Programme"), report.programme.name],
            [_("Report"), str(report.template.name)],
            [_("As of"), report.on],
            [_("Computed on"), report.today],
            *([[_("Demo data"), _("the figures include generated demo data.")]] if report.has_demo else []),
        ],
    )
    return tabular.xlsx_bytes(about, *(section_sheet(section.title, section.tables) for section in report.sections))


@require_http_methods(["GET", "HEAD"])
def report_xlsx(request, slug: str, template_code: str):
    programme, template, on = _valid_choice(request, slug, template_code)
    content = _cached_output(request, xlsx_content, programme, template, on)
    return tabular.file_response(content, report_file_name(programme, template, on, "xlsx"), XLSX_CONTENT_TYPE)


@require_http_methods(["GET", "HEAD", "POST"])
def report_pdf_job(request, slug: str, template_code: str):
    """The PDF of a report, made by a background job: a button (GET), and the job started (POST).

    A signed-in user's job is their own, so that its progress page and its file are the user's (and staff's),
    and shows what the user may see. A visitor who is not signed in gets the shared job of the public report
    (``core.jobs.job_shared``): one per programme, report, date, language and data version, made once for
    every visitor who asks, with the tables that name municipalities only where the programme makes them
    public (``permissions.can_view_details`` of an anonymous visitor).
    """
    programme, template, on = _valid_choice(request, slug, template_code)
    shared = not request.user.is_authenticated
    context = {
        "programme": programme,
        "template": template,
        "on": on,
        "report_url": report_url(programme, template.code, on),
        "shared": shared,
    }
    if request.method == "POST":
        title = _("PDF of the report %(report)s of %(programme)s on %(date)s") % {
            "report": template.name,
            "programme": programme.name,
            "date": date_format(on, "j F Y"),
        }
        arguments = {
            "programme": programme.slug,
            "template": template.code,
            "on": on.isoformat(),
            "base_url": request.build_absolute_uri("/"),
        }
        if not shared:
            job = job_start(owner=request.user, kind=REPORT_PDF, title=title, arguments=arguments)
            return redirect("core:job-detail", pk=job.pk)
        key = ":".join(
            str(part)
            for part in (
                *selectors.report_params(
                    programme=programme,
                    template=template,
                    on=on,
                    details_visible=can_view_details(AnonymousUser(), programme),
                ).values(),
                translation.get_language(),
                selectors.report_version(request),
            )
        )
        try:
            job = job_shared(kind=REPORT_PDF, key=key, title=title, arguments=arguments)
        except ValidationError as error:
            return render(request, "reports/report_pdf_job.html", {**context, "errors": error.messages}, status=429)
        return redirect("core:job-detail", pk=job.pk)
    return render(request, "reports/report_pdf_job.html", context)
