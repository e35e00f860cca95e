# SPDX-License-Identifier: EUPL-1.2
"""Catalogue pages: the home page, programmes, building blocks, result agreements and their editing;
creating and closing a programme and starting its successor."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.accounts.permissions import can_edit_catalogue, is_programme_staff, require_catalogue_editor
from bouwplaats.architecture import selectors as architecture_selectors
from bouwplaats.audit.selectors import data_version
from bouwplaats.core.errors import perform, submit_form
from bouwplaats.core.fragments import cached_fragment

from . import selectors, services
from .block_sections import block_sections
from .forms import (
    BuildingBlockFilterForm,
    BuildingBlockForm,
    DependenciesForm,
    GemmaElementLinkForm,
    GemmaElementSearchForm,
    ProgrammeCloseForm,
    ProgrammeCreateForm,
    ProgrammeForm,
    ResultAgreementForm,
    StatusLevelForm,
    SuccessorForm,
)
from .models import (
    BuildingBlock,
    BuildingBlockElement,
    Programme,
    ResultAgreement,
    StatusLevel,
)
from .rules import closed_message, is_closed
from .shortcuts import programme_or_404

PAGE_SIZE = 50


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


def open_programme_only(view):
    """For the edit pages of a programme (``slug``): a closed programme is not changed any more, so
    its edit pages say so and lead back to the programme, which stays readable. The view gets the
    programme instead of its slug."""

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        programme = _programme(slug)
        if is_closed(programme):
            messages.info(request, closed_message(programme))
            return redirect("catalogue:programme-detail", slug=programme.slug)
        return view(request, programme, *args, **kwargs)

    return wrapper


def _may_edit(user, programme: Programme) -> bool:
    """Whether the page shows edit buttons: for programme staff, while the programme is open."""
    return can_edit_catalogue(user) and not is_closed(programme)


# --- public pages ----------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def home(request):
    today = timezone.localdate()
    staff = is_programme_staff(request.user)
    content = cached_fragment(
        "catalogue.home", (data_version(request), today, staff), lambda: _home_content(today=today, staff=staff)
    )
    return render(request, "catalogue/home.html", {"content": content})


def _home_content(*, today, staff: bool) -> str:
    """The home page's content: the programme overview. Cached, so no request and nothing personal."""
    programme = selectors.current_programme()
    overview = selectors.programme_overview(programme=programme, today=today) if programme else None
    return render_to_string(
        "catalogue/_home_content.html",
        {
            "programme": programme,
            "overview": overview,
            "is_programme_staff": staff,
            "SITE_NAME": settings.SITE_NAME,
        },
    )


@require_http_methods(["GET", "HEAD"])
def programme_list(request):
    return render(
        request,
        "catalogue/programme_list.html",
        {"programmes": selectors.programmes(), "can_create": can_edit_catalogue(request.user)},
    )


@require_http_methods(["GET", "HEAD"])
def programme_detail(request, slug):
    programme = get_object_or_404(selectors.programmes_with_catalogue(), slug=slug)
    return render(
        request,
        "catalogue/programme_detail.html",
        {
            "programme": programme,
            "clusters": selectors.clusters(programme=programme),
            "can_edit": _may_edit(request.user, programme),
            "can_succeed": can_edit_catalogue(request.user),
        },
    )


def _building_block_list(request, find_programme):
    """The list page; everything but the site frame comes from the cache while the data is unchanged.

    The part depends on the path (which programme), the query string (filters, page) and whether the
    viewer may edit the catalogue (the "add" link); the data version covers every write.
    """
    can_edit = can_edit_catalogue(request.user)  # and the programme is open: decided in the cached part
    page = cached_fragment(
        "catalogue.building_block_list",
        (data_version(request), request.path, request.META.get("QUERY_STRING", ""), can_edit),
        lambda: _building_block_list_page(request, find_programme(), can_edit=can_edit),
    )
    return render(request, "catalogue/building_block_list.html", {"page": page})


