# SPDX-License-Identifier: EUPL-1.2
"""Guide pages: the list, one guide (any version), ticking steps, and publishing a new version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.catalogue.models import StatusLevel
from bouwplaats.organisations.selectors import latest_period

from ..permissions import can_edit_guides, require_guide_editor, require_step_ticker
from ..selectors import current_blocks, own_municipalities
from . import selectors, services
from .forms import GuideVersionForm, StepFormSet


def _block(code):
    block = current_blocks().select_related("programme").filter(code=code).first()
    if block is None:
        raise Http404(_("There is no building block with this code in the current programme."))
    return block


@require_http_methods(["GET", "HEAD"])
def guide_list(request):
    return render(
        request,
        "knowledge/guide_list.html",
        {"summaries": selectors.guide_summaries(current_blocks()), "can_edit": can_edit_guides(request.user)},
    )


def _version(guide, request):
    versions = selectors.versions_of(guide)
    if not versions:
        raise Http404(_("This guide has no published version yet."))
    wanted = request.GET.get("versie")
    if wanted:
        chosen = next((v for v in versions if str(v.number) == wanted), None)
        if chosen is None:
            raise Http404(_("This guide has no such version."))
        return chosen, versions
    return versions[0], versions


@require_http_methods(["GET", "HEAD"])
def guide_detail(request, code):
    block = _block(code)
    guide = selectors.guide_for(block)
    if guide is None:
        if can_edit_guides(request.user):
            return redirect("knowledge:guide-publish", code=block.code)
        raise Http404(_("There is no guide for this building block yet."))
    version, versions = _version(guide, request)
    return render(
        request,
        "knowledge/guide_detail.html",
        {
            "building_block": block,
            "guide": guide,
            "version": version,
            "versions": versions,
            "is_current": version.pk == versions[0].pk,
            "steps": selectors.steps_of(version),
            "municipalities": list(own_municipalities(request.user)),
            "can_edit": can_edit_guides(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def guide_ticks(request, code, municipality_code):
    block = _block(code)
    municipality = latest_period(municipality_code)
    if municipality is None:
        raise Http404(_("There is no municipality with this code."))
    require_step_ticker(request.user, municipality)
    guide = selectors.guide_for(block)
    if guide is None:
        raise Http404(_("There is no guide for this building block yet."))
    versions = selectors.versions_of(guide)
    if not versions:
        raise Http404(_("This guide has no published version yet."))
    version = versions[0]
    error = None
    if request.method == "POST":
        try:
            services.guide_steps_tick(
                actor=request.user,
                municipality=municipality,
                version=version,
                step_ids=[value for value in request.POST.getlist("steps") if value.isdigit()],
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("The steps have been saved."))
            return redirect("knowledge:guide-ticks", code=block.code, municipality_code=municipality.code)
    steps = selectors.steps_of(version)
    ticked = selectors.ticked_steps(version, municipality)
    return render(
        request,
        "knowledge/guide_ticks.html",
        {
            "building_block": block,
            "municipality": municipality,
            "version": version,
            "steps": steps,
            "rows": [(step, ticked.get(step.pk)) for step in steps],
            "done": len(ticked),
            "error": error,
        },
        status=400 if error else 200,
    )


@permission_required_by(require_guide_editor)
@require_http_methods(["GET", "HEAD", "POST"])
def guide_publish(request, code):
    block = _block(code)
    levels = StatusLevel.objects.filter(programme=block.programme).order_by("position")
    guide = selectors.guide_for(block)
    versions = selectors.versions_of(guide) if guide else []
    current = versions[0] if versions else None
    initial_steps = (
        [{"title": s.title, "description": s.description, "level": s.level_id} for s in selectors.steps_of(current)]
        if current
        else []
    )
    form = GuideVersionForm(request.POST or None, initial={"introduction": current.introduction if current else ""})
    formset = StepFormSet(request.POST or None, initial=initial_steps, prefix="steps", form_kwargs={"levels": levels})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        steps = [data for data in formset.cleaned_data if data.get("title")]
        try:
            version = services.guide_version_publish(
                actor=request.user,
                building_block=block,
                steps=steps,
                introduction=form.cleaned_data["introduction"],
                change_note=form.cleaned_data["change_note"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Version %(number)d of the guide is published.") % {"number": version.number})
            return redirect("knowledge:guide-detail", code=block.code)
    return render(
        request,
        "knowledge/guide_publish.html",
        {"building_block": block, "form": form, "formset": formset, "current": current},
        status=400 if (form.errors or formset.total_error_count()) else 200,
    )


@permission_required_by(require_guide_editor)
@require_http_methods(["GET", "HEAD"])
def guide_new(request):
    """From the list's "write a guide" form to the publish page of the chosen block."""
    return redirect("knowledge:guide-publish", code=_block(request.GET.get("bouwsteen", "").strip()).code)
