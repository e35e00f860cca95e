# SPDX-License-Identifier: EUPL-1.2
"""Programme reports as a reader uses them: choose a report and a date with the keyboard, read it,
follow its table of contents, download its spreadsheet; with and without JavaScript."""

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import STAFF, page_path

pytestmark = pytest.mark.browser


def assert_ok_as_shown(new_page, page, javascript: bool) -> None:
    """The page's checks; axe-core is a script, so a page without JavaScript is checked as opened with it."""
    assert_page_ok(page if javascript else _opened_with_javascript(new_page, page.url), language="nl")


def _opened_with_javascript(new_page, url: str):
    page = new_page()
    page.goto(url)
    return page


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_choose_a_report_and_a_date_with_the_keyboard(new_page, javascript):
    page = new_page(javascript=javascript)
    page.goto(page_path("reports:index"))
    assert_ok_as_shown(new_page, page, javascript)
    form = page.locator("main form")
    form.get_by_label("Soort rapportage").select_option(label="Algemene ledenvergadering (ALV)")
    date = form.get_by_label("Peildatum")
    date.focus()
    date.fill("2014-06-30")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/rapportages/operatie-nup/alv/?peildatum=2014-06-30"), page.url
    assert page.locator("h1").inner_text().strip() == "Algemene ledenvergadering (ALV): rapportage over Operatie NUP"
    main = page.locator("main")
    assert "De stand op 30 juni 2014" in main.inner_text()
    assert main.locator("svg[role=img]").count() >= 4  # charts, each with its table
    assert main.locator("table caption", has_text="Resultaatafspraken en de gemeenten die eraan voldoen").count() == 1
    assert_ok_as_shown(new_page, page, javascript)


def test_table_of_contents_and_downloads(new_page):
    page = new_page()
    page.goto("/rapportages/operatie-nup/bestuur/?peildatum=2014-06-30")
    toc = page.get_by_role("navigation", name="Onderdelen van de rapportage")
    toc.get_by_role("link", name="Deadlinerisico").click()
    assert page.url.endswith("#risk")
    assert page.locator("#risk").is_visible()
    # The PDF is made by a background job (test_job_flows.py).
    xlsx = page.request.get(page.get_by_role("link", name="Downloaden als spreadsheet (XLSX)").get_attribute("href"))
    assert xlsx.ok and xlsx.body().startswith(b"PK")


def test_staff_see_the_municipalities_not_reached_by_name(new_page):
    page = new_page(STAFF)
    page.goto("/rapportages/operatie-nup/gateway-review/?peildatum=2012-03-31")
    section = page.locator("section#unreached, section[aria-labelledby=unreached]")
    assert section.locator("table caption", has_text="Gemeenten die nog niet bereikt zijn").count() >= 1
    assert_page_ok(page, language="nl")


def test_the_gateway_review_report_shows_the_latest_review(new_page):
    page = new_page()
    page.goto("/rapportages/operatie-nup/gateway-review/?peildatum=2014-06-30")
    section = page.locator("section[aria-labelledby=gateway-reviews]")
    assert section.get_by_role("heading", name="Gateway review", level=2).is_visible()
    assert section.locator("table caption", has_text="Totaaloordeel in deze review en de vorige").count() == 1
    assert section.get_by_role("heading", name="Aanbevelingen", level=3).is_visible()
    # From the table of contents to the section with the keyboard.
    contents = page.get_by_role("navigation", name="Onderdelen van de rapportage")
    contents.get_by_role("link", name="Gateway review").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#gateway-reviews")
    assert_page_ok(page, language="nl")
