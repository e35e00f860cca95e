# SPDX-License-Identifier: EUPL-1.2
"""Landscape pages: a municipality's applications (own coordinators and staff), editing, imports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bouwplaats.core.errors import perform, submit_form
from bouwplaats.organisations.models import Municipality
from bouwplaats.organisations.selectors import latest_period, municipality_on

from . import landscape_import, permissions, selectors, services
from .analysis import landscape_date
from .forms import ApplicationForm, ImportForm
from .models import ImportStatus, LandscapeImport, ReferenceKind

IMPORT_ROWS_PAGE_SIZE = 100


def _municipality(code: str) -> Municipality:
    municipality = municipality_on(code, on=landscape_date()) or latest_period(code.upper())
    if municipality is None:
        raise Http404(_("There is no municipality with code %(code)s.") % {"code": code})
    return municipality


@login_required
@require_http_methods(["GET", "HEAD"])
def landscape_index(request):
    """Staff: every municipality with its number of applications. Coordinators: their own."""
    if permissions.can_manage_scenarios(request.user):
        municipalities = Municipality.objects.on(landscape_date())
    else:
        municipalities = selectors.editable_municipalities(request.user)
    municipalities = municipalities.annotate(application_count=Count("applications")).order_by("name")
    page = Paginator(municipalities, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "impact/landscape_index.html",
        {"page_obj": page, "can_import": permissions.can_import_landscapes(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def landscape(request, code):
    municipality = _municipality(code)
    permissions.require_landscape_viewer(request.user, municipality)
    applications = list(selectors.landscape(municipality))
    object_ids = {ref.object_id for app in applications for ref in app.references.all()}
    names = selectors.element_names(selectors.reference_model(), object_ids)
    rows = [
        {
            "application": app,
            "components": [
                names.get(r.object_id, r.object_id) for r in app.references.all() if r.kind == ReferenceKind.COMPONENT
            ],
            "standards": [
                names.get(r.object_id, r.object_id) for r in app.references.all() if r.kind == ReferenceKind.STANDARD
            ],
        }
        for app in applications
    ]
    return render(
        request,
        "impact/landscape.html",
        {
            "municipality": municipality,
            "rows": rows,
            "has_demo": any(app.is_demo for app in applications),
            "can_edit": permissions.can_edit_landscape(request.user, municipality),
        },
    )


def _application_form(data=None, initial=None, application=None):
    model = selectors.reference_model()
    return ApplicationForm(
        data,
        initial=initial,
        components=selectors.reference_components(model),
        standards=selectors.standards(model),
        suppliers=selectors.linkable_suppliers(),
        product_versions=selectors.linkable_versions(current=application.product_version_id if application else None),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_new(request, code):
    municipality = _municipality(code)
    permissions.require_landscape_editor(request.user, municipality)
    form = _application_form(request.POST or None)
    saved = submit_form(request, form, services.application_create, actor=request.user, municipality=municipality)
    if saved is not None:
        messages.success(request, _("The application was added."))
        return redirect("impact:landscape", code=municipality.code)
    return render(request, "impact/application_form.html", {"form": form, "municipality": municipality})


def _application(municipality, pk):
    application = selectors.application(municipality=municipality, pk=pk)
    if application is None:
        raise Http404(_("%(name)s has no such application.") % {"name": municipality.name})
    return application


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_edit(request, code, pk):
    municipality = _municipality(code)
    permissions.require_landscape_editor(request.user, municipality)
    application = _application(municipality, pk)
    form = _application_form(
        request.POST or None, initial=ApplicationForm.initial_for(application), application=application
    )
    saved = submit_form(request, form, services.application_update, actor=request.user, application=application)
    if saved is not None:
        messages.success(request, _("The application was saved."))
        return redirect("impact:landscape", code=municipality.code)
    return render(
        request,
        "impact/application_form.html",
        {"form": form, "municipality": municipality, "application": application},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_delete(request, code, pk):
    municipality = _municipality(code)
    permissions.require_landscape_editor(request.user, municipality)
    application = _application(municipality, pk)
    if request.method == "POST":
        services.application_delete(actor=request.user, application=application)
        messages.success(request, _("The application was removed."))
        return redirect("impact:landscape", code=municipality.code)
    return render(request, "impact/application_delete.html", {"municipality": municipality, "application": application})


# --- imports -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_new(request):
    permissions.require_landscape_importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    batch = submit_form(request, form, landscape_import.import_check, actor=request.user)
    if batch is not None:
        return redirect("impact:import-detail", pk=batch.pk)
    imports = selectors.landscape_imports(request.user)[:20]
    return render(request, "impact/import_new.html", {"form": form, "imports": imports})


def _batch(request, pk) -> LandscapeImport:
    batch = selectors.landscape_imports(request.user).filter(pk=pk).first()
    if batch is None:
        raise Http404(_("There is no such import."))
    return batch


@login_required
@require_http_methods(["GET", "HEAD"])
def import_detail(request, pk):
    permissions.require_landscape_importer(request.user)
    batch = _batch(request, pk)
    rows = batch.report.get("rows", [])
    page = Paginator(rows, IMPORT_ROWS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "impact/import_detail.html",
        {"batch": batch, "report": batch.report, "page_obj": page, "can_apply": batch.status == ImportStatus.CHECKED},
    )


@login_required
@require_POST
def import_apply(request, pk):
    permissions.require_landscape_importer(request.user)
    batch = _batch(request, pk)
    perform(request, _("The import was applied."), landscape_import.import_apply, actor=request.user, batch=batch)
    return redirect("impact:import-detail", pk=batch.pk)
