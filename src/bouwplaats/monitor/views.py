# SPDX-License-Identifier: EUPL-1.2
"""Monitor pages: a municipality's progress, the one-page status form and a block's history.

A municipality's progress and a block's history show the current programme, or another one of the
line of successors with ``?programma=<short name>``; the status forms are for the current programme,
while it is open.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bouwplaats.audit.selectors import data_version
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.catalogue.rules import closed_message, is_closed
from bouwplaats.catalogue.selectors import programme_line
from bouwplaats.catalogue.shortcuts import programme_or_404
from bouwplaats.core import fragments, tabular

from . import selectors, services
from .extensions import column_object_types, linked_columns, progress_columns
from .forms import AsOfForm
from .insights import selectors as insight_selectors
from .links import municipality_periods, progress_in_line, progress_url
from .permissions import why_municipality_status_hidden
from .status_forms import submit_status_forms
from .verdicts import current_verdicts
from .versions import monitor_version

HISTORY_PAGE_SIZE = 100
TIMELINE_LENGTH = 20


PROGRAMME_PARAMETER = "programma"


def _programme_slug(request) -> str | None:
    """The programme asked for in the address (``?programma=``), or None for the current one."""
    return request.GET.get(PROGRAMME_PARAMETER) or None


def _shown_slug(slug: str | None, programme) -> str | None:
    """The programme's short name for the page's links, or None when it is the current programme."""
    return None if slug is None or programme.is_current else programme.slug


def _programme_query(slug: str | None) -> str:
    """What links to the other pages of the same programme add to their address."""
    return f"?{PROGRAMME_PARAMETER}={slug}" if slug else ""


def _context(code: str, slug: str | None = None):
    programme = programme_or_404(slug)
    municipality = selectors.municipality_for_programme(programme=programme, code=code)
    if municipality is None:
        raise Http404(
            _("%(code)s is not one of the municipalities of %(programme)s.") % {"code": code, "programme": programme}
        )
    return programme, municipality


def _progress_version(request) -> int:
    """The data version of a municipality's progress: the monitor's, and that of other apps' columns."""
    extra = column_object_types()
    return data_version(request) if extra is None else monitor_version(request, extra)


def _require_viewer(user, municipality, programme) -> None:
    if not selectors.can_view_municipality_status(user, municipality, programme):
        raise PermissionDenied(why_municipality_status_hidden(programme))


@require_http_methods(["GET", "HEAD"])
def municipality_progress(request, code):
    # The programme and municipality change only through audited writes: looked up once per data version.
    slug = _programme_slug(request)
    programme, municipality, line, periods = fragments.versioned_part(
        progress_lookup, version=_progress_version(request), code=code.upper(), slug=slug
    )
    _require_viewer(request.user, municipality, programme)
    slug = _shown_slug(slug, programme)
    form = AsOfForm(request.GET or None)
    as_of = form.cleaned_data["peildatum"] if form.is_bound and form.is_valid() else None
    fmt = request.GET.get("formaat", "").lower()
    if fmt in tabular.FORMATS:
        return _progress_export(programme, municipality, as_of, fmt)
    # The status forms are those of the current programme, and only while it is open.
    can_report = slug is None and not is_closed(programme) and selectors.can_report_status(request.user, municipality)
    # Everyone who may see this page sees the same data, so that part is cached under the data version;
    # only the links depend on who looks: other apps' columns (``linked``) and each block's form.
    content = fragments.versioned_part(
        progress_content,
        version=_progress_version(request),
        programme=programme.pk,
        municipality=municipality.pk,
        as_of=as_of.isoformat() if as_of else None,
        today=timezone.localdate().isoformat(),
        linked=linked_columns(request.user, municipality),
        can_report=can_report,
        slug=slug,
    )
    return render(
        request,
        "monitor/municipality_progress.html",
        {
            "programme": programme,
            "municipality": municipality,
            "form": form,
            "as_of": as_of,
            "content": content,
            "can_report": can_report,
            "programme_slug": slug,
            "programme_query": _programme_query(slug),
            "other_programmes": [
                {"programme": other, "url": progress_url(member, other)}
                for other, member in progress_in_line(request.user, programme, line, periods)
            ],
        },
    )


