# SPDX-License-Identifier: EUPL-1.2
"""Gateway reviews done as programme staff would (plain forms, no script), with the structure and
accessibility checks on each page: a review entered, its statuses given (after a refusal that keeps
the input), a recommendation added and its follow-up recorded; everyone then reads what changed.

Form fields are found by name, so the flows do not depend on the translations.
"""

import re

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import STAFF

pytestmark = pytest.mark.browser

REVIEWS = "/rapportages/gateway-reviews/operatie-nup/"


def _submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").first.click()


def test_staff_enter_a_review_that_everyone_reads_with_what_changed(new_page):
    page = new_page(STAFF)
    page.goto(REVIEWS + "nieuw/")
    page.locator("input[name=title]").fill("Review uit de browsertest")
    page.locator("input[name=review_date]").fill("2014-12-01")
    page.locator("textarea[name=reviewers]").fill("Voorzitter\nLid")
    page.locator("input[name=overall_status][value=green]").check()
    page.locator("textarea[name=overall_reason]").fill("De machinerie is geborgd.")
    _submit(page)
    assert re.search(r"/operatie-nup/\d+/resultaatafspraken/$", page.url), page.url
    ratings_url = page.url
    review_url = ratings_url.removesuffix("resultaatafspraken/")
    assert_page_ok(page, language="nl")

    # A status without a reason is refused; the input stays and the summary links to the field.
    page.locator("input[name=agreement-1-status][value=green]").check()
    page.locator("input[name=agreement-2-status][value=amber]").check()
    page.locator("textarea[name=agreement-2-reason]").fill("Nog niet overal.")
    _submit(page)
    assert page.url == ratings_url
    assert page.locator(".error-summary a[href='#id_agreement-1-reason']").is_visible()
    assert page.locator("input[name=agreement-2-status][value=amber]").is_checked()
    assert_page_ok(page, language="nl")
    page.locator("textarea[name=agreement-1-reason]").fill("Volledig.")
    _submit(page)
    assert page.url.startswith(review_url), page.url

    page.goto(review_url + "aanbevelingen/nieuw/")
    page.locator("textarea[name=text]").fill("Houd de monitor in de lucht.")
    page.locator("input[name=owner]").fill("VNG")
    page.locator("input[name=due_date]").fill("2015-06-01")
    _submit(page)
    page.goto(review_url + "aanbevelingen/1/bewerken/")
    page.locator("input[name=follow_up][value=in_progress]").check()
    page.locator("textarea[name=follow_up_note]").fill("Besproken in het bestuur.")
    _submit(page)

    reader = new_page()
    reader.goto(review_url)
    assert_page_ok(reader, language="nl")
    main = reader.locator("main").inner_text()
    assert "Review uit de browsertest" in main
    assert "Sinds de vorige review" in main and "Gateway review eindfase" in main
    assert "Besproken in het bestuur." in main
    # Every status shows its name next to its colour and icon.
    for badge in reader.locator("main .rag").all():
        assert badge.inner_text().strip() in {"rood", "oranje", "groen", "niet beoordeeld"}
    # The review before it now points to this one.
    reader.goto(REVIEWS + "2/")
    assert "Review uit de browsertest" in reader.locator("main .notice").last.inner_text()
