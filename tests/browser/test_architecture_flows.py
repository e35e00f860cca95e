# SPDX-License-Identifier: EUPL-1.2
"""Architecture flows: staff import a model (a refused file first), with an accessibility check on
each page, and link a GEMMA element to a building block with JavaScript switched off."""

import pytest

from bouwplaats.architecture.tests.modelfiles import SMALL_AMEFF
from tests.browser.checks import assert_page_ok
from tests.browser.pages import STAFF, nup, page_path, resolved

pytestmark = pytest.mark.browser

HOSTILE = """<?xml version="1.0"?>
<!DOCTYPE model [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>&secret;</name></model>
"""


def _submit(page, form) -> None:
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()


def test_staff_import_a_model_after_a_refused_file(new_page, tmp_path):
    page = new_page(STAFF)
    hostile = tmp_path / "hostile.xml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    page.goto(page_path("architecture:model-import"))
    form = page.locator("main form[enctype='multipart/form-data']")
    form.locator("input[name=file]").set_input_files(str(hostile))
    _submit(page, form)
    # The file is read by a background job: its progress page tells why it failed.
    assert resolved(page.url).view_name == "core:job-detail", page.url
    failure = page.locator("main .message--error")
    assert "DOCTYPE" in failure.inner_text() and "hostile.xml, line 3" in failure.inner_text()
    assert "root:" not in page.content()
    assert_page_ok(page, language="nl")

    page.goto(page_path("architecture:model-import"))
    model = tmp_path / "klein.xml"
    model.write_text(SMALL_AMEFF, encoding="utf-8")
    form = page.locator("main form[enctype='multipart/form-data']")
    form.locator("input[name=file]").set_input_files(str(model))
    form.locator("input[name=name]").fill("Browsertest")
    _submit(page, form)
    assert resolved(page.url).view_name == "core:job-detail", page.url
    assert_page_ok(page, language="nl")
    with page.expect_navigation():
        page.locator("main .actions a").filter(has_text="Toon het resultaat").click()
    assert page.url.endswith(page_path("architecture:model-detail", "Browsertest", "1.0")), page.url
    assert "Browsertest" in page.locator("main h1").inner_text()
    assert_page_ok(page, language="nl")
    page.goto(page_path("architecture:element-detail", "Browsertest", "1.0", "ac-1"))
    assert page.locator("main h1").inner_text() == "Zaaksysteem"
    assert_page_ok(page, language="nl")


def test_staff_link_a_gemma_element_to_a_building_block_without_javascript(new_page):
    """Plain forms: search (GET), link (POST and redirect), follow the link. The axe checks of these
    pages run in test_pages (arch-block-gemma, arch-element-digid); axe needs JavaScript."""
    page = new_page(STAFF, javascript=False)
    page.goto(nup("building-block-gemma", "DIGID", query="q=DigiD+SAML+koppelvlak+actueel"))
    row = page.locator("main table tbody tr").filter(has_text="DigiD SAML koppelvlak (actueel)")
    row.locator("input[name=note]").fill("standaardversie")
    _submit(page, row.locator("form"))
    assert page.url.endswith(nup("building-block-gemma", "DIGID")), page.url
    linked = page.locator("main table").first
    assert "DigiD SAML koppelvlak (actueel)" in linked.inner_text() and "standaardversie" in linked.inner_text()

    page.goto(nup("building-block-detail", "DIGID"))
    with page.expect_navigation():
        page.locator("main a", has_text="DigiD SAML koppelvlak (actueel)").first.click()
    assert page_path("architecture:element-list", "GEMMA", "2026-06-30") in page.url
    assert page.locator("main h1").inner_text() == "DigiD SAML koppelvlak (actueel)"
