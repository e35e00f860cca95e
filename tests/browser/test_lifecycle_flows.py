# SPDX-License-Identifier: EUPL-1.2
"""A programme's lifecycle through its pages, as programme staff would: create a programme, submit its
edit form unchanged (nothing is written), close it, then start its successor; with an accessibility
check on each page. The flow works on programmes of its own, not on Operatie NUP, and removes them
afterwards, leaving the shared test site as it found it."""

import sqlite3
from contextlib import closing

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import STAFF
from tests.browser.server import manage, site_environment

pytestmark = pytest.mark.browser

SLUG = "browsertest-levenscyclus"
SUCCESSOR = "browsertest-opvolger"
REMOVE = """
from bouwplaats.catalogue.models import Programme
Programme.objects.filter(slug__in=[{slugs}]).order_by("-start_date").delete()
"""


def _audit_entries(site) -> int:
    with closing(sqlite3.connect(f"file:{site.workdir / 'site.sqlite3'}?mode=ro", uri=True, timeout=10)) as db:
        return db.execute("SELECT COUNT(*) FROM audit_auditentry").fetchone()[0]


def _submit(page, name: str) -> None:
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name=name).first.click()


def _main(page) -> str:
    return page.locator("main").inner_text()


@pytest.fixture
def own_programmes(site):
    yield
    slugs = ", ".join(repr(slug) for slug in (SUCCESSOR, SLUG))
    result = manage("shell", "--no-imports", "-c", REMOVE.format(slugs=slugs), env=site_environment(site.workdir))
    assert result.returncode == 0, result.stderr[-2000:]


def test_staff_create_close_and_succeed_a_programme(new_page, site, own_programmes):
    page = new_page(STAFF)
    page.goto("/programmas/")
    with page.expect_navigation():
        page.get_by_role("link", name="Programma aanmaken").click()
    assert_page_ok(page, language="nl")
    page.locator("#id_slug").fill(SLUG)
    page.locator("#id_name").fill("Browsertest levenscyclus")
    page.locator("#id_start_date").fill("2014-01-01")
    page.locator("#id_end_date").fill("2014-12-31")
    page.locator("#id_reference_date").fill("2014-01-01")
    _submit(page, "Programma aanmaken")
    assert page.url.endswith(f"/programmas/{SLUG}/"), page.url + "\n" + _main(page)
    assert "Het programma “Browsertest levenscyclus” is aangemaakt." in _main(page)

    # The edit form, submitted unchanged, writes nothing.
    page.goto(f"/programmas/{SLUG}/bewerken/")
    audited = _audit_entries(site)
    _submit(page, "Opslaan")
    assert page.locator("main .error-summary").count() == 0, _main(page)
    assert _audit_entries(site) == audited

    page.goto(f"/programmas/{SLUG}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Programma afsluiten").click()
    assert_page_ok(page, language="nl")
    assert page.locator("#id_closed_on").input_value() == "2014-12-31"
    _submit(page, "Browsertest levenscyclus afsluiten")
    assert page.url.endswith(f"/programmas/{SLUG}/"), page.url + "\n" + _main(page)
    assert "Browsertest levenscyclus is afgesloten op 31 december 2014: wijzigingen zijn niet meer mogelijk." in (
        _main(page)
    )
    assert page.get_by_role("link", name="Programma bewerken").count() == 0
    assert_page_ok(page, language="nl")

    with page.expect_navigation():
        page.get_by_role("link", name="Opvolger starten").click()
    assert_page_ok(page, language="nl")
    assert page.locator("#id_start_date").input_value() == "2014-12-31"
    assert page.get_by_role("checkbox", name="Statusladder", exact=False).first.is_checked()
    assert not page.get_by_role("checkbox", name="De opvolger het huidige programma maken").is_checked()
    page.locator("#id_slug").fill(SUCCESSOR)
    page.locator("#id_name").fill("Browsertest opvolger")
    page.locator("#id_start_date").fill("2015-01-01")
    _submit(page, "Opvolger starten")
    assert page.url.endswith(f"/programmas/{SUCCESSOR}/"), page.url + "\n" + _main(page)
    assert "Browsertest opvolger is gestart als opvolger van Browsertest levenscyclus." in _main(page)
    assert page.get_by_role("link", name="Browsertest levenscyclus").count() >= 1
    assert_page_ok(page, language="nl")


def test_a_successor_form_with_a_problem_keeps_the_input_and_says_what_is_wrong(new_page, site, own_programmes):
    page = new_page(STAFF)
    page.goto("/programmas/operatie-nup/opvolger/")
    audited = _audit_entries(site)
    page.locator("#id_slug").fill("operatie-nup")
    page.locator("#id_name").fill("Browsertest dubbel")
    page.locator("#id_start_date").fill("2014-06-01")
    _submit(page, "Opvolger starten")
    summary = page.locator("main .error-summary").inner_text()
    assert "Er is al een programma met de korte naam “operatie-nup”." in summary
    assert "Een opvolger begint als Operatie NUP eindigt (1 januari 2015) of later." in summary
    assert page.locator("#id_name").input_value() == "Browsertest dubbel"
    assert _audit_entries(site) == audited
    assert_page_ok(page, language="nl")
