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
