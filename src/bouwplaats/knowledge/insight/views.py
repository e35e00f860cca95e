# SPDX-License-Identifier: EUPL-1.2
"""The staff's insight page: what municipalities ask, as charts with tables, and exports."""

import datetime

from django.http import Http404
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.core import tabular
from bouwplaats.ui import charts

from ..permissions import require_insight_viewer
from . import selectors


def _year(request) -> int | None:
    value = request.GET.get("jaar", "")
    return int(value) if value.isdigit() else None


def _month_labels(months: list[str]) -> list[str]:
    """The months ("2014-03") as the page's language shows them in a chart: "mrt 2014", "Mar 2014"."""
    month_format = pgettext("date format of a chart's months", "M Y")
    return [date_format(datetime.date.fromisoformat(f"{month}-01"), month_format) for month in months]


def _export(data, table: str, fmt: str):
    if fmt not in tabular.FORMATS:
        raise Http404(_("Unknown format."))
    breakdowns = {b.name: b for b in data.breakdowns}
    if table in breakdowns:
        name = f"kennis-vragen-per-{table}"
        columns = [_("month"), _("category"), _("questions")]
        return tabular.download(name, fmt, tabular.Sheet(name, columns, breakdowns[table].long_rows()))
    if table == "age":
        name = "kennis-open-vragen-leeftijd"
        return tabular.download(name, fmt, tabular.Sheet(name, [_("age"), _("open questions")], data.age_buckets))
    if table == "median":
        name = "kennis-doorlooptijd"
        columns = [_("theme"), _("median days to answer"), _("answered questions")]
        return tabular.download(name, fmt, tabular.Sheet(name, columns, data.median_by_theme))
    raise Http404(_("Unknown table."))


@permission_required_by(require_insight_viewer)
@require_http_methods(["GET", "HEAD"])
def insight(request):
    year = _year(request)
    data = selectors.insight(year=year)
    if request.GET.get("export"):
        return _export(data, request.GET.get("tabel", ""), request.GET["export"])
    month_labels = _month_labels(data.months)
    sections = []
    for breakdown in data.breakdowns:
        chart = (
            charts.line_chart(
                month_labels,
                breakdown.series(),
                title=breakdown.title,
                description=_("Number of questions asked per month."),
                axis_label=_("questions"),
                whole_numbers=True,
            )
            if data.months
            else ""
        )
        sections.append({"breakdown": breakdown, "chart": chart, "table": breakdown.table()})
    age_chart = charts.bar_chart(
        data.age_buckets,
        title=_("Open questions by age"),
        description=_("Questions not yet answered, by days waiting."),
        whole_numbers=True,
    )
    median_chart = charts.bar_chart(
        [(theme, days) for theme, days, _count in data.median_by_theme],
        title=_("Median days to an answer by theme"),
        description=_("From asking to the first answer."),
    )
    return render(
        request,
        "knowledge/insight.html",
        {
            "data": data,
            "month_labels": month_labels,
            "sections": sections,
            "age_chart": age_chart,
            "median_chart": median_chart,
            "year": year,
            "years": selectors.years(),
        },
    )