@fragments.part("monitor.progress-lookup")
def progress_lookup(*, code: str, slug: str | None):
    """The programme and the municipality of the page, the programme's line of successors and the
    periods of the municipality's code (to find it in the line's other programmes). Cached: they
    change only through audited writes."""
    programme, municipality = _context(code, slug)
    line = programme_line(programme)
    periods = municipality_periods(municipality.code) if len(line) > 1 else []
    return programme, municipality, line, periods


def _progress_export(programme, municipality, as_of, fmt: str):
    """The table of building blocks as CSV or XLSX (``?formaat=csv|xlsx``, with the page's ``peildatum``)."""
    progress = selectors.municipality_progress(programme=programme, municipality=municipality, as_of=as_of)
    headers = [
        _("Code"),
        _("Building block"),
        _("Status level"),
        _("Planned date"),
        _("Deadline"),
        _("Blockers"),
        _("Since"),
        _("demo data"),
    ]
    rows = [
        [
            row.building_block.code,
            row.building_block.name,
            row.level.name if row.has_status else f"{row.level.name} ({_('nothing reported')})",
            row.planned_date,
            row.deadline,
            ", ".join(str(label) for label in row.blocker_labels),
            row.event.valid_from if row.event else None,
            row.is_demo,
        ]
        for row in progress.rows
    ]
    name = f"voortgang-{municipality.code.lower()}" + (f"-{as_of.isoformat()}" if as_of else "")
    sheet = tabular.Sheet(_("Progress of %(name)s") % {"name": municipality.name}, headers, rows)
    return tabular.download(name, fmt, sheet)


def _export_query(slug: str | None, as_of) -> str:
    """The page's own parameters, which its downloads keep."""
    parameters = []
    if slug:
        parameters.append(f"{PROGRAMME_PARAMETER}={slug}")
    if as_of:
        parameters.append(f"peildatum={as_of.isoformat()}")
    return "&".join(parameters)


@fragments.part("monitor.municipality_progress")
def progress_content(
    *,
    programme: int,
    municipality: int,
    as_of: str | None,
    today: str,
    linked: list[str],
    can_report: bool,
    slug: str | None,
) -> str:
    """A municipality's progress as everyone who may see the page sees it (cached; rendered by a
    worker after a write): only the links depend on who looks, through ``linked`` and ``can_report``."""
    programme, municipality, _block = selectors.part_objects(programme=programme, municipality=municipality)
    as_of = datetime.date.fromisoformat(as_of) if as_of else None
    linked = tuple(linked)
    progress = selectors.municipality_progress(programme=programme, municipality=municipality, as_of=as_of)
    timeline = selectors.municipality_timeline(
        municipality=municipality, programme=programme, limit=TIMELINE_LENGTH, as_of=as_of
    )
    blocks = [row.building_block for row in progress.rows]
    extra_columns = progress_columns(municipality, blocks, linked=linked)
    rows = [(row, [cells.get(row.building_block.pk) for _column, cells in extra_columns]) for row in progress.rows]
    peers = insight_selectors.peer_comparison(
        programme=programme, municipality=municipality, levels=progress.levels, rows=progress.rows, as_of=as_of
    )
    return render_to_string(
        "monitor/_municipality_progress_content.html",
        {
            "programme": programme,
            "municipality": municipality,
            "progress": progress,
            "timeline": timeline,
            "has_demo": progress.has_demo or any(event.is_demo for event in timeline),
            "peers": peers,
            "extra_columns": [column for column, _cells in extra_columns],
            "rows": rows,
            "export_query": _export_query(slug, as_of),
            "can_report": can_report,
            "programme_query": _programme_query(slug),
        },
    )


def _require_reporter(user, municipality) -> None:
    if not selectors.can_report_status(user, municipality):
        raise PermissionDenied(
            _("Only programme staff and the coordinators of %(name)s may report its status.")
            % {"name": municipality.name}
        )


def _block_or_404(programme, block_code):
    block = BuildingBlock.objects.filter(programme=programme, code=block_code).first()
    if block is None:
        raise Http404(_("%(programme)s has no building block with this code.") % {"programme": programme})
    return block


