"""End-to-end flows of the monitor, done as a user would, with an accessibility check on each page.

Run in this order on the shared test site: a coordinator updates the own status, programme staff
open a survey round that the coordinator answers, and staff import a small file of statuses.
"""

import re

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import COORDINATOR, STAFF

pytestmark = pytest.mark.browser


def _submit(page, name: str) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=name).first.click()


def test_coordinator_updates_the_own_status(new_page):
    page = new_page(COORDINATOR)
    page.goto("/voortgang/gemeenten/GM0363/bijwerken/")
    assert_page_ok(page, language="nl")
    fieldset = page.locator("fieldset").filter(has=page.locator("legend", has_text=re.compile(r"^\s*Stelselcatalogus")))
    fieldset.locator("select").first.select_option(label="oriëntatie")
    fieldset.locator("textarea[name$='-note']").fill("Teruggezet na een herbeoordeling.")
    _submit(page, "Opslaan")
    assert page.url.endswith("/voortgang/gemeenten/GM0363/"), page.url
    row = page.locator("main table").first.locator("tr").filter(has_text="Stelselcatalogus")
    assert "oriëntatie" in row.inner_text()
    page.goto("/voortgang/gemeenten/GM0363/STELSELCATALOGUS/")
    assert "Teruggezet na een herbeoordeling." in page.locator("main").inner_text()
    assert_page_ok(page, language="nl")


def test_staff_open_a_survey_round_that_a_coordinator_answers(new_page):
    staff = new_page(STAFF)
    staff.goto("/voortgang/uitvragen/nieuw/")
    staff.get_by_label("Naam").fill("Uitvraag browsertest")
    staff.get_by_label("DigiD", exact=True).check()
    staff.get_by_label("eHerkenning", exact=True).check()
    staff.get_by_label("Opent op").fill("2014-01-01")
    staff.get_by_label("Sluit op").fill("2099-12-31")
    _submit(staff, "Uitvraag openen")
    assert re.search(r"/voortgang/uitvragen/\d+/$", staff.url), staff.url
    round_url = staff.url
    assert_page_ok(staff, language="nl")
    staff.goto(round_url + "bewerken/")
    assert_page_ok(staff, language="nl")

    coordinator = new_page(COORDINATOR)
    coordinator.goto("/voortgang/uitvragen/mijn/")
    assert "Uitvraag browsertest" in coordinator.locator("main").inner_text()
    coordinator.goto(round_url + "gemeenten/GM0363/")
    assert_page_ok(coordinator, language="nl")
    for checkbox in coordinator.locator("main input[type=checkbox][name$='-confirm']").all():
        checkbox.check()
    _submit(coordinator, "Antwoord versturen")
    coordinator.goto("/voortgang/uitvragen/mijn/")
    assert "beantwoord" in coordinator.locator("main").inner_text().lower()

    staff.goto(round_url)
    assert_page_ok(staff, language="nl")


def test_staff_import_a_file_with_a_dry_run_first(new_page, tmp_path):
    csv_file = tmp_path / "aansluitregister.csv"
    csv_file.write_text(
        "gemeente;bouwsteen;niveau\nGM0344;DIGIKOPPELING;in gebruik\nGM0395;STELSELCATALOGUS;aangesloten\n"
    )
    page = new_page(STAFF)
    page.goto("/voortgang/imports/nieuw/")
    page.locator("input[type=file]").set_input_files(str(csv_file))
    page.locator("input[type=date]").first.fill("2014-12-31")
    with page.expect_navigation():
        page.locator("main form[enctype='multipart/form-data'] [type=submit]").first.click()
    assert re.search(r"/voortgang/imports/\d+/$", page.url), page.url + "\n" + page.locator("main").inner_text()
    assert_page_ok(page, language="nl")
    report = page.locator("main").inner_text()
    assert "GM0395" in report and "Schagen" in report, report  # Harenkarspel merged into Schagen in 2013
    with page.expect_navigation():
        page.locator("main form[action$='/verwerken/'] [type=submit]").click()
    assert "verwerkt" in page.locator("main").inner_text().lower()


def test_staff_find_survey_rounds_imports_and_mergers_in_the_management_menu(new_page):
    page = new_page(STAFF)
    page.goto("/account/beheer/lidmaatschappen/")
    menu = page.locator("nav.subnav")
    for name, path in (
        ("^Uitvragen$", "/voortgang/uitvragen/"),
        ("^Imports$", "/voortgang/imports/"),
        ("Mergers|Herindelingen", "/voortgang/imports/herindelingen/"),
    ):
        assert menu.get_by_role("link", name=re.compile(name, re.IGNORECASE)).first.get_attribute("href") == path

    # The demo data holds a closed survey round (answered) and an open one, both labelled.
    page.goto("/voortgang/uitvragen/")
    page.locator("main").get_by_role("link", name=re.compile(r"najaar 2014 \(demo\)")).click()
    page.wait_for_load_state()
    assert re.search(r"/voortgang/uitvragen/\d+/$", page.url), page.url
    assert "Demo" in page.locator("main .monitor-demo-notice").inner_text()
    assert_page_ok(page, language="nl")

    page.goto("/voortgang/imports/herindelingen/")
    assert_page_ok(page, language="nl")
    with page.expect_navigation():
        page.locator("main form[method=post]").first.locator("button[type=submit]").click()
    assert page.url.endswith("/voortgang/imports/herindelingen/"), page.url
    assert_page_ok(page, language="nl")
