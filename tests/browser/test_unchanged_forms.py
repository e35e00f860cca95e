# SPDX-License-Identifier: EUPL-1.2
"""Every edit form, opened and submitted unchanged in the browser, changes nothing — in Dutch and English.

A value that the browser cannot show (an ISO-only ``<input type="date">`` given ``01-09-2014``) comes
back empty and erases what was stored; only a real browser shows that. "Changes nothing" is read from
the audit log, which every write adds to, and from the form itself: opened again, it holds the same
values.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass

import pytest

from tests.browser.pages import COORDINATOR, STAFF, SUPPLIER, nup, page_path
from tests.browser.test_language import switch_language

pytestmark = pytest.mark.browser

Lookup = Callable[[sqlite3.Connection], str]


@dataclass(frozen=True)
class EditForm:
    name: str
    role: str
    path: str | Lookup  # a path, or a function of the site's database that finds one
    form: str = "main form[method=post]"  # the form to submit, when the page has more than one


def _one(name: str, sql: str) -> Lookup:
    """The page with URL name ``name`` of the first row in the site's database: ``sql`` selects its arguments."""

    def path_for(db: sqlite3.Connection) -> str:
        row = db.execute(sql).fetchone()
        assert row is not None, f"No demo data for: {sql}"
        return page_path(name, *row)

    return path_for


EDIT_FORMS = [
    # Catalogue (programme staff)
    EditForm("programme", STAFF, nup("programme-edit")),
    EditForm("status-level", STAFF, nup("status-level-edit", "implementatie")),
    EditForm("building-block", STAFF, nup("building-block-edit", "DIGID")),
    EditForm("building-block-dependencies", STAFF, nup("building-block-dependencies", "DIGID")),
    # Monitor
    EditForm("status-of-a-municipality", COORDINATOR, page_path("monitor:municipality-update", "GM0363")),
    EditForm("survey-round", STAFF, _one("monitor:survey-update", "SELECT id FROM monitor_surveyround ORDER BY id")),
    # Impact analysis
    EditForm(
        "impact-scenario",
        STAFF,
        _one("impact:scenario-edit", "SELECT id FROM impact_impactscenario ORDER BY id"),
    ),
    EditForm("impact-report", STAFF, _one("impact:report-edit", "SELECT id FROM impact_impactscenario ORDER BY id")),
    EditForm("cost-model", STAFF, page_path("impact:cost-model")),
    EditForm(
        "application",
        COORDINATOR,
        _one(
            "impact:application-edit",
            "SELECT m.code, a.id FROM impact_application a "
            "JOIN organisations_municipality m ON m.id = a.municipality_id WHERE m.code = 'GM0363' ORDER BY a.id",
        ),
    ),
    # Knowledge centre
    EditForm(
        "theme",
        STAFF,
        _one("knowledge:theme-edit", "SELECT id FROM knowledge_theme ORDER BY id"),
        form="main form[method=post]:has(input[name=name][value]:not([value='']))",
    ),
    EditForm("article", STAFF, _one("knowledge:article-edit", "SELECT slug FROM knowledge_article ORDER BY id")),
    EditForm(
        "guide-ticks",
        COORDINATOR,
        _one(
            "knowledge:guide-ticks",
            "SELECT b.code, 'GM0363' FROM knowledge_guide g "
            "JOIN catalogue_buildingblock b ON b.id = g.building_block_id ORDER BY g.id",
        ),
    ),
    # Co-creation
    EditForm("co-creation-settings", STAFF, page_path("cocreation:settings")),
    EditForm(
        "consultation",
        STAFF,
        _one(
            "cocreation:consultation-edit",
            "SELECT id FROM cocreation_consultation WHERE opens_at > datetime('now') ORDER BY id",
        ),
        form="main form[method=post]:has(input[name=title])",
    ),
    EditForm("idea-answer", STAFF, _one("cocreation:idea-answer", "SELECT id FROM cocreation_idea WHERE answer > ''")),
    # Gateway reviews (the demo's midterm review; recommendation 4 was dropped, with a note)
    EditForm("gateway-review", STAFF, page_path("reports:reviews:edit", "operatie-nup", 1)),
    EditForm("gateway-review-ratings", STAFF, page_path("reports:reviews:ratings", "operatie-nup", 1)),
    EditForm(
        "gateway-review-recommendation",
        STAFF,
        page_path("reports:reviews:recommendation-edit", "operatie-nup", 1, 4),
    ),
    # Suppliers: the demo representative keeps Centric's products (load_demo_suppliers)
    EditForm("supplier", STAFF, _one("suppliers:supplier-edit", "SELECT id FROM suppliers_supplier ORDER BY id")),
    EditForm(
        "product",
        SUPPLIER,
        _one(
            "suppliers:product-edit",
            "SELECT s.id, p.id FROM suppliers_product p JOIN suppliers_supplier s ON s.id = p.supplier_id "
            "WHERE s.name = 'Centric' ORDER BY p.id",
        ),
    ),
    EditForm(
        "product-version",
        SUPPLIER,
        _one(
            "suppliers:version-edit",
            "SELECT p.supplier_id, p.id, v.id FROM suppliers_productversion v "
            "JOIN suppliers_product p ON p.id = v.product_id JOIN suppliers_supplier s ON s.id = p.supplier_id "
            "WHERE s.name = 'Centric' ORDER BY v.id",
        ),
    ),
    EditForm(
        "readiness",
        SUPPLIER,
        _one(
            "suppliers:readiness-edit",
            "SELECT p.supplier_id, p.id, v.id, r.id FROM suppliers_readiness r "
            "JOIN suppliers_productversion v ON v.id = r.product_version_id "
            "JOIN suppliers_product p ON p.id = v.product_id JOIN suppliers_supplier s ON s.id = p.supplier_id "
            "WHERE s.name = 'Centric' AND r.date IS NOT NULL AND r.evidence > '' ORDER BY r.id",
        ),
    ),
    EditForm(
        "delivery-date",
        STAFF,
        _one(
            "suppliers:commitment-edit",
            "SELECT g.agreement_id, c.id FROM suppliers_deliverycommitment c "
            "JOIN suppliers_agreementsignature g ON g.id = c.signature_id ORDER BY c.id",
        ),
    ),
    # Notifications and accounts
    EditForm("notification-preferences", COORDINATOR, page_path("notifications:preferences")),
    EditForm(
        "user-role",
        STAFF,
        _one(
            "accounts:user-role",
            "SELECT id FROM accounts_user WHERE email = 'coordinator.amsterdam@bouwplaats.example'",
        ),
    ),
]


