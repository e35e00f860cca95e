"""End-to-end flows of the impact analysis (plain forms, POST and redirect), with an accessibility check on each page.

A coordinator adds an application to the own landscape and finds it in the DigiD scenario; staff
write a section of the report and record a run. Fields and buttons are found by name and type, so
the flows hold in both languages.
"""

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import COORDINATOR, STAFF

pytestmark = pytest.mark.browser

DIGID = "/impactanalyse/1/"


def _submit(page, selector: str = "main form.form button[type=submit]") -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_coordinator_adds_an_application_that_the_digid_scenario_finds(new_page):
    page = new_page(COORDINATOR)
    page.goto("/impactanalyse/landschap/GM0363/toevoegen/")
    assert_page_ok(page, language="nl")
    page.locator("input[name=name]").fill("Browsertest Portaal")
    page.locator("input[name=supplier]").fill("Testleverancier")
    page.locator("select[name=components]").select_option(label="Mijngemeentecomponent")
    _submit(page)
    assert page.url.endswith("/impactanalyse/landschap/GM0363/"), page.url
    assert "Browsertest Portaal" in page.locator("main table").inner_text()
    assert_page_ok(page, language="nl")

    page.goto(DIGID + "gemeenten/GM0363/")
    table = page.locator("main table").first
    row = table.locator("tr").filter(has_text="Browsertest Portaal")
    # Its standards are unknown, so DigiD's SAML interface is a gap for it.
    assert "DigiD SAML koppelvlak" in row.inner_text()
    assert_page_ok(page, language="nl")


def test_staff_write_the_report_and_record_a_run(new_page):
    page = new_page(STAFF)
    page.goto(DIGID + "rapport/bewerken/")
    assert_page_ok(page, language="nl")
    page.locator("textarea[name=do_now]").fill("- Vraag uw leverancier naar de **SAML-ondersteuning**.")
    _submit(page)
    assert page.url.endswith(DIGID + "rapport/"), page.url
    assert page.locator("main strong", has_text="SAML-ondersteuning").count() == 1
    assert_page_ok(page, language="nl")

    page.goto(DIGID)
    _submit(page, f"main form[action$='{DIGID}uitvoeren/'] button[type=submit]")
    assert page.url.endswith(DIGID), page.url
    assert "GEMMA 2026-06-30" in page.locator(".messages").inner_text()
    assert_page_ok(page, language="nl")
