"""Tables as CSV or XLSX downloads."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMATS = {"csv", "xlsx"}
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet runs a cell that starts with one of these as a formula: such text gets a leading quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool | int | float | datetime.date):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def sheet_title(caption: str) -> str:
    """A sheet's name in the page's language: the table's caption without the characters a sheet's
    name may not hold, cut to the 31 characters a spreadsheet allows."""
    for character in "[]:*?/\\":
        caption = caption.replace(character, " ")
    return " ".join(caption.split())[:31].strip() or "1"


def export_response(
    name: str, headers: Sequence[str], rows: Iterable[Sequence], fmt: str, *, sheet: str = ""
) -> HttpResponse:
    """``rows`` under ``headers`` as ``<name>.csv`` or ``<name>.xlsx``; ``sheet`` names the XLSX sheet in the
    page's language (default: ``name``)."""
    headers = [str(header) for header in headers]
    rows = [[safe_cell(value) for value in row] for row in rows]
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=sheet_title(sheet or name))
        for index, header in enumerate(headers, start=1):  # before the rows, in a write-only sheet
            sheet.column_dimensions[get_column_letter(index)].width = max(12, min(len(header) + 2, 40))
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(value.isoformat() if isinstance(value, datetime.date) else value for value in row)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