def _building_block_list_page(request, programme: Programme, *, can_edit: bool) -> dict[str, str]:
    """The title, breadcrumbs and content of the list page, rendered without the request's context."""
    can_edit = can_edit and not is_closed(programme)
    clusters = [row["cluster"] for row in selectors.clusters(programme=programme)]
    form = BuildingBlockFilterForm(request.GET or None, clusters=clusters)
    filters = form.filters() if form.is_bound else {}
    page = Paginator(selectors.building_block_list(programme=programme, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "request": request,  # for its path and query string only: both are part of the cache key
        "programme": programme,
        "form": form,
        "filtered": any(filters.values()),
        "page_obj": page,
        "blocks": page.object_list,
        "rows": _block_rows(page.object_list, programme),
        "can_edit": can_edit,
    }
    return {
        "title": _("Building blocks of %(name)s") % {"name": programme.name},
        "breadcrumbs": render_to_string(
            "catalogue/_breadcrumbs.html", {"programme": programme, "section_label": _("Building blocks")}
        ),
        "content": render_to_string("catalogue/_building_block_list_content.html", context),
    }


def _block_rows(blocks, programme: Programme) -> list[dict]:
    """What the list shows of each block."""

    def detail_url(code: str) -> str:
        return reverse("catalogue:building-block-detail", args=[programme.slug, code])

    return [
        {
            "url": detail_url(block.code),
            "name": block.name,
            "code": block.code,
            "cluster": block.cluster,
            "owner": block.owner,
            "role": block.get_municipality_role_display(),
            "deadline": block.deadline,
            "deadline_basis": block.get_deadline_basis_display(),
            "evidence": block.evidence,
            "evidence_label": block.get_evidence_display(),
            "depends_on": [(detail_url(other.code), other.name) for other in block.depends_on.all()],
        }
        for block in blocks
    ]


@require_http_methods(["GET", "HEAD"])
def building_block_list_current(request):
    return _building_block_list(request, programme_or_404)


@require_http_methods(["GET", "HEAD"])
def building_block_list(request, slug):
    return _building_block_list(request, lambda: _programme(slug))


@require_http_methods(["GET", "HEAD"])
def building_block_detail(request, slug, code):
    programme = _programme(slug)
    try:
        block = selectors.building_block(programme=programme, code=code)
    except BuildingBlock.DoesNotExist:
        raise Http404(_("No building block with this code."))
    gemma_model, gemma_elements = selectors.gemma_elements_of_block(block)
    return render(
        request,
        "catalogue/building_block_detail.html",
        {
            "programme": programme,
            "building_block": block,
            "can_edit": _may_edit(request.user, programme),
            "gemma_model": gemma_model,
            "gemma_elements": gemma_elements,
            "sections": block_sections(block, request.user),
        },
    )


@require_http_methods(["GET", "HEAD"])
def result_agreement_list(request, slug):
    programme = _programme(slug)
    agreements = list(selectors.result_agreements(programme=programme))
    total = programme.result_agreement_total
    return render(
        request,
        "catalogue/result_agreement_list.html",
        {
            "programme": programme,
            "agreements": agreements,
            "missing": max(total - len(agreements), 0) if total else 0,
            "can_edit": _may_edit(request.user, programme),
        },
    )


# --- programme staff: programme and status ladder ----------------------------------------------


@permission_required_by(require_catalogue_editor)
@require_http_methods(["GET", "POST"])
def programme_create(request):
    form = ProgrammeCreateForm(request.POST or None)
    programme = submit_form(request, form, services.programme_create, actor=request.user)
    if programme:
        messages.success(request, _("The programme “%(name)s” has been created.") % {"name": programme.name})
        return redirect("catalogue:programme-detail", slug=programme.slug)
    return render(request, "catalogue/programme_create.html", {"form": form})


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def programme_close(request, programme: Programme):
    """Close a programme at its end: a date, and the consequences spelled out before the button."""
    today = timezone.localdate()
    suggested = min(programme.end_date, today) if programme.end_date else today
    form = ProgrammeCloseForm(request.POST or None, initial={"closed_on": suggested})
    closed = submit_form(request, form, services.programme_close, actor=request.user, programme=programme)
    if closed:
        messages.success(request, closed_message(closed))
        return redirect("catalogue:programme-detail", slug=closed.slug)
    return render(
        request,
        "catalogue/programme_close.html",
        {"programme": programme, "form": form, "ends_later": bool(programme.end_date and programme.end_date > today)},
    )


@permission_required_by(require_catalogue_editor)
@require_http_methods(["GET", "POST"])
def successor_start(request, slug):
    """Start a successor of the programme, choosing what it takes over."""
    predecessor = _programme(slug)
    form = SuccessorForm(request.POST or None, predecessor=predecessor)
    successor = submit_form(request, form, services.successor_start, actor=request.user, predecessor=predecessor)
    if successor:
        messages.success(
            request,
            _("%(successor)s has started as the successor of %(predecessor)s.")
            % {"successor": successor.name, "predecessor": predecessor.name},
        )
        return redirect("catalogue:programme-detail", slug=successor.slug)
    return render(request, "catalogue/successor_form.html", {"programme": predecessor, "form": form})


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def programme_edit(request, programme: Programme):
    form = ProgrammeForm(request.POST or None, instance=programme)
    saved = submit_form(request, form, services.programme_update, actor=request.user, programme=programme)
    if saved is not None:
        messages.success(request, _("The programme has been saved."))
        return redirect("catalogue:programme-detail", slug=saved.slug)
    return render(request, "catalogue/programme_form.html", {"programme": programme, "form": form})


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def status_level_list(request, programme: Programme):
    """The status ladder with move, rename and delete controls, and a form to add a level."""
    form = StatusLevelForm(request.POST or None)
    saved = submit_form(request, form, services.status_level_create, actor=request.user, programme=programme)
    if saved is not None:
        messages.success(request, _("The status level “%(name)s” has been added.") % {"name": saved.name})
        return redirect("catalogue:status-level-list", slug=programme.slug)
    return render(
        request,
        "catalogue/status_level_list.html",
        {"programme": programme, "levels": selectors.status_levels(programme=programme), "form": form},
    )


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def status_level_edit(request, programme: Programme, code):
    level = _level(programme, code)
    form = StatusLevelForm(request.POST or None, instance=level)
    saved = submit_form(request, form, services.status_level_update, actor=request.user, level=level)
    if saved is not None:
        messages.success(request, _("The status level “%(name)s” has been saved.") % {"name": saved.name})
        return redirect("catalogue:status-level-list", slug=programme.slug)
    return render(request, "catalogue/status_level_form.html", {"programme": programme, "level": level, "form": form})


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_POST
def status_level_move(request, programme: Programme, code):
    level = _level(programme, code)
    moved = _("The status level “%(name)s” has been moved.") % {"name": level.name}
    direction = request.POST.get("direction", "")
    perform(request, moved, services.status_level_move, actor=request.user, level=level, direction=direction)
    return redirect("catalogue:status-level-list", slug=programme.slug)


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def status_level_delete(request, programme: Programme, code):
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


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def building_block_create(request, programme: Programme):
    form = BuildingBlockForm(request.POST or None)
    block = submit_form(request, form, services.building_block_create, actor=request.user, programme=programme)
    if block is not None:
        messages.success(request, _("The building block “%(name)s” has been added.") % {"name": block.name})
        return redirect("catalogue:building-block-detail", slug=programme.slug, code=block.code)
    return render(request, "catalogue/building_block_form.html", {"programme": programme, "form": form})


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def building_block_edit(request, programme: Programme, code):
    block = _block(programme, code)
    form = BuildingBlockForm(request.POST or None, instance=block)
    saved = submit_form(request, form, services.building_block_update, actor=request.user, block=block)
    if saved is not None:
        messages.success(request, _("The building block “%(name)s” has been saved.") % {"name": saved.name})
        return redirect("catalogue:building-block-detail", slug=programme.slug, code=saved.code)
    return render(
        request, "catalogue/building_block_form.html", {"programme": programme, "building_block": block, "form": form}
    )


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def building_block_dependencies(request, programme: Programme, code):
    block = _block(programme, code)
    form = DependenciesForm(request.POST or None, block=block)
    saved = submit_form(request, form, services.building_block_dependencies_set, actor=request.user, block=block)
    if saved is not None:
        messages.success(request, _("The dependencies of “%(name)s” have been saved.") % {"name": block.name})
        return redirect("catalogue:building-block-detail", slug=programme.slug, code=block.code)
    return render(
        request,
        "catalogue/building_block_dependencies.html",
        {"programme": programme, "building_block": block, "form": form},
    )


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def building_block_delete(request, programme: Programme, code):
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


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def result_agreement_create(request, programme: Programme):
    form = ResultAgreementForm(request.POST or None, programme=programme)
    agreement = submit_form(request, form, services.result_agreement_create, actor=request.user, programme=programme)
    if agreement is not None:
        messages.success(request, _("Result agreement %(number)s has been added.") % {"number": agreement.number})
        return redirect("catalogue:result-agreement-list", slug=programme.slug)
    return render(request, "catalogue/result_agreement_form.html", {"programme": programme, "form": form})


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def result_agreement_edit(request, programme: Programme, number):
    agreement = _agreement(programme, number)
    form = ResultAgreementForm(request.POST or None, instance=agreement, programme=programme)
    saved = submit_form(request, form, services.result_agreement_update, actor=request.user, agreement=agreement)
    if saved is not None:
        messages.success(request, _("Result agreement %(number)s has been saved.") % {"number": saved.number})
        return redirect("catalogue:result-agreement-list", slug=programme.slug)
    return render(
        request,
        "catalogue/result_agreement_form.html",
        {"programme": programme, "agreement": agreement, "form": form},
    )


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "POST"])
def result_agreement_delete(request, programme: Programme, number):
    agreement = _agreement(programme, number)
    if request.method == "POST":
        services.result_agreement_delete(actor=request.user, agreement=agreement)
        messages.success(request, _("Result agreement %(number)s has been deleted.") % {"number": agreement.number})
        return redirect("catalogue:result-agreement-list", slug=programme.slug)
    return render(
        request, "catalogue/result_agreement_confirm_delete.html", {"programme": programme, "agreement": agreement}
    )


