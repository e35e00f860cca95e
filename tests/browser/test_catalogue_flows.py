# SPDX-License-Identifier: EUPL-1.2
"""A result agreement through its pages, as programme staff would: create it with the form, then
edit and delete it, with an accessibility check on each page. The demo data has no result
agreements, so these pages are only reached here. The flow deletes what it creates, leaving the
shared test site as it found it."""

import re

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import STAFF, nup

pytestmark = pytest.mark.browser

AGREEMENTS = nup("result-agreement-list")
NUMBER = 97


def _submit(page, name: str) -> None:
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name=name).first.click()


def test_staff_create_edit_and_delete_a_result_agreement(new_page):
    page = new_page(STAFF)
    page.goto(nup("result-agreement-create"))
    assert_page_ok(page, language="nl")
    page.locator("#id_number").fill(str(NUMBER))
    page.locator("#id_title").fill("Browsertest: aansluiten op DigiD")
    page.locator("#id_text").fill("Alle gemeenten zijn aangesloten op DigiD.")
    page.locator("#id_deadline").fill("2014-12-31")
    page.locator("#id_required_level").select_option(index=1)
    page.get_by_role("checkbox", name=re.compile(r"\(DIGID\)")).check()
    _submit(page, "Opslaan")
    assert page.url.endswith(AGREEMENTS), page.url + "\n" + page.locator("main").inner_text()
    assert "Browsertest: aansluiten op DigiD" in page.locator("main").inner_text()

    page.goto(nup("result-agreement-edit", NUMBER))
    assert_page_ok(page, language="nl")
    page.locator("#id_title").fill("Browsertest: DigiD in gebruik")
    _submit(page, "Opslaan")
    assert "Browsertest: DigiD in gebruik" in page.locator("main").inner_text()

    page.goto(nup("result-agreement-delete", NUMBER))
    assert_page_ok(page, language="nl")
    _submit(page, "Resultaatafspraak verwijderen")
    assert page.url.endswith(AGREEMENTS), page.url
    assert "Browsertest" not in page.locator("main").inner_text()
