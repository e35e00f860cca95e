# SPDX-License-Identifier: EUPL-1.2
"""Background jobs as a reader meets them: a report's PDF asked for, its progress page (structure and
axe-core), the file downloaded from it; the progress page without JavaScript; a visitor's shared PDF."""

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import STAFF, page_path, resolved

pytestmark = pytest.mark.browser


def make_report_pdf(page, date: str) -> str:
    """From the board report of ``date``, ask for its PDF and download it from the job's page (both pages
    checked with axe); the name of the download link."""
    page.goto(page_path("reports:report-page", "operatie-nup", "bestuur", query=f"peildatum={date}"))
    with page.expect_navigation():
        page.get_by_role("link", name="Downloaden als pdf").click()
    assert resolved(page.url).view_name == "reports:report-pdf-job", page.url
    assert_page_ok(page, language="nl")
    with page.expect_navigation():
        page.get_by_role("button", name="De pdf maken").click()
    assert resolved(page.url).view_name == "core:job-detail", page.url
    assert "Klaar." in page.locator("main [role=status]").inner_text()
    assert_page_ok(page, language="nl")
    link = f"rapportage-operatie-nup-bestuur-{date}.pdf downloaden"
    pdf = page.request.get(page.get_by_role("link", name=link).get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    return link


def test_make_a_report_pdf_and_download_it_from_the_progress_page(new_page):
    page = new_page(STAFF)
    link = make_report_pdf(page, "2014-06-30")
    # Without JavaScript the page is the same: a plain link to the file, no script needed.
    plain = new_page(STAFF, javascript=False)
    plain.goto(page.url)
    assert plain.get_by_role("link", name=link).count() == 1


def test_a_visitor_makes_the_public_pdf_without_logging_in(new_page):
    page = new_page()
    make_report_pdf(page, "2014-05-31")
    # Another visitor asking for the same report gets the same job.
    other = new_page()
    other.goto(page_path("reports:report-pdf-job", "operatie-nup", "bestuur", query="peildatum=2014-05-31"))
    with other.expect_navigation():
        other.get_by_role("button", name="De pdf maken").click()
    assert other.url == page.url
