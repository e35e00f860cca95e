# SPDX-License-Identifier: EUPL-1.2
"""StUF conformance flows: the demo coordinator of Amsterdam has a hostile file refused, checks a message
with a wrong element and reads the report (an accessibility check on each page), and checks a correct
message with JavaScript switched off."""

import pytest

from bouwplaats.suppliers.tests.conformance.conftest import (
    UPDATE_ZAAK,
    WRONG_ELEMENT_PATH,
    example,
    with_wrong_element,
)
from tests.browser.checks import assert_page_ok
from tests.browser.pages import COORDINATOR

pytestmark = pytest.mark.browser

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE zakLk01 [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>
<ZKN:zakLk01 xmlns:ZKN="http://www.egem.nl/StUF/sector/zkn/0310">&geheim;</ZKN:zakLk01>
"""
# The first check in the site's process parses the StUF-ZKN 3.10 schema (tens of seconds on a busy machine).
FIRST_CHECK_MS = 180_000


def _check(page, path, *, timeout: float | None = None) -> None:
    page.goto("/conformiteit/nieuw/?standaard=stuf-zkn-0310")
    form = page.locator("main form[enctype='multipart/form-data']")
    form.locator("input[name=file]").set_input_files(str(path))
    with page.expect_navigation(timeout=timeout):
        form.locator("button[type=submit]").click(timeout=timeout)


def test_a_coordinator_checks_a_message_and_reads_the_report(new_page, tmp_path):
    page = new_page(COORDINATOR)
    page.goto("/conformiteit/nieuw/")
    assert page.locator("main h1").inner_text() == "StUF-berichten toetsen"
    assert page.locator("select[name=owner] option:checked").inner_text() == "Amsterdam (GM0363)"

    hostile = tmp_path / "vijandig.xml"
    hostile.write_bytes(XXE)
    _check(page, hostile)
    summary = page.locator(".error-summary").inner_text()
    assert "vijandig.xml, regel 3: het bestand bevat een DTD of entiteiten; die zijn niet toegestaan." in summary
    assert "root:" not in page.content()
    assert_page_ok(page, language="nl")

    wrong = tmp_path / "fout.xml"
    wrong.write_bytes(with_wrong_element(example(UPDATE_ZAAK)))
    _check(page, wrong, timeout=FIRST_CHECK_MS)
    assert "/conformiteit/" in page.url and page.url.rstrip("/").split("/")[-1].isdigit(), page.url
    assert "Afgekeurd: de schema’s van StUF-ZKN 3.10 vinden één fout." in page.locator("main").inner_text()
    errors = page.locator("main section table")
    assert WRONG_ELEMENT_PATH in errors.inner_text() and "24" in errors.locator("tbody td").first.inner_text()
    assert_page_ok(page, language="nl")

    page.goto("/conformiteit/")
    assert "fout.xml" in page.locator("main table").inner_text()
    assert_page_ok(page, language="nl")


def test_a_coordinator_checks_a_message_without_javascript(new_page, tmp_path):
    page = new_page(COORDINATOR, javascript=False)
    good = tmp_path / UPDATE_ZAAK
    good.write_bytes(example(UPDATE_ZAAK))
    _check(page, good, timeout=FIRST_CHECK_MS)
    main = page.locator("main").inner_text()
    assert "Goedgekeurd: het bericht voldoet aan de schema’s van StUF-ZKN 3.10." in main
    assert "Getoetst: elk bericht voldoet aan de schema’s." in main
