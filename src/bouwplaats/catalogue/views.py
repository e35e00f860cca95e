"""Catalogue pages: the home page, programmes, building blocks, result agreements and their editing."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bouwplaats.accounts.permissions import can_edit_catalogue, require_catalogue_editor

from . import selectors, services
from .forms import (
    BuildingBlockFilterForm,
    BuildingBlockForm,
    DependenciesForm,
    ProgrammeForm,
    ResultAgreementForm,
    StatusLevelForm,
    add_service_errors,
)
from .models import BuildingBlock, Programme, ResultAgreement, StatusLevel

PAGE_SIZE = 50


def catalogue_editor_required(view):
    """Programme staff only: anonymous visitors are sent to the login page, everyone else gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        require_catalogue_editor(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def _programme(slug: str) -> Programme:
    return get_object_or_404(Programme.objects.all(), slug=slug)


def _block(programme: Programme, code: str) -> BuildingBlock:
    return get_object_or_404(BuildingBlock.objects.select_related("programme"), programme=programme, code=code)


def _level(programme: Programme, code: str) -> StatusLevel:
    return get_object_or_404(StatusLevel.objects.select_related("programme"), programme=programme, code=code)


def _agreement(programme: Programme, number: int) -> ResultAgreement:
    return get_object_or_404(
        ResultAgreement.objects.select_related("programme", "required_level"), programme=programme, number=number
    )


# --- public pages ----------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def home(request):
    programme = selectors.current_programme()
    overview = selectors.programme_overview(programme=programme, today=timezone.localdate()) if programme else None
    return render(request, "catalogue/home.html", {"programme": programme, "overview": overview})


@require_http_methods(["GET", "HEAD"])
def programme_list(request):
    return render(request, "catalogue/programme_list.html", {"programmes": selectors.programmes()})


@require_http_methods(["GET", "HEAD"])
def programme_detail(request, slug):
    programme = get_object_or_404(selectors.programmes_with_catalogue(), slug=slug)
    return render(
        request,
        "catalogue/programme_detail.html",
        {
            "programme": programme,
            "clusters": selectors.clusters(programme=programme),
            "can_edit": can_edit_catalogue(request.user),
        },
    )


def _building_block_list(request, programme: Programme | None):
    if programme is None:
        raise Http404(_("There is no programme yet."))
    clusters = [row["cluster"] for row in selectors.clusters(programme=programme)]
    form = BuildingBlockFilterForm(request.GET or None, clusters=clusters)
    filters = form.filters() if form.is_bound else {}
    page = Paginator(selectors.building_blocks(programme=programme, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "catalogue/building_block_list.html",
        {
            "programme": programme,
            "form": form,
            "filtered": any(filters.values()),
            "page_obj": page,
            "blocks": page.object_list,
            "can_edit": can_edit_catalogue(request.user),
        },
    )


@require_http_methods(["GET", "HEAD"])
def building_block_list_current(request):
    return _building_block_list(request, selectors.current_programme())


@require_http_methods(["GET", "HEAD"])
def building_block_list(request, slug):
    return _building_block_list(request, _programme(slug))


@require_http_methods(["GET", "HEAD"])
def building_block_detail(request, slug, code):
    programme = _programme(slug)
    try:
        block = selectors.building_block(programme=programme, code=code)
    except BuildingBlock.DoesNotExist:
        raise Http404(_("No building block with this code."))
    return render(
        request,
        "catalogue/building_block_detail.html",
        {"programme": programme, "building_block": block, "can_edit": can_edit_catalogue(request.user)},
    )


@require_http_methods(["GET", "HEAD"])
def result_agreement_list(request, slug):
    programme = _programme(slug)
    return render(
        request,
        "catalogue/result_agreement_list.html",
        {
            "programme": programme,
            "agreements": selectors.result_agreements(programme=programme),
            "can_edit": can_edit_catalogue(request.user),
        },
    )


# --- programme staff: programme and status ladder ----------------------------------------------


@catalogue_editor_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, slug):
    programme = _programme(slug)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_update(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The programme has been saved."))
            return redirect("catalogue:programme-detail", slug=programme.slug)
    return render(request, "catalogue/programme_form.html", {"programme": programme, "form": form})


@catalogue_editor_required
@require_http_methods(["GET", "POST"])
def status_level_list(request, slug):
    """The status ladder with move, rename and delete controls, and a form to add a level."""
    programme = _programme(slug)
    form = StatusLevelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            level = services.status_level_create(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The status level “%(name)s” has been added.") % {"name": level.name})
            return redirect("catalogue:status-level-list", slug=programme.slug)
    return render(
        request,
        "catalogue/status_level_list.html",
        {"programme": programme, "levels": selectors.status_levels(programme=programme), "form": form},
    )


@catalogue_editor_required
@require_http_methods(["GET", "POST"])
def status_level_edit(request, slug, code):
    programme = _programme(slug)
    level = _level(programme, code)
    form = StatusLevelForm(request.POST or None, instance=level)
    if request.method == "POST" and form.is_valid():
        try:
            level = services.status_level_update(actor=request.user, level=level, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The status level “%(name)s” has been saved.") % {"name": level.name})
            return redirect("catalogue:status-level-list", slug=programme.slug)
    return render(request, "catalogue/status_level_form.html", {"programme": programme, "level": level, "form": form})


@catalogue_editor_required
@require_POST
def status_level_move(request, slug, code):
    programme = _programme(slug)
    level = _level(programme, code)
    try:
        services.status_level_move(actor=request.user, level=level, direction=request.POST.get("direction", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The status level “%(name)s” has been moved.") % {"name": level.name})
    return redirect("catalogue:status-level-list", slug=programme.slug)


@catalogue_editor_required
@require_http_methods(["GET", "POST"])
def status_level_delete(request, slug, code):
    programme = _programme(slug)
    level = _level(programme, code)
    error_messages = []
    if request.method == "POST":
        try:
            services.status_level_delete(actor=request.user, level=level)
        except ValidationError as error:
            error_messages = error.messages
        else:
            messages.success(request, _("The status level “%(name)s” has been deleted.") % {"name": level.name})
            return redirect("catalogue:status-level-list", slug=programme.slug)
    return render(
        request,
        "catalogue/status_level_confirm_delete.html",
        {
            "programme": programme,
            "level": level,
            "agreements": level.result_agreements.order_by("number"),
            "error_messages": error_messages,
        },
        status=400 if error_messages else 200,
    )


# --- programme staff: building blocks ----------------------------------------------------------


@catalogue_editor_required
@require_http_methods(["GET", "POST"])
def building_block_create(request, slug):
    programme = _programme(slug)
    form = BuildingBlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            block = services.building_block_create(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The building block “%(name)s” has been added.") % {"name": block.name})
            return redirect("catalogue:building-block-detail", slug=programme.slug, code=block.code)
    return render(request, "catalogue/building_block_form.html", {"programme": programme, "form": form})


@catalogue_editor_required
@require_http_methods(["GET", "POST"])
def building_block_edit(request, slug, code):
    programme = _programme(slug)
    block = _block(programme, code)
    form = BuildingBlockForm(request.POST or None, instance=block)
    if request.method == "POST" and form.is_valid():
        try:
            block = services.building_block_update(actor=request.user, block=block, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The building block “%(name)s” has been saved.") % {"name": block.name})
            return redirect("catalogue:building-block-detail", slug=programme.slug, code=block.code)
    return render(
        request, "catalogue/building_block_form.html", {"programme": programme, "building_block": block, "form": form}
    )


@catalogue_editor_required
@require_http_methods(["GET", "POST"])
def building_block_dependencies(request, slug, code):
    programme = _programme(slug)
    block = _block(programme, code)
    form = DependenciesForm(request.POST or None, block=block)
    if request.method == "POST" and form.is_valid():
        try:
            services.building_block_set_dependencies(
                actor=request.user, block=block, depends_on=form.cleaned_data["depends_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The dependencies of “%(name)s” have been saved.") % {"name": block.name})
            return redirect("catalogue:building-block-detail", slug=programme.slug, code=block.code)
    return render(
        request,
        "catalogue/building_block_dependencies.html",
        {"programme": programme, "building_block": block, "form": form},
    )


@catalogue_editor_required
@require_http_methods(["GET", "POST"])
def building_block_delete(request, slug, code):
    programme = _programme(slug)
    try:
        block = selectors.building_block(programme=programme, code=code)
    except BuildingBlock.DoesNotExist:
        raise Http404(_("No building block with this code."))
    if request.method == "POST":
        services.building_block_delete(actor=request.user, block=block)
        messages.success(request, _("The building block “%(name)s” has been deleted.") % {"name": block.name})
        return redirect("catalogue:building-block-list", slug=programme.slug)
    return render(
        request, "catalogue/building_block_confirm_delete.html", {"programme": programme, "building_block": block}
    )


# --- programme staff: result agreements ----------------------------------------------------------


@catalogue_editor_required
@require_http_methods(["GET", "POST"])
def result_agreement_create(request, slug):
    programme = _programme(slug)
    form = ResultAgreementForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.result_agreement_create(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Result agreement %(number)s has been added.") % {"number": agreement.number})
            return redirect("catalogue:result-agreement-list", slug=programme.slug)
    return render(request, "catalogue/result_agreement_form.html", {"programme": programme, "form": form})


@catalogue_editor_required
@require_http_methods(["GET", "POST"])
def result_agreement_edit(request, slug, number):
    programme = _programme(slug)
    agreement = _agreement(programme, number)
    form = ResultAgreementForm(request.POST or None, instance=agreement, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.result_agreement_update(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Result agreement %(number)s has been saved.") % {"number": agreement.number})
            return redirect("catalogue:result-agreement-list", slug=programme.slug)
    return render(
        request,
        "catalogue/result_agreement_form.html",
        {"programme": programme, "agreement": agreement, "form": form},
    )


@catalogue_editor_required
@require_http_methods(["GET", "POST"])
def result_agreement_delete(request, slug, number):
    programme = _programme(slug)
    agreement = _agreement(programme, number)
    if request.method == "POST":
        services.result_agreement_delete(actor=request.user, agreement=agreement)
        messages.success(request, _("Result agreement %(number)s has been deleted.") % {"number": agreement.number})
        return redirect("catalogue:result-agreement-list", slug=programme.slug)
    return render(
        request, "catalogue/result_agreement_confirm_delete.html", {"programme": programme, "agreement": agreement}
    )
