# SPDX-License-Identifier: EUPL-1.2
"""The site frame on real pages: one current item in the header, and wide tables that scroll
inside their frame (also by keyboard) instead of widening the page on a narrow screen."""

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import STAFF, page_path

pytestmark = pytest.mark.browser

NARROW = {"width": 375, "height": 800}


def test_a_page_in_two_sections_marks_one_header_item(new_page):
    page = new_page()
    page.goto(page_path("monitor:insight-block", "DIGID"))  # a building block's page in the monitor
    current = page.locator("header [aria-current=page]")
    assert current.count() == 1 and current.get_attribute("href") == page_path("monitor:dashboard-overview")


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (None, page_path("monitor:dashboard-overview")),
        (STAFF, page_path("knowledge:themes")),
        (STAFF, page_path("accounts:user-list")),
    ],
)
def test_wide_tables_scroll_inside_their_frame_on_a_narrow_screen(new_page, role, path):
    page = new_page(role)
    page.set_viewport_size(NARROW)
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"], "the page scrolls sideways"
    frame = page.locator("main .table-wrapper").first
    assert frame.evaluate("frame => frame.scrollWidth > frame.clientWidth"), "the table is wider than its frame"
    frame.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # The browser may scroll smoothly: wait (briefly) for the frame to have moved.
    page.wait_for_function("frame => frame.scrollLeft > 0", arg=frame.element_handle(), timeout=3000)
    assert_page_ok(page, language="nl")
