# SPDX-License-Identifier: EUPL-1.2
"""End-to-end flows of the impact analysis (plain forms, POST and redirect), with an accessibility check on each page.

A coordinator adds an application to the own landscape and finds it in the DigiD scenario, changes
and removes one, and checks landscape files; staff write a section of the report and record a run.
Fields and buttons are found by name and type, so the flows hold in both languages.
"""

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import COORDINATOR, STAFF, page_path, resolved

pytestmark = pytest.mark.browser

DIGID = page_path("impact:scenario-detail", 1)
LANDSCAPE = page_path("impact:landscape", "GM0363")


def _submit(page, selector: str = "main form.form button[type=submit]") -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_coordinator_adds_an_application_that_the_digid_scenario_finds(new_page):
    page = new_page(COORDINATOR)
    page.goto(page_path("impact:application-new", "GM0363"))
    assert_page_ok(page, language="nl")
    page.locator("input[name=name]").fill("Browsertest Portaal")
    page.locator("input[name=supplier]").fill("Testleverancier")
    page.locator("select[name=components]").select_option(label="Mijngemeentecomponent")
    _submit(page)
    assert page.url.endswith(page_path("impact:landscape", "GM0363")), page.url
    assert "Browsertest Portaal" in page.locator("main table").inner_text()
    assert_page_ok(page, language="nl")

    page.goto(page_path("impact:scenario-municipality", 1, "GM0363"))
    table = page.locator("main table").first
    row = table.locator("tr").filter(has_text="Browsertest Portaal")
    # Its standards are unknown, so DigiD's SAML interface is a gap for it.
    assert "DigiD SAML koppelvlak" in row.inner_text()
    assert_page_ok(page, language="nl")


def test_staff_write_the_report_and_record_a_run(new_page):
    page = new_page(STAFF)
    page.goto(page_path("impact:report-edit", 1))
    assert_page_ok(page, language="nl")
    page.locator("textarea[name=do_now]").fill("- Vraag uw leverancier naar de **SAML-ondersteuning**.")
    _submit(page)
    assert page.url.endswith(page_path("impact:report", 1)), page.url
    assert page.locator("main strong", has_text="SAML-ondersteuning").count() == 1
    assert_page_ok(page, language="nl")

    page.goto(DIGID)
    _submit(page, f"main form[action$='{page_path('impact:scenario-run', 1)}'] button[type=submit]")
    assert page.url.endswith(DIGID), page.url
    assert "GEMMA 2026-06-30" in page.locator(".messages").inner_text()
    assert_page_ok(page, language="nl")


def _row(page, name: str):
    return page.locator("main table tr").filter(has_text=name)


def test_coordinator_changes_and_removes_an_own_application(new_page):
    page = new_page(COORDINATOR)
    page.goto(page_path("impact:application-new", "GM0363"))
    page.locator("input[name=name]").fill("Browsertest Tijdelijk")
    _submit(page)

    with page.expect_navigation():  # the row's edit link, whatever the application's id
        _row(page, "Browsertest Tijdelijk").locator("a[href$='/bewerken/']").click()
    assert resolved(page.url).view_name == "impact:application-edit", page.url
    assert_page_ok(page, language="nl")
    page.locator("input[name=name]").fill("Browsertest Gewijzigd")
    _submit(page)
    assert page.url.endswith(LANDSCAPE), page.url
    assert _row(page, "Browsertest Gewijzigd").count() == 1

    with page.expect_navigation():  # the row's remove link, whatever the application's id
        _row(page, "Browsertest Gewijzigd").locator("a[href$='/verwijderen/']").click()
    assert resolved(page.url).view_name == "impact:application-delete", page.url
    assert_page_ok(page, language="nl")
    _submit(page, "main form button[type=submit]")
    assert page.url.endswith(LANDSCAPE), page.url
    assert _row(page, "Browsertest Gewijzigd").count() == 0


# A dry run only: applying it would replace Amsterdam's demo landscape that other tests read.
IMPORT_FILES = {
    "passes": "Gemeentecode;Applicatie;Referentiecomponenten\nGM0363;Browsertest Import;Mijngemeentecomponent\n",
    "refused": "Gemeentecode;Applicatie;Referentiecomponenten\nGM0014;Van een ander;Onbekend\nGM0363;;\n",
}


@pytest.mark.parametrize("outcome", sorted(IMPORT_FILES))
def test_coordinator_checks_a_landscape_file_and_reads_the_outcome(new_page, outcome):
    page = new_page(COORDINATOR)
    page.goto(page_path("impact:import-new"))
    page.locator("input[name=file]").set_input_files(
        {"name": f"{outcome}.csv", "mimeType": "text/csv", "buffer": IMPORT_FILES[outcome].encode()}
    )
    _submit(page)
    assert resolved(page.url).view_name == "impact:import-detail", page.url
    apply = page_path("impact:import-apply", resolved(page.url).kwargs["pk"])
    apply_buttons = page.locator(f"main form[action$='{apply}'] button[type=submit]").count()
    assert apply_buttons == (1 if outcome == "passes" else 0)
    assert_page_ok(page, language="nl")  # the import's detail page
