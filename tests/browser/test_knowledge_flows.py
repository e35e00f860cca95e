# SPDX-License-Identifier: EUPL-1.2
"""Knowledge centre flows: similar questions while asking (with and without a round trip), and the
pages a member sees after a mistake (a question or a comment of only spaces), each with the axe
checks. Nothing is sent or posted, so the demo data the other tests read stays as it is."""

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import COORDINATOR, page_path

pytestmark = pytest.mark.browser

ARTICLE = page_path("knowledge:article-detail", "podium-van-loket-naar-digitaal")
DRAFT = "Hoe sluiten we aan op de BRP?"


def _click(page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_similar_questions_appear_while_typing(new_page):
    page = new_page(COORDINATOR)
    page.goto(page_path("knowledge:ask"))
    page.locator("#ask-form [name=title]").press_sequentially(DRAFT)
    page.locator("#similar-questions li a").first.wait_for()
    assert page.locator("#similar-questions h2").inner_text() == "Vergelijkbare vragen die eerder zijn beantwoord"
    assert_page_ok(page, language="nl")


def test_similar_questions_after_a_round_trip(new_page):
    page = new_page(COORDINATOR)
    page.goto(page_path("knowledge:ask"))
    page.locator("#ask-form [name=title]").fill(DRAFT)
    _click(page, "#ask-form button[name=check]")
    assert page.locator("#similar-questions li a").count() > 0
    assert page.locator("#ask-form [name=title]").input_value() == DRAFT  # the draft is kept
    assert_page_ok(page, language="nl")


def test_a_question_of_only_spaces_is_refused_with_a_clear_message(new_page):
    page = new_page(COORDINATOR)
    page.goto(page_path("knowledge:ask"))
    page.locator("#ask-form [name=title]").fill("   ")
    _click(page, "#ask-form button[name=send]")
    assert page.locator(".error-summary").is_visible()
    assert_page_ok(page, language="nl")


def test_a_comment_of_only_spaces_is_refused_with_a_clear_message(new_page):
    page = new_page(COORDINATOR)
    page.goto(ARTICLE)
    page.locator("form.comment-form textarea[name=body]").fill("   ")
    _click(page, "form.comment-form button[type=submit]")
    assert page.locator(".error-summary, .messages").first.is_visible()
    assert_page_ok(page, language="nl")


def test_guide_checkboxes_stand_beside_their_labels(new_page):
    page = new_page(COORDINATOR)
    page.goto(page_path("knowledge:guide-ticks", "BRP", "GM0363"))
    rows = page.locator("form .field--check")
    assert rows.count() > 1
    for index in range(rows.count()):
        box = rows.nth(index).locator("input[type=checkbox]").bounding_box()
        label = rows.nth(index).locator("label").bounding_box()
        assert box["x"] + box["width"] <= label["x"], "the label starts right of its checkbox"
        assert label["y"] <= box["y"] + box["height"] / 2 <= label["y"] + label["height"], "on the same line"
