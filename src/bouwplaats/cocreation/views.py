# SPDX-License-Identifier: EUPL-1.2
"""Co-creation pages: ideas with votes and official answers, settings, and member consultations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.audit.selectors import data_version
from bouwplaats.catalogue.shortcuts import programme_or_404
from bouwplaats.core.errors import submit_form
from bouwplaats.core.fragments import cached_fragment
from bouwplaats.organisations.models import Municipality
from bouwplaats.ui import charts

from . import permissions, selectors, services
from .forms import (
    AnswerForm,
    BallotForm,
    CloseEarlyForm,
    ConsultationForm,
    IdeaFilterForm,
    IdeaForm,
    SettingsForm,
    VoteForm,
)
from .models import Consultation, Idea, VoteMode

PAGE_SIZE = 25


def _idea(pk: int) -> Idea:
    try:
        return selectors.idea_detail(pk=pk)
    except Idea.DoesNotExist:
        raise Http404(_("There is no idea with this number."))


def _consultation(pk: int) -> Consultation:
    try:
        return selectors.consultation_detail(pk=pk)
    except Consultation.DoesNotExist:
        raise Http404(_("There is no member consultation with this number."))


# --- ideas ----------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def idea_list(request):
    """The list; its data part comes from the cache while the data is unchanged (ADR 6).

    The part depends on the programme and the query string (filters, sorting, page); the data
    version covers every write, votes included. Which ideas the viewer supports is personal, so
    it is read per request (one query).
    """
    programme = programme_or_404()
    part = cached_fragment(
        "cocreation.idea_list",
        (data_version(request), programme.pk, request.META.get("QUERY_STRING", "")),
        lambda: _idea_list_part(request, programme),
    )
    voted = selectors.voted_idea_ids(
        user=request.user, programme=programme, mode=part["vote_mode"], idea_ids=part["idea_ids"]
    )
    return render(
        request,
        "cocreation/idea_list.html",
        {
            **part,
            "programme": programme,
            "table_html": _mark_supported(part["table_html"], voted),
            "per_municipality": part["vote_mode"] == VoteMode.MUNICIPALITY,
            "can_manage": permissions.can_manage(request.user),
        },
    )


def _mark_supported(table_html: str, voted: set[int]) -> str:
    """Put the viewer's "supported" marks into the cached table, at the markers left for them."""
    if not voted:
        return table_html
    badge = format_html(' <span class="badge badge--approved">{}</span>', _("supported"))
    for idea_id in voted:
        table_html = table_html.replace(f"<!--cocr-voted-{int(idea_id)}-->", badge)
    return mark_safe(table_html)  # noqa: S308 - cached template output plus our own escaped badge


