# SPDX-License-Identifier: EUPL-1.2
"""The overview's tables as plain data, shared by the page (HTML) and the CSV, XLSX and ODS exports.

A ``Table`` has typed columns (text, whole number, percentage, date, month) and rows of raw
values; each output formats the values in its own way: localised text on the page, plain numbers
in CSV, real number and date cells in XLSX and ODS.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bouwplaats.core import tabular
from bouwplaats.core.tabular import DATE, INTEGER, MONTH, PERCENT, TEXT
from bouwplaats.ui.charts import format_value

from .selectors import Overview

TABLE_KEYS = ("distribution", "agreements", "trend")


@dataclass(frozen=True)
class Column(tabular.Column):
    """A column of a page's table, written to downloads as it is."""

    kind: str = TEXT

    @property
    def is_number(self) -> bool:
        return self.kind in (INTEGER, PERCENT)


@dataclass
class Table:
    key: str
    caption: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    sheet: str = ""  # the short name of its sheet in an XLSX or ODS download (default: the caption)

    def display_rows(self) -> list[list[dict]]:
        """The rows as localised text cells for the page: ``{"text", "number", "header"}``."""
        return [
            [
                {"text": display(value, column.kind), "number": column.is_number, "header": index == 0}
                for index, (value, column) in enumerate(zip(row, self.columns, strict=True))
            ]
            for row in self.rows
        ]


def display(value, kind: str) -> str:
    if value is None or value == "":
        return "–"
    if kind == PERCENT:
        return f"{format_value(value, 1)}%"
    if kind == INTEGER:
        return format_value(value, 0)
    if kind == DATE:
        return formats.date_format(value, "j F Y")
    if kind == MONTH:
        return formats.date_format(value, "F Y")
    return str(value)


def distribution_table(overview: Overview) -> Table:
    columns = [Column(_("Building block")), Column(_("Code"))]
    columns += [Column(level.name, INTEGER) for level in overview.levels]
    columns += [
        Column(_("Municipalities"), INTEGER),
        Column(_("At the highest level (%)"), PERCENT),
        Column(_("Required level of its result agreements"), TEXT),
        Column(_("At or above the required level (%)"), PERCENT),
    ]
    rows = [
        [
            row.building_block.name,
            row.building_block.code,
            *row.counts,
            row.total,
            row.top_share,
            row.required_level.name if row.required_level else "",
            row.meeting_share,
        ]
        for row in overview.distributions
    ]
    return Table(
        key="distribution",
        caption=_("Municipalities per building block and status level"),
        columns=columns,
        rows=rows,
        sheet=_("Status levels"),
    )


def agreements_table(overview: Overview) -> Table:
    columns = [
        Column(_("Result agreement")),
        Column(_("Number"), INTEGER),
        Column(_("Building blocks")),
        Column(_("Required level")),
        Column(_("Deadline"), DATE),
        Column(_("Measured")),
        Column(_("Municipalities meeting it"), INTEGER),
        Column(_("Municipalities"), INTEGER),
        Column(_("Share meeting it (%)"), PERCENT),
    ]
    rows = []
    for status in overview.agreements:
        if status.deadline_passed:
            measured = _("at the deadline (end of %(month)s)") % {
                "month": formats.date_format(status.measured_month, "F Y")
            }
        else:
            measured = pgettext("measured", "now")
        rows.append(
            [
                status.agreement.title,
                status.agreement.number,
                ", ".join(block.code for block in status.building_blocks) or _("none linked"),
                status.agreement.required_level.name,
                status.agreement.deadline,
                measured,
                status.met,
                status.total,
                status.share,
            ]
        )
    return Table(
        key="agreements",
        caption=_("Result agreements and the municipalities meeting them"),
        columns=columns,
        rows=rows,
        sheet=_("Result agreements"),
    )


def trend_table(overview: Overview) -> Table:
    trend = overview.trend
    columns = [Column(_("Month"), MONTH)] + [Column(f"{label} (%)", PERCENT) for label, _values in trend.series]
    rows = [[month] + [values[index] for _label, values in trend.series] for index, month in enumerate(trend.months)]
    if trend.building_block is None:
        top = overview.top_level.name if overview.top_level else ""
        caption = _("Share of municipalities at the level “%(level)s” per building block, per month") % {"level": top}
    else:
        caption = _("Share of municipalities per status level for %(block)s, per month") % {
            "block": trend.building_block.name
        }
    return Table(key="trend", caption=caption, columns=columns, rows=rows, sheet=_("Trend per month"))


def overview_tables(overview: Overview) -> dict[str, Table]:
    return {
        "distribution": distribution_table(overview),
        "agreements": agreements_table(overview),
        "trend": trend_table(overview),
    }


# --- exports -----------------------------------------------------------------------------------


def download(table: Table, filename: str, fmt: str) -> HttpResponse:
    """The table as a CSV, XLSX or ODS download (``core.tabular`` writes each kind of column in its way)."""
    return tabular.download(filename, fmt, tabular.Sheet(table.sheet or table.caption, table.columns, table.rows))


def export_filename(overview: Overview, table: Table, today: datetime.date) -> str:
    parts = ["voortgang", overview.programme.slug, table.key]
    if overview.province:
        parts.append(overview.province.lower())
    if overview.size_class:
        parts.append(f"grootteklasse-{overview.size_class}")
    if table.key == "trend" and overview.trend.building_block is not None:
        parts.append(overview.trend.building_block.code.lower())
    parts.append(today.isoformat())
    return "-".join(parts)
