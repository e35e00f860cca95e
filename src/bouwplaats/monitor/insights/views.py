# SPDX-License-Identifier: EUPL-1.2
"""Insight pages: a building block's progress (map, list by level, trend), the blockers overview and
the deadline risk. The content of each page is cached under the data version and every input
(ADR 6); the site frame around it is rendered per request."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from bouwplaats.accounts.permissions import is_programme_staff
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.catalogue.shortcuts import programme_or_404
from bouwplaats.core import fragments, tabular
from bouwplaats.ui import charts, maps

from ..constants import BLOCKERS
from ..extensions import (
    filter_object_types,
    insight_object_types,
    municipality_filters,
    municipality_filters_named,
    verdict_object_types,
)
from ..permissions import can_view_every_municipality_status, why_municipality_status_hidden
from ..selectors import part_objects
from ..verdicts import blocker_verdicts
from ..versions import monitor_version
from . import selectors
from .forecast import LISTED_RISKS, RISK_LABELS, Risk
from .forms import InsightFilterForm, RiskFilterForm

RISK_PAGE_SIZE = 50


# --- helpers -----------------------------------------------------------------------------------


def _programme(request) -> Programme:
    return programme_or_404(request.GET.get("programma", "").strip())


def _programme_and_block(request, code: str, version: int) -> tuple[Programme, BuildingBlock]:
    """The programme and its block named in the URL; raises Http404 when either is unknown.

    Both change only through audited writes, so they are looked up once per data version (``version``,
    the page's: one query for both): on the page's cached path this saves two of its few queries.
    """
    slug = request.GET.get("programma", "").strip()
    return fragments.versioned_part(block_lookup, version=version, slug=slug, code=code.upper())


@fragments.part("insights-block-lookup")
def block_lookup(*, slug: str, code: str) -> tuple[Programme, BuildingBlock]:
    """The programme and its block of a block's pages (cached; rendered by a worker after a write)."""
    programme = programme_or_404(slug)
    block = BuildingBlock.objects.filter(programme=programme, code=code).first()
    if block is None:
        raise Http404(_("%(programme)s has no building block with this code.") % {"programme": programme})
    return programme, block


def _export_format(request) -> str | None:
    fmt = request.GET.get("formaat", "").lower()
    return fmt if fmt in tabular.FORMATS else None


def _query(request) -> str:
    """The query string a cached part depends on: sorted, without the export format."""
    return urlencode(
        sorted((key, value) for key, values in request.GET.lists() for value in values if key != "formaat")
    )


def _today() -> str:
    return timezone.localdate().isoformat()


def _version(request, offered=()) -> int:
    """The data version of the block, blocker and risk pages' cached parts (``monitor.versions``), with what
    the registered filters ``offered`` to the user and the verdicts on reported blockers read."""
    return monitor_version(request, (*filter_object_types(offered), *verdict_object_types()))


def _offered_keys(offered) -> list[str]:
    """The registered filters offered to the reader, as a cached part's parameter (the form shows them)."""
    return [item.key for item in offered]


def _risk_list_version(request) -> int:
    """The data version of the list of municipalities at risk: also what the registered reasons and filters
    read (``extensions``)."""
    return monitor_version(request, extra=insight_object_types())


def _size_label(row) -> str:
    size_class = row.municipality.size_class
    return str(size_class.label) if size_class else ""


# --- a building block's progress -------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def block_dashboard(request, code):
    # e.g. "Waiting on supplier": the municipalities whose supplier is not ready for this block in time
    offered = municipality_filters(request.user)
    version = _version(request, offered)  # one for the page: the lookups and its content
    programme, block = _programme_and_block(request, code, version)
    sees_rows = can_view_every_municipality_status(request.user, programme)
    fmt = _export_format(request)
    if fmt:
        filters = _block_filters(_block_form(request, offered), block)
        return _block_export(request, programme, block, filters, sees_rows, fmt)
    content = fragments.versioned_part(
        block_content,
        version=version,
        programme=programme.pk,
        building_block=block.pk,
        query=_query(request),
        today=_today(),
        sees_rows=sees_rows,
        filters=_offered_keys(offered),
    )
    return render(
        request, "monitor/insights/block.html", {"programme": programme, "building_block": block, "content": content}
    )


def _block_form(request, offered) -> InsightFilterForm:
    return InsightFilterForm(
        request.GET or None,
        with_date=True,
        date_help=_("The level on this date (empty: today)."),
        extra_filters=offered,
    )


def _block_filters(form, block) -> dict:
    return {**form.filters(), "municipality_ids": form.registered_ids([block])}


@fragments.part("insights-block")
def block_content(
    *, programme: int, building_block: int, query: str, today: str, sees_rows: bool, filters: list[str]
) -> str:
    """A block's map, list by level and trend for the filters in ``query``, with the other apps' filters
    ``filters`` that the viewer sees (cached; rendered by a worker after a write)."""
    request = fragments.query_request(query)
    programme, _municipality, block = part_objects(programme=programme, building_block=building_block)
    form = _block_form(request, municipality_filters_named(filters))
    overview = selectors.block_overview(programme=programme, building_block=block, **_block_filters(form, block))
    return render_to_string("monitor/insights/_block_content.html", _block_context(request, overview, form, sees_rows))


def _level_labels(overview) -> list[str]:
    return [level.name for level in overview.levels]


def _block_context(request, overview, form, sees_rows: bool) -> dict:
    programme, block = overview.programme, overview.building_block
    division = programme.reference_date
    levels = _level_labels(overview)
    counts = overview.level_counts()
    # Each municipality's page is linked from the map and from the list: its address reversed once.
    links = {row.municipality.code: _progress_url(row.municipality.code) for row in overview.rows} if sees_rows else {}
    if sees_rows:
        the_map = maps.choropleth(
            division,
            overview.level_index(),
            [f"{label} ({count})" for label, count in zip(levels, counts, strict=True)],
            title=_("Map: the level of each municipality for %(block)s") % {"block": block.name},
            links=links,
            map_id="block-map",
            no_data_label=_("nothing reported (%(count)d)") % {"count": overview.unreported},
        )
    else:
        the_map = maps.choropleth(
            division,
            overview.province_medians(),
            levels,
            title=_("Map: the median level of each province for %(block)s") % {"block": block.name},
            map_id="block-map",
            no_data_label=_("not in the selection"),
            descriptions=overview.province_median_descriptions(),
        )
    trend = overview.trend
    trend_chart = None
    if trend:
        # The month and year as the axis shows them: "mrt 2014" in Dutch, "Mar 2014" in English.
        month_format = pgettext("date format of a chart's months", "M Y")
        month_labels = [date_format(point.month, month_format) for point in trend]
        trend_chart = charts.line_chart(
            month_labels,
            [(label, [round(point.shares[i], 1) for point in trend]) for i, label in enumerate(levels)],
            title=_("Trend of %(block)s: share of municipalities per level") % {"block": block.name},
            description=_("Per month, the percentage of the municipalities in the selection at each level."),
            y_max=100,
            palette="sequential",
            axis_label=_("Percentage of municipalities"),
        )
    # A reported blocker borne out or questioned by other facts (``verdicts``): about now, so not on a past date.
    verdicts = (
        blocker_verdicts(
            {(row.municipality.pk, block.pk): row.blockers for row in overview.rows if row.blockers}, [block]
        )
        if sees_rows and overview.on is None
        else {}
    )
    return {
        "request": request,  # for its query string only, which is part of the cache key
        "programme": programme,
        "building_block": block,
        "overview": overview,
        "form": form,
        "sees_rows": sees_rows,
        "map": the_map,
        "level_rows": list(zip(overview.levels, counts, strict=True)),
        "groups": _group_rows(overview.groups, links, verdicts, block) if sees_rows else [],
        "total": len(overview.rows),
        "provinces": overview.province_summary(),
        "trend": trend,
        "trend_chart": trend_chart,
        "query": request.GET.urlencode(),  # without the export format (``_query``)
        "has_demo": overview.has_demo,
    }


def _progress_url(code: str) -> str:
    return reverse("monitor:municipality-progress", args=[code])


def _group_rows(groups, links: dict[str, str], verdicts: dict, block) -> list[tuple]:
    """The list of municipalities per level, each row formatted once here (a block's page lists all
    of them; through the template language that cost more than the page's queries)."""
    return [
        (
            group,
            [
                {
                    "url": links[row.municipality.code],
                    "name": row.municipality.name,
                    "province": row.municipality.province.name,
                    "since": row.since,
                    "planned": row.planned_date,
                    "blockers": row.blocker_labels,
                    "verdicts": verdicts.get((row.municipality.pk, block.pk), ()),
                }
                for row in group.rows
            ],
        )
        for group in groups
    ]


def _block_export(request, programme, block, filters, sees_rows, fmt):
    table = request.GET.get("tabel", "gemeenten")
    overview = selectors.block_overview(
        programme=programme, building_block=block, with_trend=(table == "verloop"), **filters
    )
    levels = _level_labels(overview)
    if table == "verloop":
        headers = [_("Month"), *levels, _("nothing reported"), _("Municipalities")]
        rows = [
            [point.month.strftime("%Y-%m"), *point.counts, point.total - sum(point.counts), point.total]
            for point in overview.trend
        ]
        return tabular.download(
            f"verloop-{block.code.lower()}", fmt, tabular.Sheet(_("Trend per month"), headers, rows)
        )
    if table == "provincies":
        headers = [_("Province"), _("Municipalities"), _("Median level"), *levels, _("nothing reported")]
        rows = [
            [
                item["province"].name,
                item["total"],
                item["median"].name if item["median"] else "",
                *item["counts"],
                item["unreported"],
            ]
            for item in overview.province_summary()
        ]
        return tabular.download(f"provincies-{block.code.lower()}", fmt, tabular.Sheet(_("Provinces"), headers, rows))
    if not sees_rows:
        raise PermissionDenied(why_municipality_status_hidden(programme))
    headers = [
        _("CBS code"),
        _("Municipality"),
        _("Province"),
        _("Size class"),
        _("Status level"),
        _("Since"),
        _("Planned date"),
        _("Blockers"),
        _("Demo data"),
    ]
    rows = [
        [
            row.municipality.code,
            row.municipality.name,
            row.municipality.province.name,
            _size_label(row),
            row.level.name if row.level else _("nothing reported"),
            row.since,
            row.planned_date,
            "; ".join(row.blocker_labels),
            row.is_demo,
        ]
        for row in overview.rows
    ]
    return tabular.download(f"gemeenten-{block.code.lower()}", fmt, tabular.Sheet(_("Municipalities"), headers, rows))


# --- blockers overview -----------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def blockers(request):
    programme = _programme(request)
    # e.g. the municipalities that use a supplier's products (every block: ``overall``)
    offered = municipality_filters(request.user, overall=True)
    fmt = _export_format(request)
    if fmt:
        overview = selectors.blocker_overview(programme=programme, **_blockers_filters(request, offered)[1])
        headers = [
            _("Code"),
            _("Building block"),
            _("Municipalities with a status"),
            _("With a blocker"),
            *[blocker.label for blocker in BLOCKERS],
            *[
                label
                for source in overview.verdict_sources
                for label in (source.confirmed_label, source.questioned_label)
            ],
        ]
        rows = [
            [
                row.building_block.code,
                row.building_block.name,
                row.reported,
                row.blocked,
                *row.counts,
                *[count for pair in row.verdict_counts for count in pair],
            ]
            for row in overview.rows
        ]
        return tabular.download("belemmeringen", fmt, tabular.Sheet(_("Blockers"), headers, rows))
    content = fragments.versioned_part(
        blockers_content,
        version=_version(request, offered),
        programme=programme.pk,
        query=_query(request),
        today=_today(),
        filters=_offered_keys(offered),
    )
    return render(request, "monitor/insights/blockers.html", {"programme": programme, "content": content})


def _blockers_filters(request, offered) -> tuple[InsightFilterForm, dict]:
    form = InsightFilterForm(request.GET or None, extra_filters=offered, overall=True)
    return form, {**form.filters(), "municipality_ids": form.registered_ids()}


@fragments.part("insights-blockers")
def blockers_content(*, programme: int, query: str, today: str, filters: list[str]) -> str:
    """The blockers per building block for the filters in ``query``, with the other apps' filters ``filters``
    that the viewer sees (cached; rendered by a worker after a write)."""
    request = fragments.query_request(query)
    programme, _municipality, _block = part_objects(programme=programme)
    form, chosen = _blockers_filters(request, municipality_filters_named(filters))
    overview = selectors.blocker_overview(programme=programme, **chosen)
    chart = charts.stacked_bar_chart(
        [(row.building_block.name, row.counts) for row in overview.rows],
        [str(blocker.label) for blocker in BLOCKERS],
        title=_("Blockers per building block"),
        description=_(
            "Per building block, how many municipalities each blocker category holds back; a municipality "
            "can report several blockers."
        ),
        normalise=False,
        palette="categorical",
        axis_label=_("Number of municipalities"),
    )
    return render_to_string(
        "monitor/insights/_blockers_content.html",
        {
            "request": request,  # for its query string only, which is part of the cache key
            "programme": programme,
            "overview": overview,
            "form": form,
            "chart": chart,
            "categories": BLOCKERS,
            "query": query,
            "has_demo": overview.has_demo,
        },
    )


# --- deadline risk -----------------------------------------------------------------------------


def _risk_form(request, programme, form_class=InsightFilterForm, **kwargs):
    default = selectors.default_risk_date(programme)
    return form_class(
        request.GET or None,
        with_date=True,
        date_label=_("Forecast on"),
        date_help=_("The date of the forecast (empty: %(date)s).") % {"date": date_format(default)},
        **kwargs,
    )


@require_http_methods(["GET", "HEAD"])
def deadline_risk(request):
    """The number of municipalities at risk per building block (public)."""
    programme = _programme(request)
    # e.g. "Waiting on supplier": the municipalities whose supplier is not ready in time for any block
    offered = municipality_filters(request.user)
    fmt = _export_format(request)
    if fmt:
        risk = selectors.deadline_risk(programme=programme, **_risk_filters(request, programme, offered)[1])
        headers = [_("Code"), _("Building block"), *[RISK_LABELS[level] for level in LISTED_RISKS], _("At risk")]
        rows = [
            [item.building_block.code, item.building_block.name, *item.values, item.at_risk] for item in risk.counts()
        ]
        return tabular.download("deadlinerisico", fmt, tabular.Sheet(_("Deadline risk"), headers, rows))
    content = fragments.versioned_part(
        risk_content,
        version=_version(request, offered),
        programme=programme.pk,
        query=_query(request),
        today=_today(),
        is_staff=is_programme_staff(request.user),
        filters=_offered_keys(offered),
    )
    return render(request, "monitor/insights/risk.html", {"programme": programme, "content": content})


def _risk_filters(request, programme, offered) -> tuple[InsightFilterForm, dict]:
    form = _risk_form(request, programme, extra_filters=offered)
    chosen = {}
    if offered and any(form.valid_data().get(item.key) for item in offered):
        chosen["municipality_ids"] = form.registered_ids(BuildingBlock.objects.filter(programme=programme))
    return form, {**form.filters(), **chosen}


@fragments.part("insights-risk")
def risk_content(*, programme: int, query: str, today: str, is_staff: bool, filters: list[str]) -> str:
    """The municipalities at risk per building block for the filters in ``query``, with the other apps'
    filters ``filters`` that the viewer sees (cached; rendered by a worker after a write)."""
    request = fragments.query_request(query)
    programme, _municipality, _block = part_objects(programme=programme)
    form, chosen = _risk_filters(request, programme, municipality_filters_named(filters))
    risk = selectors.deadline_risk(programme=programme, **chosen)
    counts = risk.counts()
    chart = charts.stacked_bar_chart(
        [(item.building_block.name, [item.count(level) for level in LISTED_RISKS]) for item in counts],
        [str(RISK_LABELS[level]) for level in LISTED_RISKS],
        title=_("Municipalities at risk per building block"),
        description=_("Per building block, the number of municipalities by their highest deadline risk."),
        normalise=False,
        palette="categorical",
        axis_label=_("Number of municipalities"),
    )
    return render_to_string(
        "monitor/insights/_risk_content.html",
        {
            "request": request,  # for its query string only, which is part of the cache key
            "programme": programme,
            "risk": risk,
            "counts": counts,
            "risks": LISTED_RISKS,
            "chart": chart,
            "form": form,
            "is_staff": is_staff,
            "query": query,
            "has_demo": risk.has_demo,
        },
    )


@require_http_methods(["GET", "HEAD"])
def deadline_risk_list(request):
    """The municipalities expected to miss a deadline, with the reasons (programme staff only)."""
    programme = _programme(request)
    if not is_programme_staff(request.user):
        raise PermissionDenied(
            _(
                "The deadline risk per municipality is for programme staff only. The numbers per building block "
                "are public on the deadline risk page."
            )
        )
    extra_filters = municipality_filters(request.user)
    if _export_format(request):
        _form, risk = _risk_list(request, programme, extra_filters)
        return _risk_export(risk, _export_format(request))
    content = fragments.versioned_part(
        risk_list_content,
        version=_risk_list_version(request),
        programme=programme.pk,
        query=_query(request),
        today=_today(),
        filters=[item.key for item in extra_filters],
    )
    return render(request, "monitor/insights/risk_list.html", {"programme": programme, "content": content})


def _risk_list(request, programme, extra_filters):
    """The risk list's form and the municipalities at risk that it selects."""
    blocks = list(BuildingBlock.objects.filter(programme=programme).order_by("cluster", "name"))
    form = _risk_form(request, programme, form_class=RiskFilterForm, blocks=blocks, extra_filters=extra_filters)
    filters = form.filters()
    data = form.valid_data()
    block = next((b for b in blocks if b.code == data.get("bouwsteen")), None)
    risk_filter = [Risk(data["risico"])] if data.get("risico") else None
    # e.g. the municipalities whose supplier X is not ready for the chosen block (or any)
    kept = form.registered_ids([block] if block else blocks)
    risk = selectors.deadline_risk(
        programme=programme, building_block=block, risks=risk_filter, municipality_ids=kept, **filters
    )
    return form, risk


@fragments.part("insights-risk-list")
def risk_list_content(*, programme: int, query: str, today: str, filters: list[str]) -> str:
    """A page of the municipalities at risk for the filters in ``query``, with the other apps' filters
    ``filters`` that the viewer sees (cached; rendered by a worker after a write)."""
    request = fragments.query_request(query)
    programme, _municipality, _block = part_objects(programme=programme)
    form, risk = _risk_list(request, programme, municipality_filters_named(filters))
    page = Paginator(risk.rows, RISK_PAGE_SIZE).get_page(request.GET.get("page"))
    return render_to_string(
        "monitor/insights/_risk_list_content.html",
        {
            "request": request,  # for its query string only, which is part of the cache key
            "programme": programme,
            "risk": risk,
            "page_obj": page,
            "rows": page.object_list,
            "form": form,
            "query": query,
            "has_demo": risk.has_demo,
        },
    )


def _risk_export(risk, fmt):
    headers = [
        _("CBS code"),
        _("Municipality"),
        _("Province"),
        _("Building block"),
        _("Result agreement"),
        _("Status level"),
        _("Required level"),
        _("Deadline"),
        _("Expected date"),
        _("Levels per month"),
        _("Risk"),
        _("Reasons"),
        _("Demo data"),
    ]
    rows = [
        [
            row.municipality.code,
            row.municipality.name,
            row.municipality.province.name,
            row.building_block.name,
            row.target.agreement.number if row.target.agreement else "",
            row.level.name if row.level else _("nothing reported"),
            row.target.required_level.name,
            row.target.deadline,
            row.forecast.expected or _("not at this pace"),
            round(row.forecast.pace, 3),
            row.risk.label,
            "; ".join(reason.text for reason in row.forecast.reasons),
            row.is_demo,
        ]
        for row in risk.rows
    ]
    return tabular.download("deadlinerisico-gemeenten", fmt, tabular.Sheet(_("Municipalities at risk"), headers, rows))
