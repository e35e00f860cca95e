# SPDX-License-Identifier: EUPL-1.2
"""The site works with JavaScript switched off: logging in and searching municipalities."""

import pytest

from tests.browser.pages import COORDINATOR, LOGOUT_BUTTON, login, page_path

pytestmark = pytest.mark.browser


def test_login_and_municipality_search_without_javascript(new_page, site):
    page = new_page(javascript=False)
    login(page, site, COORDINATOR)
    assert page.locator(LOGOUT_BUTTON).count() == 1

    page.goto(page_path("organisations:municipality-list"))
    search = page.locator("main form[method=get], main form:not([method])").filter(
        has=page.locator("input[type=search]")
    )
    assert search.count() >= 1, "No search form with a search field on /gemeenten/"
    search.first.locator("input[type=search]").fill("Amsterdam")
    with page.expect_navigation():
        search.first.locator("[type=submit]").first.click()
    assert "Amsterdam" in page.url, f"The search did not go into the address: {page.url}"
    assert page.locator("main").get_by_role("link", name="Amsterdam", exact=True).count() >= 1, (
        "Searching for Amsterdam did not list Amsterdam:\n" + page.locator("main").inner_text()[:2000]
    )
    assert page.locator("h1").count() == 1
