# SPDX-License-Identifier: EUPL-1.2
"""End-to-end flows of the monitor, done as a user would, with an accessibility check on each page.

Run in this order on the shared test site: a coordinator updates the own status, programme staff
open a survey round that the coordinator answers, and staff import a small file of statuses.
"""

import re
import sqlite3
from contextlib import closing

import pytest
from django.conf import settings

from tests.browser.checks import assert_page_ok
from tests.browser.pages import COORDINATOR, STAFF, page_path, resolved

pytestmark = pytest.mark.browser


def _submit(page, name: str) -> None:
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=name).first.click()


def test_coordinator_updates_the_own_status(new_page):
    page = new_page(COORDINATOR)
    page.goto(page_path("monitor:municipality-update", "GM0363"))
    assert_page_ok(page, language="nl")
    page.locator("#block-STELSELCATALOGUS > summary").click()  # the blocks start closed
    fieldset = page.locator("fieldset").filter(has=page.locator("legend", has_text=re.compile(r"^\s*Stelselcatalogus")))
    fieldset.locator("select").first.select_option(label="oriëntatie")
    fieldset.locator("textarea[name$='-note']").fill("Teruggezet na een herbeoordeling.")
    _submit(page, "Opslaan")
    assert page.url.endswith(page_path("monitor:municipality-progress", "GM0363")), page.url
    row = page.locator("main table").first.locator("tr").filter(has_text="Stelselcatalogus")
    assert "oriëntatie" in row.inner_text()
    page.goto(page_path("monitor:block-history", "GM0363", "STELSELCATALOGUS"))
    assert "Teruggezet na een herbeoordeling." in page.locator("main").inner_text()
    assert_page_ok(page, language="nl")


def _amsterdam(site) -> tuple[int, dict[str, tuple[str, str | None]]]:
    """From the site's database: Amsterdam's number of status events, and per block code its name and
    current planned date."""
    with closing(sqlite3.connect(site.workdir / "site.sqlite3")) as db:
        events = db.execute(
            "SELECT COUNT(*) FROM monitor_statusevent e JOIN organisations_municipality m ON m.id = e.municipality_id "
            "WHERE m.code = 'GM0363'"
        ).fetchone()[0]
        rows = db.execute(
            "SELECT b.code, b.name, c.planned_date FROM monitor_currentstatus c "
            "JOIN organisations_municipality m ON m.id = c.municipality_id "
            "JOIN catalogue_buildingblock b ON b.id = c.building_block_id WHERE m.code = 'GM0363'"
        ).fetchall()
    return events, {code: (name, planned) for code, name, planned in rows}


def _latest_amsterdam_event(site) -> tuple[str, str | None]:
    with closing(sqlite3.connect(site.workdir / "site.sqlite3")) as db:
        return db.execute(
            "SELECT b.code, e.planned_date FROM monitor_statusevent e "
            "JOIN organisations_municipality m ON m.id = e.municipality_id "
            "JOIN catalogue_buildingblock b ON b.id = e.building_block_id WHERE m.code = 'GM0363' "
            "ORDER BY e.id DESC LIMIT 1"
        ).fetchone()


@pytest.mark.parametrize(
    ("language", "save", "updated"), [("nl", "Opslaan", "{} bijgewerkt."), ("en", "Save", "{} updated.")]
)
def test_one_block_changed_on_the_big_form_writes_one_event_and_keeps_every_planned_date(
    new_page, site, language, save, updated
):
    before, blocks = _amsterdam(site)
    planned = {code: date for code, (_name, date) in blocks.items()}
    assert sum(date is not None for date in planned.values()) > 1, "the demo data should plan several blocks"
    code = sorted(code for code, date in planned.items() if date is not None)[0 if language == "nl" else -1]
    page = new_page(COORDINATOR)
    if language == "en":
        page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": site.url}])
    page.goto(page_path("monitor:municipality-update", "GM0363"))
    assert_page_ok(page, language=language)
    block = page.locator(f"#block-{code}")
    block.locator("summary").click()
    level = block.locator("select[name$='-level']")
    options = level.locator("option").all()
    current = level.input_value()
    level.select_option(
        next(option.get_attribute("value") for option in options if option.get_attribute("value") != current)
    )
    _submit(page, save)  # the button above the blocks
    assert page.url.endswith(page_path("monitor:municipality-progress", "GM0363")), page.url
    assert updated.format(blocks[code][0]) in page.locator("main").inner_text()

    after, blocks_after = _amsterdam(site)
    assert after == before + 1
    assert _latest_amsterdam_event(site) == (code, planned[code])
    assert {code: date for code, (_name, date) in blocks_after.items()} == planned


