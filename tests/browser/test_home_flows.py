# SPDX-License-Identifier: EUPL-1.2
"""Logging in lands each user on their own start page: the demo coordinator on "Mijn gemeente" of
Amsterdam with its deadline risk and the reasons, programme staff on the progress overview."""

import re

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import COORDINATOR, DEMO_PASSWORD, ROLES, STAFF, login, page_path

pytestmark = pytest.mark.browser

# The reasons of a risk, in Dutch (monitor/insights/forecast.py).
REASON = re.compile(r"verstreken|stilstand|geplande datum .* ligt na de deadline|belemmeringen:|niveau|leverancier .*")


def test_a_coordinator_logs_in_and_lands_on_mijn_gemeente_with_the_risk_reasons(new_page, site):
    page = new_page()
    login(page, site, COORDINATOR)
    assert page.url.endswith(page_path("home:municipality", "GM0363")), page.url
    assert page.locator("h1").inner_text().strip() == "Mijn gemeente: Amsterdam"
    header_link = page.locator("header").get_by_role("link", name="Mijn gemeente")
    assert header_link.get_attribute("aria-current") == "page"
    table = page.locator("main table").filter(has=page.locator("caption", has_text="Amsterdam"))
    risks = table.locator(".home-risk")
    assert risks.count() > 0, "Amsterdam's demo progress has blocks at risk"
    reasons = [text.strip() for text in risks.locator("li").all_inner_texts()]
    assert reasons and all(REASON.search(reason) for reason in reasons), reasons
    assert page.locator("main").get_by_role("link", name="Status bijwerken").count() == 1
    assert_page_ok(page, language="nl")
    # Another municipality's page is not Amsterdam's coordinator's.
    response = page.goto(page_path("home:municipality", "GM0344"))
    assert response is not None and response.status == 403


def test_a_staff_member_logs_in_and_lands_on_the_programme_overview(new_page, site):
    page = new_page()
    login(page, site, STAFF)
    assert page.url.endswith(page_path("monitor:dashboard-overview")), page.url
    assert page.locator("header").get_by_role("link", name="Mijn gemeente").count() == 0
    assert_page_ok(page, language="nl")


def test_the_login_link_of_a_page_brings_the_coordinator_back_to_it(new_page, site):
    page = new_page()
    page.goto(page_path("knowledge:home"))
    with page.expect_navigation():
        page.locator("header").get_by_role("link", name="Inloggen").click()
    form = page.locator("main form").filter(has=page.locator("input[type=password]")).first
    form.locator("input[name=username]").fill(ROLES[COORDINATOR])
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    assert page.url.endswith(page_path("knowledge:home")), page.url
