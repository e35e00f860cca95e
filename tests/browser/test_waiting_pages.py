# SPDX-License-Identifier: EUPL-1.2
"""Who waits on whom: the staff's review of the landscapes' supplier texts and the block page's section of the
late suppliers, checked like every other page (one h1, a title, no serious axe violations); the demo leaves the
smaller applications' supplier texts unlinked for the review."""

from __future__ import annotations

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import ANONYMOUS, STAFF

pytestmark = pytest.mark.browser

REVIEW = "/impactanalyse/landschap/leveranciers-koppelen/"
BLOCK = "/programmas/operatie-nup/bouwstenen/DIGIKOPPELING/"


def test_the_review_page_proposes_a_supplier_per_text(new_page):
    page = new_page(STAFF)
    response = page.goto(REVIEW)
    assert response is not None and response.status == 200
    assert_page_ok(page, language="nl")
    # Each text has a labelled choice; an exact name is proposed, "Eigen beheer" is left to decide.
    row = page.locator("tr", has=page.locator("th", has_text="Centric"))
    assert row.locator("select option[selected]").inner_text() == "Centric"
    assert page.get_by_text("geen overeenkomst: beslis zelf").count() >= 1
    assert page.get_by_role("button", name="De gekozen leveranciers koppelen").is_visible()


@pytest.mark.parametrize("role", [ANONYMOUS, STAFF])
def test_the_block_page_shows_who_waits_on_which_supplier(new_page, role):
    page = new_page(role)
    response = page.goto(BLOCK)
    assert response is not None and response.status == 200
    assert_page_ok(page, language="nl")
    section = page.locator("section", has=page.locator("h2#wachten-op-leveranciers"))
    assert section.get_by_role("table").is_visible()
    assert section.get_by_text("Centric").count() >= 1
