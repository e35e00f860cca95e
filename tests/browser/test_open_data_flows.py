# SPDX-License-Identifier: EUPL-1.2
"""The open-data page as a reader meets it: reached from the footer, structure and axe-core in Dutch
and English, a file downloaded from it, and the catalogue it names for machines."""

import json

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import page_path, resolved
from tests.browser.test_language import switch_language

pytestmark = pytest.mark.browser


def test_open_data_page_from_the_footer_with_its_files_and_catalogue(new_page):
    page = new_page()
    page.goto(page_path("catalogue:home"))
    with page.expect_navigation():
        page.locator("footer").get_by_role("link", name="Open data").click()
    assert resolved(page.url).view_name == "open_data:index", page.url
    assert_page_ok(page, language="nl")
    assert page.get_by_role("heading", name="Gemeenten en hun perioden").count() == 1

    link = page.get_by_role("link", name="Gemeenten en hun perioden (ODS)")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert "municipalities-" in response.headers["content-disposition"]

    catalogue = page.locator('link[rel="alternate"][type="application/ld+json"]').get_attribute("href")
    document = json.loads(page.request.get(catalogue).text())
    assert document["@type"] == "dcat:Catalog" and document["dcat:dataset"]


def test_open_data_page_in_english(new_page):
    page = new_page()
    page.goto(page_path("open_data:index"))
    switch_language(page, "en")
    assert_page_ok(page, language="en")
    assert page.get_by_role("heading", name="Municipalities and their periods").count() == 1


def test_the_progress_spreadsheets_are_offered_with_their_size_once_written(new_page):
    page = new_page()
    page.goto(page_path("open_data:index"))
    switch_language(page, "en")
    heading = page.get_by_role("heading", name="Progress per province, building block and month", exact=True)
    progress = page.locator("section", has=heading)
    assert progress.count() == 1
    xlsx = progress.get_by_role("link", name="Progress per province, building block and month (XLSX)")
    assert xlsx.count() == 1 and "being written" in xlsx.locator("xpath=..").inner_text()
    ods = progress.get_by_role("link", name="Progress per province, building block and month (ODS)")
    # Written now (the site runs its tasks in the request; a worker writes it ahead elsewhere), then stored.
    response = page.request.get(ods.get_attribute("href"), timeout=120_000)
    assert response.ok and response.headers["content-type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response.body()[:2] == b"PK"  # a zip file
    page.reload()
    item = ods.locator("xpath=..").inner_text()
    assert "(ODS): " in item and "data of" in item and "being written" not in item, item
    assert_page_ok(page, language="en")