# --- GEMMA elements of a building block (programme staff) -------------------------------------

GEMMA_SEARCH_RESULTS = 25


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_http_methods(["GET", "HEAD", "POST"])
def building_block_gemma(request, programme: Programme, code):
    """Link GEMMA elements to a block: search the current release (GET), link one (POST)."""
    block = _block(programme, code)
    link_form = GemmaElementLinkForm(request.POST or None)
    saved = submit_form(request, link_form, services.building_block_element_add, actor=request.user, block=block)
    if saved is not None:
        messages.success(request, _("The element has been linked to “%(name)s”.") % {"name": block.name})
        return redirect("catalogue:building-block-gemma", slug=programme.slug, code=block.code)
    search_form = GemmaElementSearchForm(request.GET or None)
    gemma_model, gemma_elements = selectors.gemma_elements_of_block(block)
    query = search_form.cleaned_data.get("q", "") if search_form.is_valid() else ""
    results = []
    if gemma_model is not None and query.strip():
        linked = {row.object_id for row in gemma_elements}
        found = architecture_selectors.search_elements(gemma_model, q=query).exclude(object_id="")
        results = [(element, element.object_id in linked) for element in found[:GEMMA_SEARCH_RESULTS]]
    return render(
        request,
        "catalogue/building_block_gemma.html",
        {
            "programme": programme,
            "building_block": block,
            "gemma_model": gemma_model,
            "gemma_elements": gemma_elements,
            "search_form": search_form,
            "link_form": link_form,
            "query": query,
            "results": results,
            "result_limit": GEMMA_SEARCH_RESULTS,
        },
    )


@permission_required_by(require_catalogue_editor)
@open_programme_only
@require_POST
def building_block_gemma_remove(request, programme: Programme, code, link_id):
    block = _block(programme, code)
    # The link must belong to the block in the address: another block's link id gives 404.
    link = get_object_or_404(BuildingBlockElement, pk=link_id, building_block=block)
    services.building_block_element_remove(actor=request.user, link=link)
    messages.success(request, _("The element has been unlinked from “%(name)s”.") % {"name": block.name})
    return redirect("catalogue:building-block-gemma", slug=programme.slug, code=block.code)
