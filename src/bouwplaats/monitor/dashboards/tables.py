"""The overview's tables as plain data, shared by the page (HTML), the CSV and the XLSX export.

A ``Table`` has typed columns (text, whole number, percentage, date, month) and rows of raw
values; each output formats the values in its own way: localised text on the page, plain numbers
in CSV, real number and date cells in XLSX.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bouwplaats.ui.charts import format_value

from ..insights.exports import sheet_title
from .selectors import Overview

TEXT, INTEGER, PERCENT, DATE, MONTH = "text", "int", "percent", "date", "month"
TABLE_KEYS = ("distribution", "agreements", "trend")


@dataclass
class Column:
    label: str
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
    sheet: str = ""  # the short name of its sheet in an XLSX download (default: the caption)

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


def _plain(value, kind: str):
    if value is None:
        return ""
    if kind == PERCENT:
        return f"{value:.1f}"
    if kind == MONTH:
        return value.strftime("%Y-%m")
    if kind == DATE:
        return value.isoformat()
    return value


def csv_response(table: Table, filename: str) -> HttpResponse:
    """The table as CSV (UTF-8 with BOM for spreadsheets; dot decimals; ISO dates)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.label for column in table.columns])
    for row in table.rows:
        writer.writerow([_plain(value, column.kind) for value, column in zip(row, table.columns, strict=True)])
    response.write("\ufeff" + buffer.getvalue())
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(table: Table, filename: str) -> HttpResponse:
    """The table as one XLSX sheet: a bold header row, numbers as numbers, percentages as percentages."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(table.sheet or table.caption)
    sheet.append([column.label for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in table.rows:
        sheet.append(
            [
                None if value is None or value == "" else value / 100 if column.kind == PERCENT else value
                for value, column in zip(row, table.columns, strict=True)
            ]
        )
    for index, column in enumerate(table.columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        formats_ = {PERCENT: "0.0%", INTEGER: "0", DATE: "yyyy-mm-dd", MONTH: "yyyy-mm"}
        if column.kind in formats_:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = formats_[column.kind]
        sheet.column_dimensions[letter].width = max(10, min(len(column.label) + 2, 40))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


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
