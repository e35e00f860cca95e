# SPDX-License-Identifier: EUPL-1.2
"""End-to-end flows of co-creation, done as a user would (plain forms, no script), with an
accessibility check on each page: a coordinator proposes and supports an idea that programme
staff answer, and casts the municipality's ballot in the open demo consultation; staff plan a
consultation and change it before it opens.

Form fields are found by name, so the flows do not depend on the translations.
"""

import re

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import COORDINATOR, STAFF, page_path, resolved

pytestmark = pytest.mark.browser


def _submit(page, form_selector: str = "main form.form") -> None:
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").first.click()


def test_a_coordinator_proposes_and_supports_an_idea_that_staff_answer(new_page):
    page = new_page(COORDINATOR)
    page.goto(page_path("cocreation:idea-create"))
    page.locator("select[name=building_block]").select_option(label="DigiD")
    page.locator("input[name=theme]").fill("Inloggen")
    page.locator("input[name=title]").fill("Idee uit de browsertest")
    page.locator("textarea[name=description]").fill("Een beschrijving.")
    page.locator("textarea[name=added_value]").fill("Een meerwaarde.")
    _submit(page)
    assert resolved(page.url).view_name == "cocreation:idea-detail", page.url
    idea_url = page.url
    idea = resolved(idea_url).kwargs["pk"]
    assert_page_ok(page, language="nl")
    _submit(page, f"main form[action$='{page_path('cocreation:idea-vote', idea)}']")
    assert re.search(r"\b1 (vote|stem)\b", page.locator("main dl").inner_text())
    assert_page_ok(page, language="nl")

    staff = new_page(STAFF)
    staff.goto(page_path("cocreation:idea-answer", idea))
    staff.locator("select[name=status]").select_option("planned")
    staff.locator("textarea[name=answer]").fill("We nemen dit **mee** in de volgende release.")
    _submit(staff)
    assert staff.url == idea_url
    assert "volgende release" in staff.locator("main").inner_text()
    assert_page_ok(staff, language="nl")


def test_a_coordinator_casts_and_changes_the_ballot(new_page):
    page = new_page(COORDINATOR)
    page.goto(page_path("cocreation:consultation-ballot", 2))
    assert_page_ok(page, language="nl")
    page.locator("input[name=option]").first.check()
    _submit(page)
    assert page.url.endswith(page_path("cocreation:consultation-detail", 2)), page.url
    first_choice = page.locator("#cocr-own + ul").inner_text()
    page.goto(page_path("cocreation:consultation-ballot", 2))
    page.locator("input[name=option]").nth(1).check()
    _submit(page)
    assert page.locator("#cocr-own + ul").inner_text() != first_choice
    assert_page_ok(page, language="nl")


def test_staff_plan_a_consultation_and_change_it_before_it_opens(new_page):
    page = new_page(STAFF)
    page.goto(page_path("cocreation:consultation-create"))
    page.locator("input[name=title]").fill("Raadpleging uit de browsertest")
    page.locator("input[name=question]").fill("Welke koppeling eerst?")
    page.locator("textarea[name=options]").fill("Eerst BRP\nEerst DigiD")
    page.locator("input[name=opens_at]").fill("2099-03-01T09:00")
    page.locator("input[name=closes_at]").fill("2099-03-31T17:00")
    page.locator("input[name=weighting]").first.check()
    _submit(page)
    assert resolved(page.url).view_name == "cocreation:consultation-detail", page.url
    consultation_url = page.url

    page.goto(page_path("cocreation:consultation-edit", resolved(consultation_url).kwargs["pk"]))
    assert_page_ok(page, language="nl")  # the edit page, until the consultation opens
    page.locator("input[name=title]").fill("Raadpleging uit de browsertest, gewijzigd")
    _submit(page)
    assert page.url == consultation_url
    assert "Raadpleging uit de browsertest, gewijzigd" in page.locator("main h1").inner_text()


def test_closing_a_consultation_early_asks_for_a_reason(new_page):
    """Staff reach the confirmation from the consultation's page; without a reason nothing closes.
    (Only the refusal is tried: the open demo consultation stays open for the other tests.)"""
    page = new_page(STAFF)
    page.goto(page_path("cocreation:consultation-detail", 2))
    with page.expect_navigation():
        page.locator(f"main a[href$='{page_path('cocreation:consultation-close', 2)}']").click()
    assert_page_ok(page, language="nl")
    page.locator("textarea[name=reason]").fill("   ")
    _submit(page)
    assert page.url.endswith(page_path("cocreation:consultation-close", 2))
    assert page.locator(".error-summary a[href='#id_reason']").is_visible()
    assert_page_ok(page, language="nl")
    page.goto(page_path("cocreation:consultation-detail", 2))
    close = page_path("cocreation:consultation-close", 2)
    assert page.locator(f"main a[href$='{close}']").count() == 1  # still open, so it can still be closed
