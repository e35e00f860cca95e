# SPDX-License-Identifier: EUPL-1.2
"""Keyboard use: the skip link comes first and works; the language switch works without a mouse."""

import pytest

from tests.browser.pages import COORDINATOR, page_path

pytestmark = pytest.mark.browser

MAX_TABS = 60


def active_element(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: (el.innerText || '').trim(),
                    name: el.getAttribute('name') || '', type: el.getAttribute('type') || ''};
        }"""
    )


def tab_to(page, matches, what: str) -> dict:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = active_element(page)
        if matches(element):
            return element
    raise AssertionError(f"{what} was not reached within {MAX_TABS} presses of Tab on {page.url}")


def test_first_tab_focuses_the_skip_link_and_it_moves_focus_to_main(new_page):
    page = new_page()
    page.goto(page_path("catalogue:home"))
    page.keyboard.press("Tab")
    element = active_element(page)
    assert element["tag"] == "a" and "skip-link" in element["cls"], f"The first Tab focused {element}"
    assert page.locator("a.skip-link").is_visible(), "The skip link must become visible when it has focus"
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#main'")
    assert active_element(page)["id"] == "main", f"After the skip link, focus is on {active_element(page)}"
    # The next Tab continues inside the main content, not in the header.
    page.keyboard.press("Tab")
    inside_main = page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert inside_main, f"After the skip link, Tab went to {active_element(page)}"


def test_language_switch_by_keyboard(new_page):
    page = new_page(COORDINATOR)
    page.goto(page_path("catalogue:home"))
    assert page.locator("html").get_attribute("lang") == "nl"
    tab_to(page, lambda e: e["id"] == "language-select", "The language selector")
    page.keyboard.press("ArrowDown")  # Nederlands -> English, without opening the list
    assert page.locator("#language-select").input_value() == "en"
    tab_to(page, lambda e: e["tag"] == "button" and e["type"] == "submit", "The language button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"
