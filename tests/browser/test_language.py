# SPDX-License-Identifier: EUPL-1.2
"""The language form in the header switches the site to English, without JavaScript tricks."""

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import STAFF, page_path

pytestmark = pytest.mark.browser

ENGLISH_PAGES = [
    page_path("catalogue:home"),
    page_path("catalogue:building-block-list-current"),
    page_path("organisations:municipality-list"),
]


def switch_language(page, code: str) -> None:
    form = page.locator("header form.language-form")
    form.locator("select[name=language]").select_option(code)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_switch_to_english_and_back(new_page):
    page = new_page()
    page.goto(page_path("catalogue:building-block-list-current"))
    assert page.locator("html").get_attribute("lang") == "nl"
    switch_language(page, "en")
    assert page.url.endswith(page_path("catalogue:building-block-list-current")), (
        f"The language form should return to the same page, not {page.url}"
    )
    for path in ENGLISH_PAGES:
        page.goto(path)
        assert_page_ok(page, language="en")
    switch_language(page, "nl")
    assert page.locator("html").get_attribute("lang") == "nl"


def test_english_when_logged_in(new_page):
    page = new_page(STAFF)
    page.goto(page_path("catalogue:home"))
    switch_language(page, "en")
    assert_page_ok(page, language="en")
    page.goto(page_path("organisations:municipality-list"))
    assert_page_ok(page, language="en")
