# SPDX-License-Identifier: EUPL-1.2
"""Impact pages: scenarios with their results, the per-municipality view, the cost model.

Landscape pages are in ``landscape_views``, the report and its exports in ``report_views``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from bouwplaats.architecture.models import ArchitectureModel
from bouwplaats.audit.selectors import data_version
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.core import fragments
from bouwplaats.core.errors import submit_form
from bouwplaats.organisations.constants import SIZE_CLASSES
from bouwplaats.organisations.selectors import municipality_on
from bouwplaats.ui.charts import bar_chart
from bouwplaats.ui.numbers import euros

from . import costs, permissions, selectors, services
from .analysis import analyse, division_date
from .forms import CostModelForm, ScenarioForm
from .models import GapKind

MUNICIPALITIES_PAGE_SIZE = 50


def scenario_or_404(pk: int):
    scenario = selectors.scenario(pk)
    if scenario is None:
        raise Http404(_("There is no such scenario."))
    return scenario


def scenario_to_read(request, pk: int):
    """The scenario and its latest recorded run, looked up once per data version (a change to the
    scenario and a recorded run are audited): for the pages that only read it; 404 if there is none."""
    scenario, run = fragments.cached_fragment(
        "impact-scenario-lookup", (pk, data_version(request)), lambda: selectors.scenario_with_latest_run(pk)
    )
    if scenario is None:
        raise Http404(_("There is no such scenario."))
    return scenario, run


def municipality_analysis(request, scenario, code: str):
    """The analysis of one municipality of the scenario's division (404 for another code), for its own
    coordinators and programme staff: (municipality, analysis)."""
    municipality = municipality_on(code, on=division_date(scenario))
    if municipality is None:
        raise Http404(_("%(code)s is not a municipality of the scenario's division.") % {"code": code})
    permissions.require_municipality_result_viewer(request.user, municipality)
    return municipality, analyse(scenario, municipality_ids=[municipality.pk], request=request)


@login_required
@require_http_methods(["GET", "HEAD"])
def scenario_list(request):
    permissions.require_scenario_reader(request.user)
    return render(
        request,
        "impact/scenario_list.html",
        {
            "scenarios": selectors.scenarios(),
            "can_manage": permissions.can_manage_scenarios(request.user),
            "own_municipalities": selectors.editable_municipalities(request.user),
        },
    )


def size_class_chart(analysis):
    rows = analysis.by_size_class()
    return bar_chart(
        [(row.label, row.cost) for row in rows],
        title=_("Estimated effort per size class (euro)"),
        value_format=euros,
        description=_(
            "The sum of the estimates of the municipalities in each size class; the table below says the same."
        ),
    ), rows


def scenario_result_parts(request, scenario, *, is_staff: bool) -> dict:
    """The parts of the scenario page that the stored result gives (totals, chart, size classes,
    elements; for staff the ranked municipalities of the page asked for), rendered once per
    scenario, data version, role and query string and kept like the result itself."""

    def render() -> dict:
        analysis = analyse(scenario, request=request)
        chart, size_rows = size_class_chart(analysis)
        page = None
        if is_staff:
            ranked = sorted(analysis.municipalities, key=lambda m: (-m.cost, m.name))
            page = Paginator(ranked, MUNICIPALITIES_PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "scenario": scenario,
            "analysis": analysis,
            "totals": analysis.totals(),
            "chart": chart,
            "size_rows": size_rows,
            "page_obj": page,
        }
        return {
            "result": render_to_string("impact/_scenario_result.html", context, request=request),
            "municipalities": render_to_string("impact/_scenario_municipalities.html", context, request=request),
        }

    key = (scenario.pk, scenario.updated_at, data_version(request), is_staff, request.GET.urlencode())
    return fragments.cached_fragment("impact-scenario-page", key, render)


@login_required
@require_http_methods(["GET", "HEAD"])
def scenario_detail(request, pk):
    permissions.require_scenario_reader(request.user)
    scenario, latest_run = scenario_to_read(request, pk)
    is_staff = permissions.can_manage_scenarios(request.user)
    own = selectors.editable_municipalities(request.user)
    return render(
        request,
        "impact/scenario_detail.html",
        {
            "scenario": scenario,
            **scenario_result_parts(request, scenario, is_staff=is_staff),
            "is_staff": is_staff,
            "latest_run": latest_run if is_staff else None,
            "own_municipalities": own,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def scenario_municipality(request, pk, code):
    scenario = scenario_or_404(pk)
    municipality, analysis = municipality_analysis(request, scenario, code)
    impact = analysis.municipalities[0]
    return render(
        request,
        "impact/scenario_municipality.html",
        {"scenario": scenario, "analysis": analysis, "municipality": municipality, "impact": impact},
    )


def _scenario_form(request, *, scenario=None, initial=None):
    """The scenario form (bound on a save), with the chosen start elements and, after a search,
    the elements found in the chosen model release; and whether this request only searched."""
    data = request.POST if request.method == "POST" else None
    searching = data is not None and "search" in data
    models = ArchitectureModel.objects.order_by("name", "-imported_at")
    if data is not None:
        model = models.filter(pk=data.get("model")).first() if data.get("model", "").isdigit() else None
        chosen = data.getlist("start_elements")
        query = data.get("element_query", "")
    else:
        model = models.filter(pk=initial.get("model")).first() if initial.get("model") else None
        chosen, query = initial.get("start_elements", []), ""
    elements = selectors.elements_by_identifier(model, chosen)
    found = selectors.element_search(model, query) if searching else []
    known = {element.identifier for element in elements}
    elements += [element for element in found if element.identifier not in known]
    if searching:
        # Only a search: the page comes back with what was typed and chosen, unsaved and unchecked.
        initial = {name: data.get(name) for name in ScenarioForm.base_fields if name != "start_elements"}
        initial["start_elements"] = [element.identifier for element in elements if element.identifier in chosen]
        data = None
    form = ScenarioForm(
        data,
        initial=initial,
        models=models,
        blocks=BuildingBlock.objects.select_related("programme").order_by("programme__name", "name"),
        elements=elements,
    )
    return form, {"searched": query if searching else None, "found": found, "model": model}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def scenario_new(request):
    permissions.require_scenario_manager(request.user)
    initial = {"preset": "facility", "max_depth": 4, "model": getattr(selectors.reference_model(), "pk", None)}
    form, search = _scenario_form(request, initial=initial)
    scenario = submit_form(
        request, form, lambda **_cleaned: services.scenario_create(actor=request.user, **form.service_data())
    )
    if scenario is not None:
        messages.success(request, _("The scenario was created."))
        return redirect("impact:scenario-detail", pk=scenario.pk)
    return render(request, "impact/scenario_form.html", {"form": form, "scenario": None, **search})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def scenario_edit(request, pk):
    permissions.require_scenario_manager(request.user)
    scenario = scenario_or_404(pk)
    initial = ScenarioForm.initial_for(scenario, start_elements=selectors.start_identifiers(scenario))
    form, search = _scenario_form(request, scenario=scenario, initial=initial)
    saved = submit_form(
        request,
        form,
        lambda **_cleaned: services.scenario_update(actor=request.user, scenario=scenario, **form.service_data()),
    )
    if saved is not None:
        messages.success(request, _("The scenario was saved."))
        return redirect("impact:scenario-detail", pk=scenario.pk)
    return render(request, "impact/scenario_form.html", {"form": form, "scenario": scenario, **search})


@login_required
@require_POST
def scenario_run(request, pk):
    scenario = scenario_or_404(pk)
    run = services.scenario_run(actor=request.user, scenario=scenario)
    messages.success(
        request,
        ngettext(
            "The scenario was run on %(model)s: %(count)d affected element.",
            "The scenario was run on %(model)s: %(count)d affected elements.",
            run.summary["totals"]["elements"],
        )
        % {"model": run.model, "count": run.summary["totals"]["elements"]},
    )
    return redirect("impact:scenario-detail", pk=scenario.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cost_model(request):
    permissions.require_cost_model_editor(request.user)
    table = costs.rates()
    initial = {f"{kind}_{size}": amount for (kind, size), amount in table.items()}
    form = CostModelForm(request.POST or None, initial=initial)
    saved = submit_form(
        request, form, lambda **_cleaned: services.cost_rates_update(actor=request.user, rates=form.rates())
    )
    if saved is not None:
        messages.success(request, _("The cost model was saved."))
        return redirect("impact:cost-model")
    rows = [
        (
            size_class,
            [
                (form[f"{kind}_{size_class.code}"], costs.default_rate(kind, size_class.code))
                for kind in costs.DEFAULT_RATES
            ],
        )
        for size_class in SIZE_CLASSES
    ]
    kinds = [GapKind(kind).label for kind in costs.DEFAULT_RATES]
    return render(request, "impact/cost_model.html", {"form": form, "rows": rows, "kinds": kinds})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def scenario_delete(request, pk):
    permissions.require_scenario_manager(request.user)
    scenario = scenario_or_404(pk)
    if request.method == "POST":
        services.scenario_delete(actor=request.user, scenario=scenario)
        messages.success(request, _("The scenario was deleted."))
        return redirect("impact:scenario-list")
    return render(request, "impact/scenario_delete.html", {"scenario": scenario})
