# SPDX-License-Identifier: EUPL-1.2
"""The start-element picker of the scenario form: a search in the chosen model release lists
elements as checkboxes, the checked ones are kept through the next search, and the saved scenario
starts from them. With JavaScript each state of the page passes the structure and axe-core checks
(axe runs as a script); without it the same flow works, since the picker is a plain form."""

import re

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import STAFF, page_path, resolved

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["axe", "without-javascript"])
def test_staff_pick_start_elements_by_search(new_page, javascript):
    page = new_page(STAFF, javascript=javascript)

    def check():
        if javascript:
            assert_page_ok(page, language="nl")

    page.goto(page_path("impact:scenario-new"))
    check()

    page.locator("input[name=title]").fill("Browsertest nieuwe wet")
    page.locator("select[name=preset]").select_option("law")
    page.locator("input[name=element_query]").fill("Inkomensondersteuning")
    with page.expect_navigation():
        page.locator("button[name=search]").click()
    check()
    found = page.locator("input[name=start_elements]")
    assert found.count() >= 1
    # The business function itself, not "Beheren van ... inkomensondersteuning" found beside it.
    page.get_by_label(re.compile(r"^Inkomensondersteuning \(BusinessFunction")).check()

    # A second search keeps the first choice checked.
    page.locator("input[name=element_query]").fill("BusinessProcess")
    with page.expect_navigation():
        page.locator("button[name=search]").click()
    check()
    assert page.locator("input[name=start_elements]:checked").count() == 1
    assert page.locator("input[name=title]").input_value() == "Browsertest nieuwe wet"

    with page.expect_navigation():
        page.locator("main form.form > .actions button[type=submit]").click()
    assert resolved(page.url).view_name == "impact:scenario-detail", page.url
    assert "Inkomensondersteuning" in page.locator("main").inner_text()
    check()

    # Leave the shared site as it was.
    page.goto(page.url + "verwijderen/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