def _database(site) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{site.workdir / 'site.sqlite3'}?mode=ro", uri=True, timeout=10)


def _audit_entries(site) -> int:
    with closing(_database(site)) as db:
        return db.execute("SELECT COUNT(*) FROM audit_auditentry").fetchone()[0]


def _values(form) -> list[tuple[str, str]]:
    """What the form would send, as the browser holds it now (checked boxes and selected options only)."""
    return form.evaluate(
        """form => [...new FormData(form).entries()]
            .filter(([name, value]) => name !== 'csrfmiddlewaretoken' && typeof value === 'string')"""
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("edit", EDIT_FORMS, ids=lambda edit: edit.name)
def test_an_edit_form_submitted_unchanged_changes_nothing(new_page, site, edit, language):
    if callable(edit.path):
        with closing(_database(site)) as db:
            path = edit.path(db)
    else:
        path = edit.path
    page = new_page(edit.role)
    page.goto(path)
    if language != "nl":
        switch_language(page, language)
    assert page.locator("html").get_attribute("lang") == language
    form = page.locator(edit.form).first
    before = _values(form)
    audited = _audit_entries(site)

    with page.expect_navigation():
        form.locator("[type=submit]").last.click()

    main = page.locator("main")
    assert main.locator(".error-summary").count() == 0, f"{path}: refused unchanged:\n{main.inner_text()[:800]}"
    assert _audit_entries(site) == audited, f"{path}: an unchanged form wrote something"
    page.goto(path)
    assert _values(page.locator(edit.form).first) == before, f"{path}: the form holds other values afterwards"
