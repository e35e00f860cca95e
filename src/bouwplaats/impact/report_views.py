# SPDX-License-Identifier: EUPL-1.2
"""The report page (printable HTML, national or for one municipality), its narrative form and exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bouwplaats.core import tabular
from bouwplaats.core.errors import submit_form

from . import permissions, report, services
from .analysis import analyse
from .forms import NarrativeForm
from .views import municipality_analysis, scenario_or_404


def _context(request, scenario) -> dict:
    """The national report, or with ``?gemeente=GM…`` the part of one municipality (own or staff)."""
    permissions.require_scenario_reader(request.user)
    code = request.GET.get("gemeente", "").strip()
    if not code:
        return report.report_context(analyse(scenario, request=request))
    municipality, analysis = municipality_analysis(request, scenario, code)
    return report.report_context(analysis, municipality=municipality, impact=analysis.municipalities[0])


def _file_name(context, extension: str) -> str:
    parts = [slugify(context["scenario"].title) or "impactanalyse"]
    if context["municipality"] is not None:
        parts.append(context["municipality"].code)
    return "-".join(parts) + "." + extension


@login_required
@require_http_methods(["GET", "HEAD"])
def report_page(request, pk):
    scenario = scenario_or_404(pk)
    context = _context(request, scenario)
    context["can_edit"] = permissions.can_manage_scenarios(request.user)
    context["query"] = request.GET.urlencode()
    return render(request, "impact/report.html", context)


@login_required
@require_http_methods(["GET", "HEAD"])
def report_pdf(request, pk):
    scenario = scenario_or_404(pk)
    context = _context(request, scenario)
    content = report.pdf_bytes(context, base_url=request.build_absolute_uri("/"))
    return tabular.file_response(content, _file_name(context, "pdf"), "application/pdf")


@login_required
@require_http_methods(["GET", "HEAD"])
def report_table(request, pk, fmt):
    """The report's tables as an XLSX or ODS workbook."""
    scenario = scenario_or_404(pk)
    context = _context(request, scenario)
    analysis = context["analysis"]
    # Staff export every municipality; a coordinator's report (?gemeente=) holds the own one only;
    # the national report of anyone else holds no municipality rows.
    visible = context["municipality"] is not None or permissions.can_manage_scenarios(request.user)
    municipalities = analysis.municipalities if visible else []
    content = tabular.file_bytes(fmt, *report.sheets(analysis, municipalities=municipalities))
    return tabular.file_response(content, _file_name(context, fmt), tabular.CONTENT_TYPES[fmt])


@login_required
@require_http_methods(["GET", "HEAD"])
def report_ameff(request, pk):
    permissions.require_scenario_reader(request.user)
    scenario = scenario_or_404(pk)
    content = report.ameff_bytes(analyse(scenario, municipality_ids=[], request=request))
    name = slugify(scenario.title) or "impactanalyse"
    return tabular.file_response(content, f"{name}-subgraaf.xml", "application/xml")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_edit(request, pk):
    permissions.require_scenario_manager(request.user)
    scenario = scenario_or_404(pk)
    initial = {name: getattr(scenario, name) for name in scenario.NARRATIVE_FIELDS}
    form = NarrativeForm(request.POST or None, initial=initial)
    saved = submit_form(request, form, services.scenario_narrative_update, actor=request.user, scenario=scenario)
    if saved is not None:
        messages.success(request, _("The report was saved."))
        return redirect("impact:report", pk=scenario.pk)
    return render(request, "impact/report_edit.html", {"form": form, "scenario": scenario})
