# SPDX-License-Identifier: EUPL-1.2
"""The report as a PDF worth signing (cover, time of calculation, contents, page numbers, tagged, the
narrative) and as an XLSX in Dutch with euro amounts as currency cells."""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from bouwplaats.impact.analysis import analyse
from bouwplaats.impact.models import ImpactScenario
from bouwplaats.impact.seed import DIGID_NARRATIVE


@pytest.fixture
def narrated(scenario):
    ImpactScenario.objects.filter(pk=scenario.pk).update(**DIGID_NARRATIVE)
    scenario.refresh_from_db()
    return scenario


def test_pdf_has_cover_time_of_calculation_contents_page_numbers_narrative_and_tags(staff, narrated, landscapes):
    dutch = Client()
    dutch.force_login(staff)
    page = dutch.get(reverse("impact:scenario-detail", args=[narrated.pk]))
    computed_at = page.context["analysis"].computed_at
    response = dutch.get(reverse("impact:report-pdf", args=[narrated.pk]))
    assert response.status_code == 200
    pdf = PdfReader(io.BytesIO(response.content))
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    text = " ".join(pages)
    cover, contents = pages[0], pages[1]
    assert "Impactanalyse: Inlogvoorziening" in cover
    assert "GEMMA test-1" in cover
    # The time of the calculation the page showed: the PDF reads the same stored result.
    stamp = formats.date_format(timezone.localtime(computed_at), "j F Y, H:i")
    assert f"Berekend op {stamp}" in cover
    assert re.search(r"1\. Bruikbaarheid \.+ \d+", contents), contents
    total = len(pages)
    assert f"2 / {total}" in contents and f"{total} / {total}" in pages[-1]
    assert f"1 / {total}" not in cover
    # The narrative is there; no section says it has not been written, except the empty one.
    assert "Met DigiD loggen inwoners veilig in bij de digitale diensten van de gemeente" in text
    assert text.count("nog niet geschreven") == 1  # "feasibility" is empty in the demo
    # Tagged PDF/UA-1 with the language and title.
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"
    assert pdf.metadata.title == "Impactanalyse: Inlogvoorziening"
    # No link-styled names without a target: every link in the PDF goes somewhere inside it.
    for pdf_page in pdf.pages:
        for annotation in pdf_page.get("/Annots") or []:
            link = annotation.get_object()
            assert "/Dest" in link or "/URI" in link.get("/A", {}) or "/D" in link.get("/A", {})


def test_xlsx_in_dutch_with_currency_cells(staff, narrated, landscapes):
    dutch = Client()
    dutch.force_login(staff)
    response = dutch.get(reverse("impact:report-xlsx", args=[narrated.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Elementen", "Gemeenten", "Hiaten", "Over"]
    sheet = workbook["Gemeenten"]
    header = [cell.value for cell in sheet[1]]
    assert header[-1] == "Geraamde inspanning"
    amsterdam = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "GM0363")
    assert isinstance(amsterdam[-1].value, int) and amsterdam[-1].value > 0
    assert "€" in amsterdam[-1].number_format
    about = {row[0]: row[1] for row in workbook["Over"].iter_rows(min_row=2, values_only=True)}
    assert about["Modelversie"] == "GEMMA test-1"
    assert about["Berekend op"]


def test_one_euro_format_on_the_page_and_in_the_report(client, staff, narrated, landscapes):
    dutch = Client()
    dutch.force_login(staff)
    page = dutch.get(reverse("impact:scenario-detail", args=[narrated.pk])).content.decode()
    report = dutch.get(reverse("impact:report", args=[narrated.pk])).content.decode()
    total = analyse(narrated).totals()["cost"]
    written = "€\xa0" + formats.number_format(total, 0, use_l10n=True, force_grouping=True)
    for content in (page, report):
        amounts = set(re.findall(r"€[\s\xa0]?[\d.,]+", content))
        assert written.replace("\xa0", " ") in {a.replace("\xa0", " ") for a in amounts}
        assert all(re.fullmatch(r"€[\s\xa0]\d{1,3}(\.\d{3})*", a) for a in amounts), amounts
