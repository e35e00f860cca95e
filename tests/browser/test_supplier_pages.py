# SPDX-License-Identifier: EUPL-1.2
"""The supplier pages below a product, whose ids the demo data decides (versions, readiness, delivery dates),
looked up in the site's database and checked like every other page (one h1, a title, no serious axe
violations); and a representative recording, changing and deleting a readiness without JavaScript, leaving the
shared site as it found it."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import ANONYMOUS, STAFF, SUPPLIER

pytestmark = pytest.mark.browser

# Centric's Key2Zaken (demo), its newest version, and the readiness of that version for a building block.
VERSION = """
    SELECT s.id, p.id, v.id FROM suppliers_productversion v
    JOIN suppliers_product p ON p.id = v.product_id JOIN suppliers_supplier s ON s.id = p.supplier_id
    WHERE s.name = 'Centric' AND p.name = 'Key2Zaken' ORDER BY v.release_date DESC LIMIT 1
"""
READINESS = "SELECT id FROM suppliers_readiness WHERE product_version_id = ? AND building_block_id IS NOT NULL"
COMMITMENT = """
    SELECT g.agreement_id, g.id, c.id FROM suppliers_deliverycommitment c
    JOIN suppliers_agreementsignature g ON g.id = c.signature_id ORDER BY c.id LIMIT 1
"""


def _row(site, sql: str, *params) -> tuple:
    with closing(sqlite3.connect(f"file:{site.workdir / 'site.sqlite3'}?mode=ro", uri=True, timeout=10)) as db:
        row = db.execute(sql, params).fetchone()
    assert row is not None, f"No demo data for: {sql}"
    return row


def _paths(site) -> list[tuple[str, str, str]]:
    supplier, product, version = _row(site, VERSION)
    (readiness,) = _row(site, READINESS, version)
    agreement, signature, commitment = _row(site, COMMITMENT)
    base = f"/leveranciers/{supplier}/pakketten/{product}"
    return [
        ("product-edit", f"{base}/bewerken/", SUPPLIER),
        ("version-create", f"{base}/versies/nieuw/", SUPPLIER),
        ("version", f"{base}/versies/{version}/", ANONYMOUS),
        ("version-for-its-representative", f"{base}/versies/{version}/", SUPPLIER),
        ("version-edit", f"{base}/versies/{version}/bewerken/", SUPPLIER),
        ("readiness-create", f"{base}/versies/{version}/gereedheid/nieuw/", SUPPLIER),
        ("readiness-edit", f"{base}/versies/{version}/gereedheid/{readiness}/bewerken/", SUPPLIER),
        ("readiness-delete", f"{base}/versies/{version}/gereedheid/{readiness}/verwijderen/", STAFF),
        ("commitment-create", f"/leveranciers/afspraken/{agreement}/ondertekeningen/{signature}/leverdatum/", STAFF),
        ("commitment-edit", f"/leveranciers/afspraken/{agreement}/leverdata/{commitment}/bewerken/", STAFF),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "product-edit",
        "version-create",
        "version",
        "version-for-its-representative",
        "version-edit",
        "readiness-create",
        "readiness-edit",
        "readiness-delete",
        "commitment-create",
        "commitment-edit",
    ],
)
def test_the_pages_below_a_product(new_page, site, name):
    path, role = next((path, role) for key, path, role in _paths(site) if key == name)
    page = new_page(role)
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path} as {role}: {response and response.status}"
    assert_page_ok(page, language="nl")
    assert not page.console_errors, page.console_errors


def test_a_representative_records_changes_and_deletes_a_readiness_without_javascript(new_page, site):
    supplier, product, version = _row(site, VERSION)
    version_path = f"/leveranciers/{supplier}/pakketten/{product}/versies/{version}/"
    page = new_page(SUPPLIER, javascript=False)
    page.goto(version_path)
    with page.expect_navigation():
        page.get_by_role("link", name="Gereedheid vastleggen").click()
    page.locator("#id_standard").select_option(label="StUF-BG 2.04")
    page.get_by_role("radio", name="gepland voor").check()
    page.locator("#id_date").fill("2010-01-01")  # before the release: refused, with its reason
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Opslaan").click()
    summary = page.locator(".error-summary").inner_text()
    assert "De datum kan niet voor de release van versie" in summary, summary
    page.locator("#id_date").fill("2030-01-01")
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Opslaan").click()
    assert page.url.endswith(version_path), page.url
    row = page.get_by_role("row").filter(has_text="StUF-BG 2.04")
    assert "gepland" in row.inner_text() and "1 januari 2030" in row.inner_text()

    with page.expect_navigation():
        row.get_by_role("link", name="Wijzigen").click()
    page.get_by_role("radio", name="niet gepland").check()
    page.locator("#id_date").fill("")
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Opslaan").click()
    row = page.get_by_role("row").filter(has_text="StUF-BG 2.04")
    assert "niet gepland" in row.inner_text()

    with page.expect_navigation():
        row.get_by_role("link", name="Wijzigen").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Deze gereedheid verwijderen").click()
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Verwijderen").click()
    assert page.url.endswith(version_path)
    assert page.get_by_role("row").filter(has_text="StUF-BG 2.04").count() == 0
