# SPDX-License-Identifier: EUPL-1.2
"""The report as PDF (opened with pypdf) and as XLSX (read back and compared with the page)."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone
from lxml import html
from openpyxl import load_workbook
from pypdf import PdfReader

from .conftest import DATE

pytestmark = pytest.mark.django_db


def url(world, template, name):
    address = reverse(f"reports:report-{name}", args=[world.programme.slug, template])
    return f"{address}?peildatum={DATE.isoformat()}"


def test_pdf_has_a_cover_contents_page_numbers_and_tags(client, world):
    response = client.get(url(world, "bestuur", "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rapportage-toetsprogramma-bestuur-2022-06-30.pdf"'
    pdf = PdfReader(io.BytesIO(response.content))
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]  # lines broken anywhere in cells
    # Cover, contents, and each of the five sections of the board report on a page of its own.
    assert len(pages) == 7
    cover = pages[0]
    assert "Report on Toetsprogramma" in cover and "Board" in cover
    assert "As of" in cover and "30 June 2022" in cover
    assert f"Computed on {formats.date_format(timezone.localdate(), 'j F Y')}" in cover
    contents = pages[1]
    for title, page in (("Summary", 3), ("Result agreements", 4), ("Progress per building block", 5), ("Budget", 7)):
        assert re.search(rf"{title} \.+ {page}", contents), (title, contents)
    assert "Municipalities meeting it" in pages[3] and "1. Alfa ingevoerd" in pages[3]
    assert "€2,640,000" in pages[6]
    # Page numbers in the footer, but not on the cover.
    assert "2 / 7" in pages[1] and "7 / 7" in pages[6] and "1 / 7" not in cover
    # Tagged (PDF/UA-1): a structure tree, marked content, the language and the title shown.
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"
    assert pdf.metadata.title == "Board: report on Toetsprogramma"


def test_pdf_is_dutch_for_a_dutch_reader(world):
    from django.test import Client

    response = Client().get(url(world, "bestuur", "pdf"))
    cover = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Rapportage over Toetsprogramma" in cover and "30 juni 2022" in cover


def page_tables(body: str) -> dict[str, list[list[str]]]:
    """Caption → the rows of the table on the page, as the texts of their cells."""
    tree = html.fromstring(body)
    return {
        table.find("caption").text_content().strip(): [
            [cell.text_content().strip() for cell in row.xpath("th|td")] for row in table.xpath("tbody/tr")
        ]
        for table in tree.xpath("//main//table")
    }


def workbook_tables(content: bytes) -> dict[str, list[list]]:
    """Caption → rows: each section's sheet holds its tables as caption, header, rows, empty row."""
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    tables: dict[str, list[list]] = {}
    for sheet in workbook.worksheets[1:]:  # the first sheet is about the report
        caption, rows = None, None
        for values in sheet.iter_rows(values_only=True):
            if not any(value is not None for value in values):
                caption = None
                continue
            if caption is None:
                caption = values[0]
                rows = tables[caption] = []
                header = True
                continue
            if header:
                header = False
                continue
            rows.append(list(values))
    return tables


def number(text: str) -> float:
    return float(text.replace("€", "").replace(",", "").replace("%", "").replace("+", "").replace("−", "-"))


def same(cell, text: str) -> bool:
    if cell is None:
        return text in ("–", "Nothing to show.")
    if isinstance(cell, datetime.datetime):
        return formats.date_format(cell.date(), "SHORT_DATE_FORMAT") == text
    if isinstance(cell, int | float):
        return abs(number(text) - cell) < 0.05
    return str(cell) == text


def test_xlsx_holds_the_same_figures_as_the_page(client, world):
    client.force_login(world.staff)  # every table, those naming municipalities too
    page = page_tables(client.get(url(world, "gateway-review", "page")).content.decode())
    response = client.get(url(world, "gateway-review", "xlsx"))
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="rapportage-toetsprogramma-gateway-review-2022-06-30.xlsx"'
    )
    workbook = workbook_tables(response.content)
    assert set(workbook) == set(page)
    assert len(page) == 23  # the suppliers' two tables included
    for caption, rows in page.items():
        cells = workbook[caption]
        if rows == [["Nothing to show."]]:  # an empty table says so on the page
            rows = []
        assert len(cells) == len(rows), caption
        for row, values in zip(rows, cells, strict=True):
            values = (values + [None] * len(row))[: len(row)]  # empty cells at the end are not stored
            assert all(same(value, text) for value, text in zip(values, row, strict=True)), (caption, row, values)


def test_xlsx_has_one_sheet_per_section_after_the_one_about_the_report(client, world):
    response = client.get(url(world, "bestuur", "xlsx"))
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == [
        "Report",
        "Summary",
        "Result agreements",
        "Progress per building block",
        "Deadline risk",
        "Budget",
    ]
    about = {row[0]: row[1] for row in workbook["Report"].iter_rows(values_only=True)}
    assert about["Programme"] == "Toetsprogramma"
    assert about["As of"].date() == DATE