def test_the_block_page_submitted_unchanged_writes_nothing(new_page, site):
    page = new_page(COORDINATOR, javascript=False)  # plain links and forms
    page.goto(page_path("monitor:municipality-progress", "GM0363"))
    row = page.locator("main table").first.locator("tr").filter(has_text="DigiD Machtigen")
    with page.expect_navigation():
        row.get_by_role("link", name=re.compile("^Bijwerken")).click()
    assert page.url.endswith(page_path("monitor:block-update", "GM0363", "DIGID-MACHTIGEN")), page.url
    assert page.locator("main fieldset.monitor-block").count() == 1  # only this block (axe checks it in PAGES)
    before, planned = _amsterdam(site)
    _submit(page, "Opslaan")
    assert page.url.endswith(page_path("monitor:municipality-progress", "GM0363")), page.url
    assert "U heeft niets gewijzigd" in page.locator("main").inner_text()
    assert _amsterdam(site) == (before, planned)


def test_staff_open_a_survey_round_that_a_coordinator_answers(new_page):
    staff = new_page(STAFF)
    staff.goto(page_path("monitor:survey-create"))
    staff.get_by_label("Naam").fill("Uitvraag browsertest")
    staff.get_by_label("DigiD", exact=True).check()
    staff.get_by_label("eHerkenning", exact=True).check()
    staff.get_by_label("Opent op").fill("2014-01-01")
    staff.get_by_label("Sluit op").fill("2099-12-31")
    _submit(staff, "Uitvraag openen")
    assert resolved(staff.url).view_name == "monitor:survey-detail", staff.url
    round_url = staff.url
    survey_round = resolved(round_url).kwargs["pk"]
    assert_page_ok(staff, language="nl")
    staff.goto(page_path("monitor:survey-update", survey_round))
    assert_page_ok(staff, language="nl")

    coordinator = new_page(COORDINATOR)
    coordinator.goto(page_path("monitor:survey-todo"))
    assert "Uitvraag browsertest" in coordinator.locator("main").inner_text()
    coordinator.goto(page_path("monitor:survey-answer", survey_round, "GM0363"))
    assert_page_ok(coordinator, language="nl")
    for checkbox in coordinator.locator("main input[type=checkbox][name$='-confirm']").all():
        checkbox.check()
    _submit(coordinator, "Antwoord versturen")
    coordinator.goto(page_path("monitor:survey-todo"))
    assert "beantwoord" in coordinator.locator("main").inner_text().lower()

    staff.goto(round_url)
    assert_page_ok(staff, language="nl")


def test_staff_import_a_file_with_a_dry_run_first(new_page, tmp_path):
    csv_file = tmp_path / "aansluitregister.csv"
    csv_file.write_text(
        "gemeente;bouwsteen;niveau\nGM0344;DIGIKOPPELING;in gebruik\nGM0395;STELSELCATALOGUS;aangesloten\n"
    )
    page = new_page(STAFF)
    page.goto(page_path("monitor:import-new"))
    page.locator("input[type=file]").set_input_files(str(csv_file))
    page.locator("input[type=date]").first.fill("2014-12-31")
    with page.expect_navigation():
        page.locator("main form[enctype='multipart/form-data'] [type=submit]").first.click()
    assert resolved(page.url).view_name == "monitor:import-detail", page.url + "\n" + page.locator("main").inner_text()
    batch = resolved(page.url).kwargs["pk"]
    assert_page_ok(page, language="nl")
    report = page.locator("main").inner_text()
    assert "GM0395" in report and "Schagen" in report, report  # Harenkarspel merged into Schagen in 2013
    with page.expect_navigation():
        page.locator(f"main form[action$='{page_path('monitor:import-apply', batch)}'] [type=submit]").click()
    assert "verwerkt" in page.locator("main").inner_text().lower()


def test_staff_find_survey_rounds_imports_and_mergers_in_the_management_menu(new_page):
    page = new_page(STAFF)
    page.goto(page_path("accounts:membership-requests"))
    menu = page.locator("nav.subnav")
    for name, path in (
        ("^Uitvragen$", page_path("monitor:survey-list")),
        ("^Imports$", page_path("monitor:import-list")),
        ("Mergers|Herindelingen", page_path("monitor:import-mergers")),
    ):
        assert menu.get_by_role("link", name=re.compile(name, re.IGNORECASE)).first.get_attribute("href") == path

    # The demo data holds a closed survey round (answered) and an open one, both labelled.
    page.goto(page_path("monitor:survey-list"))
    page.locator("main").get_by_role("link", name=re.compile(r"najaar 2014 \(demo\)")).click()
    page.wait_for_load_state()
    assert resolved(page.url).view_name == "monitor:survey-detail", page.url
    assert "Demo" in page.locator("main .monitor-demo-notice").inner_text()
    assert_page_ok(page, language="nl")

    page.goto(page_path("monitor:import-mergers"))
    assert_page_ok(page, language="nl")
    with page.expect_navigation():
        page.locator("main form[method=post]").first.locator("button[type=submit]").click()
    assert page.url.endswith(page_path("monitor:import-mergers")), page.url
    assert_page_ok(page, language="nl")
