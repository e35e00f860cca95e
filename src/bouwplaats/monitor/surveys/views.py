# SPDX-License-Identifier: EUPL-1.2
"""Survey pages: the rounds for programme staff, the to-do list and answer form for coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.accounts.permissions import is_programme_staff, require_programme_staff
from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.shortcuts import programme_or_404
from bouwplaats.core import tabular
from bouwplaats.core.errors import perform, submit_form
from bouwplaats.ui.charts import bar_chart, format_value

from .. import selectors as monitor_selectors
from ..constants import BLOCKERS
from ..models import SurveyRound
from ..status_forms import submit_status_forms
from . import selectors, services
from .forms import SurveyBlockForm, SurveyRoundForm

NON_RESPONDERS_PAGE_SIZE = 50


def _round(pk: int) -> SurveyRound:
    return get_object_or_404(SurveyRound.objects.select_related("programme", "created_by"), pk=pk)


def _percentage(value) -> str:
    return f"{format_value(value)}%"


# --- programme staff ---------------------------------------------------------------------------


@permission_required_by(require_programme_staff)
@require_http_methods(["GET", "HEAD"])
def round_list(request):
    today = timezone.localdate()
    groups = selectors.grouped_rounds(today=today)
    return render(
        request,
        "monitor/surveys/round_list.html",
        {
            "sections": [
                ("open", _("Open survey rounds"), groups.open),
                ("upcoming", _("Upcoming survey rounds"), groups.upcoming),
                ("closed", _("Closed survey rounds"), groups.closed),
            ],
            "today": today,
        },
    )


def _round_form_page(request, *, programme: Programme, survey_round: SurveyRound | None):
    initial = SurveyRoundForm.initial_for(survey_round) if survey_round else {}
    form = SurveyRoundForm(request.POST or None, programme=programme, initial=initial)
    if survey_round is None:
        saved = submit_form(request, form, services.survey_round_create, actor=request.user, programme=programme)
        done = _("The survey round “%(name)s” has been opened.")
    else:
        saved = submit_form(request, form, services.survey_round_update, actor=request.user, survey_round=survey_round)
        done = _("The survey round “%(name)s” has been saved.")
    if saved is not None:
        messages.success(request, done % {"name": saved})
        return redirect("monitor:survey-detail", pk=saved.pk)
    return render(
        request,
        "monitor/surveys/round_form.html",
        {"form": form, "programme": programme, "survey_round": survey_round},
    )


@permission_required_by(require_programme_staff)
@require_http_methods(["GET", "HEAD", "POST"])
def round_create(request):
    programme = programme_or_404(request.GET.get("programma"))
    return _round_form_page(request, programme=programme, survey_round=None)


@permission_required_by(require_programme_staff)
@require_http_methods(["GET", "HEAD", "POST"])
def round_update(request, pk):
    survey_round = _round(pk)
    return _round_form_page(request, programme=survey_round.programme, survey_round=survey_round)


@permission_required_by(require_programme_staff)
@require_http_methods(["GET", "HEAD"])
def round_detail(request, pk):
    survey_round = _round(pk)
    today = timezone.localdate()
    response = selectors.round_response(survey_round)
    page = Paginator(selectors.non_responders(survey_round), NON_RESPONDERS_PAGE_SIZE).get_page(request.GET.get("page"))
    charts = [
        (
            "province",
            _("Response per province"),
            response.by_province,
            bar_chart(
                [(rate.label, rate.rate) for rate in response.by_province],
                title=_("Response per province"),
                description=_("The percentage of municipalities that answered, per province."),
                max_value=100,
                value_format=_percentage,
                axis_label=_("Response rate (%)"),
            ),
        ),
        (
            "size-class",
            _("Response per size class"),
            response.by_size_class,
            bar_chart(
                [(rate.label, rate.rate) for rate in response.by_size_class],
                title=_("Response per size class"),
                description=_("The percentage of municipalities that answered, per size class (inhabitants)."),
                max_value=100,
                value_format=_percentage,
                axis_label=_("Response rate (%)"),
            ),
        ),
    ]
    return render(
        request,
        "monitor/surveys/round_detail.html",
        {
            "survey_round": survey_round,
            "blocks": list(survey_round.building_blocks.order_by("cluster", "name")),
            "state": selectors.round_state(survey_round, today),
            "is_open": selectors.is_open(survey_round, today),
            "response": response,
            "charts": charts,
            "page_obj": page,
            "non_responders": page.object_list,
        },
    )


@permission_required_by(require_programme_staff)
@require_http_methods(["GET", "HEAD"])
def round_export(request, pk, table, fmt):
    survey_round = _round(pk)
    if fmt not in tabular.FORMATS:
        raise Http404
    if table == "niet-gereageerd":
        header = [
            _("CBS code"),
            _("Municipality"),
            _("Province"),
            _("Inhabitants"),
            _("Size class"),
            _("Coordinators"),
            _("Last reminder"),
        ]
        rows = (
            [
                m.code,
                m.name,
                m.province.name,
                m.inhabitants,
                str(m.size_class.label) if m.size_class else "",
                m.coordinator_count,
                timezone.localtime(m.last_reminder).strftime("%Y-%m-%d %H:%M") if m.last_reminder else "",
            ]
            for m in selectors.non_responders(survey_round)
        )
        return tabular.download(
            f"uitvraag-{survey_round.pk}-niet-gereageerd", fmt, tabular.Sheet(_("Not answered"), header, rows)
        )
    if table == "respons":
        response = selectors.round_response(survey_round)
        header = [_("Group"), _("Name"), _("Responded"), _("Asked"), _("Response rate (%)")]
        groups = [
            (_("All municipalities"), [response.overall]),
            (_("Province"), response.by_province),
            (_("Size class"), response.by_size_class),
        ]
        rows = [
            [str(group), rate.label, rate.responded, rate.total, rate.rate] for group, rates in groups for rate in rates
        ]
        return tabular.download(f"uitvraag-{survey_round.pk}-respons", fmt, tabular.Sheet(_("Response"), header, rows))
    if table == "sjabloon" and fmt in TEMPLATE_FORMATS:
        return _answers_template(survey_round, fmt)
    raise Http404


# The formats of the template: those the import reads.
TEMPLATE_FORMATS = (tabular.CSV, tabular.XLSX)
# The template's columns: the status import's names (monitor.imports.columns.COLUMNS), in Dutch.
TEMPLATE_COLUMNS = (
    "gemeentecode",
    "bouwsteen",
    "niveau",
    "geldig_vanaf",
    "geplande_datum",
    "belemmeringen",
    "opmerking",
)


def _answers_template(survey_round: SurveyRound, fmt: str):
    """A file for the round's answers, to fill in and import: a row per building block of the round,
    and the codes of the building blocks, status levels and blockers explained below or beside it."""
    blocks = list(survey_round.building_blocks.order_by("name"))
    levels = list(survey_round.programme.status_levels.order_by("position"))
    rows = [["", block.code, "", "", "", "", ""] for block in blocks]
    notes = [
        [
            _(
                "Fill in a municipality's CBS code (e.g. GM0363) and a status level on every row; copy the rows "
                "for more municipalities. Dates as YYYY-MM-DD. Rows that start with # are skipped on import."
            )
        ],
        [_("Building blocks (column bouwsteen)")],
        *[[block.code, block.name] for block in blocks],
        [_("Status levels (column niveau)")],
        *[[level.code, level.name] for level in levels],
        [_("Blockers (column belemmeringen): one or more codes, separated by commas")],
        *[[blocker.code, str(blocker.label)] for blocker in BLOCKERS],
    ]
    filename = f"uitvraag-{survey_round.pk}-sjabloon"
    answers = tabular.Sheet(filename, TEMPLATE_COLUMNS, rows)
    if fmt == tabular.CSV:  # the notes below the rows, in rows the import skips; as Excel opens it on Dutch Windows
        comments = [" = ".join(str(cell) for cell in note if str(cell)) for note in notes]
        return tabular.download(filename, fmt, answers, delimiter=";", comments=comments)
    return tabular.download(filename, fmt, answers, tabular.Sheet(_("Codes"), (), notes))


@permission_required_by(require_programme_staff)
@require_POST
def round_remind(request, pk):
    survey_round = _round(pk)
    try:
        result = services.survey_round_remind(
            survey_round=survey_round, actor=request.user, base_url=request.build_absolute_uri("/").rstrip("/")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "Reminders sent to %(municipalities)d municipalities (%(recipients)d coordinators). "
                "Already reminded today: %(today)d; without a coordinator: %(none)d."
            )
            % {
                "municipalities": result["municipalities"],
                "recipients": result["recipients"],
                "today": result["already_reminded_today"],
                "none": result["without_coordinator"],
            },
        )
    return redirect("monitor:survey-detail", pk=survey_round.pk)


@permission_required_by(require_programme_staff)
@require_POST
def round_close(request, pk):
    survey_round = _round(pk)
    closed = _("The survey round “%(name)s” has been closed.") % {"name": survey_round}
    perform(request, closed, services.survey_round_close, actor=request.user, survey_round=survey_round)
    return redirect("monitor:survey-detail", pk=survey_round.pk)


# --- coordinators ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def todo(request):
    items = selectors.todo(user=request.user)
    return render(
        request,
        "monitor/surveys/todo.html",
        {"items": items, "is_staff_user": is_programme_staff(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, pk, code):
    survey_round = _round(pk)
    programme = survey_round.programme
    municipality = monitor_selectors.municipality_for_programme(programme=programme, code=code)
    if municipality is None:
        raise Http404(
            _("%(code)s is not one of the municipalities of %(programme)s.") % {"code": code, "programme": programme}
        )
    if not monitor_selectors.can_report_status(request.user, municipality):
        raise PermissionDenied(
            _("Only programme staff and the coordinators of %(name)s may answer a survey round for it.")
            % {"name": municipality.name}
        )
    asked = set(survey_round.building_blocks.values_list("pk", flat=True))

    def load():
        progress = monitor_selectors.municipality_progress(programme=programme, municipality=municipality)
        progress.rows = [row for row in progress.rows if row.building_block.pk in asked]
        return progress

    is_open = selectors.is_open(survey_round)

    def write(forms):
        changes = [form.change() for form in forms if form.user_changed()]
        services.survey_round_answer(
            actor=request.user, survey_round=survey_round, municipality=municipality, changes=changes
        )

    submission = submit_status_forms(
        request,
        load=load,
        form_class=SurveyBlockForm,
        write=write,
    )
    if submission.saved:
        messages.success(
            request,
            _("Thank you: the answer of %(municipality)s to %(name)s has been saved.")
            % {"municipality": municipality.name, "name": survey_round.name},
        )
        if is_programme_staff(request.user):
            return redirect("monitor:survey-detail", pk=survey_round.pk)
        return redirect("monitor:survey-todo")
    forms, progress, conflicts = submission.forms, submission.progress, submission.conflicts
    refreshed, errors = submission.refreshed, submission.errors
    answered = selectors.answered_blocks(survey_round=survey_round, municipality=municipality)
    rows = [
        {
            "form": form,
            "row": row,
            "answered": row.building_block.pk in answered,
            "conflict": conflicts.get(row.building_block.pk),
            "refreshed": row.building_block.pk in refreshed,
        }
        for form, row in zip(forms, progress.rows, strict=True)
    ]
    return render(
        request,
        "monitor/surveys/answer.html",
        {
            "survey_round": survey_round,
            "programme": programme,
            "municipality": municipality,
            "progress": progress,
            "rows": rows,
            "is_open": is_open,
            "conflicts": list(conflicts.values()),
            "invalid_forms": [form for form in forms if form.is_bound and form.errors],
            "errors": errors,
            "lowest_level": progress.levels[0] if progress.levels else None,
            "has_demo": any(row.is_demo for row in progress.rows),
        },
        status=409 if conflicts else 200,
    )
