# SPDX-License-Identifier: EUPL-1.2
"""The programme overview (/voortgang/): aggregated progress, public; charts with data tables and exports."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_http_methods

from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.shortcuts import programme_or_404
from bouwplaats.core import fragments, tabular
from bouwplaats.ui.charts import bar_chart, format_value, line_chart, stacked_bar_chart

from ..extensions import (
    filter_object_types,
    municipality_filters,
    municipality_filters_named,
    overview_object_types,
    overview_sections,
)
from ..selectors import part_objects
from ..versions import monitor_version
from . import selectors
from .forms import OverviewFilterForm
from .tables import TABLE_KEYS, download, export_filename, overview_tables


def _percent(value) -> str:
    return f"{format_value(value)}%"


def _overview(request, programme: Programme, today, offered):
    """The filter form and the overview; ``offered``: the registered filters the reader may use."""
    blocks = selectors.programme_blocks(programme)
    form = OverviewFilterForm(request.GET or None, blocks=blocks, extra_filters=offered, overall=True)
    filters = form.filters()
    block = next((b for b in blocks if b.code == filters["block_code"]), None)
    overview = selectors.programme_overview(
        programme=programme,
        today=today,
        province=filters["province"],
        size_class=filters["size_class"],
        building_block=block,
        blocks=blocks,
        # e.g. the municipalities that use a supplier's products (programme staff)
        municipality_ids=form.registered_ids(),
    )
    return form, overview


@require_http_methods(["GET", "HEAD"])
def overview(request):
    """The overview page; ``?export=csv|xlsx|ods&table=distribution|agreements|trend`` downloads a table."""
    # The programme changes only through audited writes: looked up once per data version, like the content.
    # One version for the whole page: the monitor's and that of what other apps' sections and the filters
    # offered to this user (``extensions.MunicipalityFilter``) show.
    offered = municipality_filters(request.user, overall=True)
    version = monitor_version(request, (*overview_object_types(), *filter_object_types(offered)))
    slug = request.GET.get("programma", "").strip()
    programme = fragments.versioned_part(overview_programme, version=version, slug=slug)
    today = timezone.localdate()
    export = request.GET.get("export")
    if export:
        return _export(request, programme, today, offered, export, request.GET.get("table", ""))
    content = fragments.versioned_part(
        overview_content,
        version=version,
        programme=programme.pk,
        query=request.META.get("QUERY_STRING", ""),
        today=today.isoformat(),
        filters=[item.key for item in offered],
    )
    sections = [
        fragments.versioned_part(
            section_content, version=version, section=section.key, programme=programme.pk, today=today.isoformat()
        )
        for section in overview_sections()
    ]
    return render(
        request, "monitor/dashboards/overview.html", {"content": content, "sections": sections, "programme": programme}
    )


@fragments.part("monitor.dashboard_programme")
def overview_programme(*, slug: str):
    """The programme of the overview (cached under the data version: it changes only through audited writes)."""
    return programme_or_404(slug)


@fragments.part("monitor.dashboard_overview.section")
def section_content(*, section: str, programme: int, today: str) -> str:
    """A section of another app (``extensions.OverviewSection``), rendered without the request (cached)."""
    section = next(item for item in overview_sections() if item.key == section)
    programme, _municipality, _block = part_objects(programme=programme)
    context = section.context(programme, datetime.date.fromisoformat(today))
    return "" if context is None else render_to_string(section.template, context)


def _export(request, programme, today, offered, export: str, key: str):
    if export not in tabular.FORMATS or key not in TABLE_KEYS:
        raise Http404(
            _("Choose an export format (csv, xlsx or ods) and a table (%(tables)s).")
            % {"tables": ", ".join(TABLE_KEYS)}
        )
    _form, overview = _overview(request, programme, today, offered)
    table = overview_tables(overview)[key]
    return download(table, export_filename(overview, table, today), export)


def _charts(overview: selectors.Overview) -> dict:
    """The SVG charts of the overview (each page section also shows a table with the same figures)."""
    level_names = [level.name for level in overview.levels]
    count = overview.municipality_count
    top = overview.top_level.name if overview.top_level else ""
    percentages = ngettext(
        "Percentages of the %(count)s municipality; the table below gives the same figures.",
        "Percentages of the %(count)s municipalities; the table below gives the same figures.",
        count,
    ) % {"count": count}
    charts = {
        "distribution": stacked_bar_chart(
            [(row.building_block.name, row.counts) for row in overview.distributions],
            level_names,
            title=_("Distribution over the status levels per building block"),
            description=ngettext(
                "For each building block, the status level of the %(count)s municipality. "
                "The table below gives the same figures.",
                "For each building block, how many of the %(count)s municipalities are at each status level. "
                "The table below gives the same figures.",
                count,
            )
            % {"count": count},
            axis_label=_("Share of the municipalities"),
        ),
        "top": bar_chart(
            [(row.building_block.name, row.top_share) for row in overview.distributions],
            title=_("Share of municipalities at the highest level (%(level)s) per building block") % {"level": top},
            description=percentages,
            max_value=100,
            value_format=_percent,
        ),
    }
    measured = [status for status in overview.agreements if status.met is not None]
    if measured:
        charts["agreements"] = bar_chart(
            [(f"{status.agreement.number}. {status.agreement.title}", status.share) for status in measured],
            title=_("Share of municipalities meeting each result agreement"),
            description=percentages,
            max_value=100,
            value_format=_percent,
            colour="#009E73",
        )
    trend = overview.trend
    if trend.months and trend.series:
        if trend.building_block is None:
            title = _("Share of municipalities at the highest level (%(level)s) per month") % {"level": top}
        else:
            title = _("Share of municipalities per status level per month: %(block)s") % {
                "block": trend.building_block.name
            }
        # The month and year as the axis shows them: "mrt 2014" in Dutch, "Mar 2014" in English.
        month_format = pgettext("date format of a chart's months", "M Y")
        charts["trend"] = line_chart(
            [date_format(month, month_format) for month in trend.months],
            trend.series,
            title=title,
            description=ngettext(
                "Monthly percentages of the %(count)s municipality; the table gives the same figures.",
                "Monthly percentages of the %(count)s municipalities; the table gives the same figures.",
                count,
            )
            % {"count": count},
            y_max=100,
            value_format=_percent,
            palette="sequential" if trend.building_block is not None else "categorical",
        )
    return charts


@fragments.part("monitor.dashboard_overview")
def overview_content(*, programme: int, query: str, today: str, filters: list[str]) -> str:
    """The page's content for the query string ``query`` (cached; rendered by a worker after a write):
    no CSRF token, messages or anything personal; ``filters``: the keys of the registered filters offered
    to the reader (``extensions.municipality_filters``)."""
    request = fragments.query_request(query)
    programme, _municipality, _block = part_objects(programme=programme)
    today = datetime.date.fromisoformat(today)
    form, overview = _overview(request, programme, today, municipality_filters_named(filters))
    tables = overview_tables(overview)
    return render_to_string(
        "monitor/dashboards/_overview_content.html",
        {
            "request": request,  # for its query string only, which is part of the cache key
            "form": form,
            "overview": overview,
            "programme": programme,
            "tables": tables,
            "rows": {key: table.display_rows() for key, table in tables.items()},
            "charts": _charts(overview),
            "has_demo": overview.has_demo,
            "chosen_programme": request.GET.get("programma", ""),
        },
    )