def _idea_list_part(request, programme) -> dict:
    """The filter form (as HTML) and one page of rows: nothing personal, so it can be cached."""
    blocks = list(selectors.idea_blocks(programme=programme))
    form = IdeaFilterForm(request.GET or None, blocks=blocks, themes=selectors.idea_themes(programme=programme))
    filters = form.filters()
    filtered = any(value for key, value in filters.items() if key != "sort")
    page = Paginator(selectors.ideas(programme=programme, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = _idea_rows(page.object_list)
    table_context = {
        "request": request,  # for its path and query string only (pagination links): both are in the key
        "rows": rows,
        "page_obj": page,
        "filtered": filtered,
    }
    return {
        "filters_html": render_to_string(
            "cocreation/_idea_filters.html", {"form": form, "filtered": filtered, "list_path": request.path}
        ),
        "table_html": render_to_string("cocreation/_idea_table.html", table_context),
        "idea_ids": [row["id"] for row in rows],
        "has_demo": any(row["is_demo"] for row in rows),
        "vote_mode": selectors.settings_for(programme=programme).vote_mode,
    }


def _idea_rows(ideas) -> list[dict]:
    """What the list shows of each idea, formatted once per list (as the catalogue's lists do)."""
    rows = []
    for idea in ideas:
        day = timezone.localtime(idea.created_at).date()
        rows.append(
            {
                "id": idea.pk,
                "url": reverse("cocreation:idea-detail", args=[idea.pk]),
                "title": idea.title,
                "block": idea.building_block.name if idea.building_block_id else "",
                "theme": idea.theme,
                "status": idea.status,
                "status_label": idea.get_status_display(),
                "votes": idea.vote_count,
                "date": day,
                "municipality": idea.municipality.name if idea.municipality_id else "",
                "is_demo": idea.is_demo,
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def idea_create(request):
    programme = programme_or_404()
    municipalities = permissions.coordinated_municipalities(request.user, programme)
    form = IdeaForm(request.POST or None, programme=programme, municipalities=municipalities)
    idea = submit_form(request, form, services.idea_propose, actor=request.user, programme=programme)
    if idea is not None:
        messages.success(request, _("Thank you: your idea has been received."))
        return redirect("cocreation:idea-detail", pk=idea.pk)
    return render(request, "cocreation/idea_form.html", {"programme": programme, "form": form})


@require_http_methods(["GET", "HEAD"])
def idea_detail(request, pk):
    idea = _idea(pk)
    mode = selectors.settings_for(programme=idea.programme).vote_mode
    municipalities = (
        list(permissions.coordinated_municipalities(request.user, idea.programme))
        if mode == VoteMode.MUNICIPALITY
        else []
    )
    return render(
        request,
        "cocreation/idea_detail.html",
        {
            "idea": idea,
            "history": list(idea.status_changes.all()),
            "own_vote": selectors.own_vote(user=request.user, idea=idea, mode=mode),
            "vote_mode": mode,
            "per_municipality": mode == VoteMode.MUNICIPALITY,
            "municipalities": municipalities,
            "vote_form": VoteForm(municipalities=municipalities) if len(municipalities) > 1 else None,
            "can_vote": permissions.can_propose(request.user) and (mode == VoteMode.USER or bool(municipalities)),
            "can_manage": permissions.can_manage(request.user),
        },
    )


def _vote_municipality(request):
    """The municipality named in the form, if any; the service decides whether the member may vote for it."""
    form = VoteForm(request.POST, municipalities=Municipality.objects.all())
    return form.cleaned_data["municipality"] if form.is_valid() else None


def _change_support(request, pk, change, *, changed: str, unchanged: str):
    """Vote or withdraw through ``change`` (which says whether anything changed) and say so on the idea's page."""
    idea = _idea(pk)
    try:
        done = change(actor=request.user, idea=idea, municipality=_vote_municipality(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if done:
            messages.success(request, changed)
        else:
            messages.info(request, unchanged)
    return redirect("cocreation:idea-detail", pk=idea.pk)


@login_required
@require_POST
def idea_vote(request, pk):
    return _change_support(
        request,
        pk,
        lambda **target: services.idea_vote(**target)[1],  # (vote, created): whether it was counted now
        changed=_("Your support has been counted."),
        unchanged=_("This idea already had your support: it counts once."),
    )


@login_required
@require_POST
def idea_unvote(request, pk):
    return _change_support(
        request,
        pk,
        services.idea_unvote,
        changed=_("Your support has been withdrawn."),
        unchanged=_("There was no support to withdraw."),
    )


@permission_required_by(permissions.require_manager)
@require_http_methods(["GET", "POST"])
def idea_answer(request, pk):
    idea = _idea(pk)
    form = AnswerForm(request.POST or None, initial={"status": idea.status, "answer": idea.answer})
    saved = submit_form(request, form, services.idea_answer, actor=request.user, idea=idea)
    if saved is not None:
        messages.success(request, _("The official answer has been saved; the proposer and followers are told."))
        return redirect("cocreation:idea-detail", pk=idea.pk)
    return render(request, "cocreation/idea_answer.html", {"idea": idea, "form": form})


@permission_required_by(permissions.require_manager)
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    programme = programme_or_404()
    current = selectors.settings_for(programme=programme)
    form = SettingsForm(request.POST or None, initial={"vote_mode": current.vote_mode})
    saved = submit_form(request, form, services.settings_update, actor=request.user, programme=programme)
    if saved is not None:
        messages.success(request, _("The co-creation settings have been saved."))
        return redirect("cocreation:settings")
    return render(request, "cocreation/settings.html", {"programme": programme, "form": form})


# --- consultations --------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def consultation_list(request):
    programme = programme_or_404()
    now = timezone.now()
    items = list(selectors.consultations(programme=programme))
    return render(
        request,
        "cocreation/consultation_list.html",
        {
            "programme": programme,
            "open": [c for c in items if c.is_open(now)],
            "upcoming": [c for c in items if not c.has_opened(now)],
            "closed": [c for c in items if c.is_closed(now)],
            "has_demo": any(c.is_demo for c in items),
            "can_manage": permissions.can_manage(request.user),
        },
    )


@require_http_methods(["GET", "HEAD"])
def consultation_detail(request, pk):
    consultation = _consultation(pk)
    now = timezone.now()
    context = {
        "consultation": consultation,
        "options": list(consultation.options.all()),
        "is_open": consultation.is_open(now),
        "is_closed": consultation.is_closed(now),
        "has_opened": consultation.has_opened(now),
        "can_manage": permissions.can_manage(request.user),
        "own_ballots": selectors.own_ballots(user=request.user, consultation=consultation),
        "can_vote": permissions.coordinated_municipalities(request.user, consultation.programme).exists(),
    }
    if permissions.can_view_results(request.user, consultation, now):
        # Closed: the ballots can no longer change, so the results are cached under the data version.
        context.update(
            cached_fragment(
                "cocreation.consultation_results",
                (data_version(request), consultation.pk),
                lambda: _results_part(consultation),
            )
        )
    elif permissions.can_view_turnout(request.user, consultation, now):
        turnout = selectors.turnout(consultation=consultation)
        context.update(turnout=turnout, turnout_chart=_turnout_chart(turnout))
    return render(request, "cocreation/consultation_detail.html", context)


def _results_part(consultation) -> dict:
    results = selectors.results(consultation=consultation)
    return {
        "results": results,
        "turnout": results.turnout,
        "results_chart": _results_chart(results),
        "turnout_chart": _turnout_chart(results.turnout),
    }


def _turnout_chart(turnout):
    return charts.bar_chart(
        [(province.name, round(province.percentage, 1)) for province in turnout.provinces],
        title=_("Turnout per province"),
        description=_("Share of the municipalities of each province that cast a ballot, in percent."),
        max_value=100,
        value_format=lambda value: f"{charts.format_value(value, 1)} %",
    )


def _results_chart(results):
    weighted = results.consultation.weighting == "population"
    rows = [(row.option.label, round(row.weighted_share if weighted else row.share, 1)) for row in results.options]
    return charts.bar_chart(
        rows,
        title=_("Result weighted by population") if weighted else _("Result"),
        description=_("Share of the ballots per option, in percent."),
        max_value=100,
        value_format=lambda value: f"{charts.format_value(value, 1)} %",
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_ballot(request, pk):
    consultation = _consultation(pk)
    municipalities = permissions.coordinated_municipalities(request.user, consultation.programme)
    if not municipalities.exists():
        raise PermissionDenied(_("Only municipality coordinators cast a ballot, for their own municipality."))
    now = timezone.now()
    own = {
        ballot.municipality_id: ballot for ballot in selectors.own_ballots(user=request.user, consultation=consultation)
    }
    initial = {}
    if len(own) == 1:
        initial["option"] = next(iter(own.values())).option_id
    form = BallotForm(request.POST or None, consultation=consultation, municipalities=municipalities, initial=initial)
    saved = submit_form(request, form, services.ballot_cast, actor=request.user, consultation=consultation)
    if saved is not None:
        ballot, created = saved
        text = _("The ballot of %(name)s has been cast.") if created else _("The ballot of %(name)s has been changed.")
        messages.success(request, text % {"name": ballot.municipality.name})
        return redirect("cocreation:consultation-detail", pk=consultation.pk)
    return render(
        request,
        "cocreation/consultation_ballot.html",
        {
            "consultation": consultation,
            "form": form,
            "is_open": consultation.is_open(now),
            "is_closed": consultation.is_closed(now),
            "own_ballots": list(own.values()),
        },
        status=400 if form.errors else 200,
    )


def _consultation_form_page(request, *, programme, initial: dict, save, consultation: Consultation | None = None):
    """The page that creates or edits a consultation: ``save`` gets the form's fields and returns the consultation."""
    form = ConsultationForm(request.POST or None, initial=initial)
    saved = submit_form(request, form, lambda **data: save(**dict(data, options=form.option_labels())))
    if saved is not None:
        messages.success(request, _("The member consultation has been saved."))
        return redirect("cocreation:consultation-detail", pk=saved.pk)
    return render(
        request,
        "cocreation/consultation_form.html",
        {"programme": programme, "consultation": consultation, "form": form},
    )


@permission_required_by(permissions.require_manager)
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    programme = programme_or_404()
    return _consultation_form_page(
        request,
        programme=programme,
        initial={"weighting": "none"},
        save=lambda **fields: services.consultation_create(actor=request.user, programme=programme, **fields),
    )


@permission_required_by(permissions.require_manager)
@require_http_methods(["GET", "POST"])
def consultation_edit(request, pk):
    consultation = _consultation(pk)
    if consultation.has_opened():
        messages.error(request, _("This consultation has opened: it can no longer be changed."))
        return redirect("cocreation:consultation-detail", pk=consultation.pk)
    return _consultation_form_page(
        request,
        programme=consultation.programme,
        initial=ConsultationForm.initial_for(consultation),
        save=lambda **fields: services.consultation_update(actor=request.user, consultation=consultation, **fields),
        consultation=consultation,
    )


@permission_required_by(permissions.require_manager)
@require_http_methods(["GET", "POST"])
def consultation_close(request, pk):
    """Confirm closing an open consultation early, with the reason that is shown on its page."""
    consultation = _consultation(pk)
    if not consultation.is_open():
        messages.error(request, _("Only an open consultation can be closed early."))
        return redirect("cocreation:consultation-detail", pk=consultation.pk)
    form = CloseEarlyForm(request.POST or None)
    saved = submit_form(request, form, services.consultation_close_early, actor=request.user, consultation=consultation)
    if saved is not None:
        messages.success(request, _("The member consultation has been closed; the results are published."))
        return redirect("cocreation:consultation-detail", pk=consultation.pk)
    return render(
        request,
        "cocreation/consultation_close.html",
        {"consultation": consultation, "form": form},
        status=400 if form.errors else 200,
    )