def _saved_message(request, events) -> None:
    """Name the building blocks that got a new entry ("BAG and DigiD updated."), or say none did."""
    if not events:
        messages.info(request, _("Nothing was changed, so nothing was added to the history."))
        return
    names = get_text_list([event.building_block.name for event in events], _("and"))
    messages.success(
        request,
        _("%(blocks)s updated.") % {"blocks": names},
    )


def _status_form(request, programme, municipality, *, only=None, template):
    """The status form of a municipality: every block (the one-page form) or only the block ``only``.

    Only the blocks whose fields the user changed go to the service, which writes an event for
    each of them that says something new; nothing changed, nothing is written. A block changed by
    someone else meanwhile gives a conflict: nothing is saved and the form shows what changed.
    """

    def current_progress():
        progress = selectors.municipality_progress(programme=programme, municipality=municipality)
        if only is not None:
            progress.rows = [row for row in progress.rows if row.building_block.pk == only.pk]
        return progress

    def write(forms):
        changes = [form.change() for form in forms if form.user_changed()]
        if not changes:
            return None
        return services.status_report_many(actor=request.user, municipality=municipality, changes=changes)

    submission = submit_status_forms(request, load=current_progress, write=write)
    if submission.saved:
        _saved_message(request, submission.result.events if submission.result else [])
        return redirect("monitor:municipality-progress", code=municipality.code)
    forms, progress, conflicts = submission.forms, submission.progress, submission.conflicts
    refreshed, errors = submission.refreshed, submission.errors
    rows = [
        {
            "form": form,
            "row": row,
            "conflict": conflicts.get(row.building_block.pk),
            "refreshed": row.building_block.pk in refreshed,
        }
        for form, row in zip(forms, progress.rows, strict=True)
    ]
    invalid = [form for form in forms if form.is_bound and form.errors]
    return render(
        request,
        template,
        {
            "programme": programme,
            "municipality": municipality,
            "building_block": only,
            "progress": progress,
            "rows": rows,
            "conflicts": [conflicts[key] for key in conflicts],
            "invalid_forms": invalid,
            "errors": errors,
            "lowest_level": progress.levels[0] if progress.levels else None,
        },
        status=409 if conflicts else 200,
    )


def _closed_programme(request, programme, municipality):
    """A closed programme takes no reports: the form says why and leads back to the progress page."""
    messages.info(request, closed_message(programme))
    return redirect("monitor:municipality-progress", code=municipality.code)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def municipality_update(request, code):
    programme, municipality = _context(code)
    _require_reporter(request.user, municipality)
    if is_closed(programme):
        return _closed_programme(request, programme, municipality)
    return _status_form(request, programme, municipality, template="monitor/municipality_update.html")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def block_update(request, code, block_code):
    """The status form of one building block of a municipality."""
    programme, municipality = _context(code)
    _require_reporter(request.user, municipality)
    if is_closed(programme):
        return _closed_programme(request, programme, municipality)
    block = _block_or_404(programme, block_code)
    return _status_form(request, programme, municipality, only=block, template="monitor/block_update.html")


@require_http_methods(["GET", "HEAD"])
def block_history(request, code, block_code):
    slug = _programme_slug(request)
    programme, municipality = _context(code, slug)
    _require_viewer(request.user, municipality, programme)
    slug = _shown_slug(slug, programme)
    block = _block_or_404(programme, block_code)
    page = Paginator(
        selectors.block_history(municipality=municipality, building_block=block), HISTORY_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "monitor/block_history.html",
        {
            "programme": programme,
            "municipality": municipality,
            "building_block": block,
            "page_obj": page,
            "events": page.object_list,
            "has_demo": any(event.is_demo for event in page.object_list),
            # A reported blocker borne out or questioned by other facts (e.g. the landscape: "supplier not ready").
            "verdicts": current_verdicts(municipality=municipality, building_block=block),
            "can_report": slug is None
            and not is_closed(programme)
            and selectors.can_report_status(request.user, municipality),
            "programme_query": _programme_query(slug),
        },
    )
