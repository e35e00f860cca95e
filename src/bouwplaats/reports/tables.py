# SPDX-License-Identifier: EUPL-1.2
"""A report's tables in each output: localised cells on the page and in the PDF, cells in the XLSX,
plain values in the API.

The tables are ``core.tabular.Sheet``s (see ``sections``). Besides the kinds of ``core.tabular``
the reports use two of their own: ``EURO`` (an amount in whole euros) and ``POINTS`` (a change in
percentage points); the XLSX writes both as plain numbers.
"""

from __future__ import annotations

import datetime
import numbers
from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils import formats
from django.utils.translation import gettext as _

from bouwplaats.core import tabular
from bouwplaats.core.tabular import AUTO, DATE, DECIMAL, INTEGER, MONTH, PERCENT
from bouwplaats.ui.charts import format_value
from bouwplaats.ui.numbers import euros  # one way of writing an amount in euros on the whole site

EURO, POINTS = "euro", "points"
NUMBER_KINDS = (INTEGER, DECIMAL, PERCENT, EURO, POINTS)


def display(value, kind: str) -> str:
    """One cell as text in the active language; "–" for no value."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if kind == PERCENT:
        return f"{format_value(float(value), 1)}%"
    if kind == EURO:
        return euros(value)
    if kind == POINTS:
        text = floatformat(value, "1g")
        return f"+{text}" if value > 0 else text.replace("-", "−")
    if kind == DECIMAL:
        return floatformat(value, "1g")
    if kind == INTEGER or (kind == AUTO and isinstance(value, int)):
        return floatformat(value, "0g")
    if kind == DATE or (kind == AUTO and isinstance(value, datetime.date)):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if kind == MONTH:
        return formats.date_format(value, "F Y")
    return str(value)


@dataclass
class DisplayTable:
    caption: str
    columns: list[dict]  # {"heading", "number"}
    rows: list[list[dict]]  # {"text", "number", "header"}


def display_table(sheet: tabular.Sheet) -> DisplayTable:
    """The sheet as localised text cells; the first column heads each row."""
    kinds = [column.kind for column in sheet.columns]
    columns = [{"heading": str(column.heading), "number": column.kind in NUMBER_KINDS} for column in sheet.columns]
    rows = [
        [
            {"text": display(value, kind), "number": kind in NUMBER_KINDS, "header": index == 0}
            for index, (value, kind) in enumerate(zip(row, kinds, strict=True))
        ]
        for row in sheet.rows
    ]
    return DisplayTable(caption=str(sheet.title), columns=columns, rows=rows)


# --- XLSX -----------------------------------------------------------------------------------------


def section_sheet(title: str, tables: list[tabular.Sheet]) -> tabular.Sheet:
    """One sheet for a section: each table's caption, its header row and its rows, an empty row between
    tables. Percentages are numbers from 0 to 100 (the headings say "%"), amounts whole euros."""
    rows: list[list] = []
    for table in tables:
        if rows:
            rows.append([])
        rows.append([str(table.title)])
        rows.append([str(column.heading) for column in table.columns])
        rows.extend(list(row) for row in table.rows)
    return tabular.Sheet(title, [], rows)


# --- JSON -----------------------------------------------------------------------------------------


def plain(value):
    """A cell as JSON: numbers as numbers (whole euros as integers), dates in ISO form."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | numbers.Number):
        return value
    return str(value)


def table_data(sheet: tabular.Sheet) -> dict:
    return {
        "caption": str(sheet.title),
        "columns": [{"heading": str(column.heading), "kind": column.kind} for column in sheet.columns],
        "rows": [[plain(value) for value in row] for row in sheet.rows],
    }
