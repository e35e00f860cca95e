"""Tables of the survey pages as CSV or XLSX downloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook

from ..insights.exports import sheet_title

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """Text that a spreadsheet would run as a formula is written as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def table_response(
    *, filename: str, fmt: str, header: Sequence[str], rows: Iterable[Sequence], sheet: str = ""
) -> HttpResponse:
    """A download of ``header`` and ``rows`` as ``filename``.csv or ``filename``.xlsx; ``sheet`` names the
    XLSX sheet in the page's language (default: ``filename``)."""
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(sheet_title(sheet or filename))
        sheet.append([str(cell) for cell in header])
        for row in rows:
            sheet.append([_safe(cell) for cell in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([str(cell) for cell in header])
        for row in rows:
            writer.writerow([_safe(cell) for cell in row])
        response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def answers_template_response(
    *,
    filename: str,
    fmt: str,
    header: Sequence[str],
    rows: Iterable[Sequence],
    notes_title: str,
    notes: Sequence[Sequence],
) -> HttpResponse:
    """A file to fill in and import: ``header`` and ``rows``, with ``notes`` that explain the codes.

    In XLSX the notes are a second worksheet (the import reads the first); in CSV they follow the
    rows, each in a comment row that starts with ``#`` (the import skips those rows). The CSV is
    separated by semicolons, as Excel opens it on Dutch Windows.
    """
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(filename[:31])
        sheet.append([str(cell) for cell in header])
        for row in rows:
            sheet.append([_safe(cell) for cell in row])
        codes = workbook.create_sheet(notes_title[:31])
        for note in notes:
            codes.append([_safe(str(cell)) for cell in note])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([str(cell) for cell in header])
        for row in rows:
            writer.writerow([_safe(cell) for cell in row])
        writer.writerow([])
        for note in notes:
            writer.writerow(["# " + " = ".join(str(cell) for cell in note if str(cell))])
        response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
