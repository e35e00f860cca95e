# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the browser tests: the real site in a subprocess, and Debian's Chromium.

These tests never touch the test database: the site runs with its own SQLite file, prepared
with ``migrate``, ``load_reference_data`` and ``load_demo_data``. One server and one browser
serve the whole session; each test gets a fresh browser context. Logged-in sessions are made
once per role through the real login form and reused as Playwright storage state.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.chromium import LOCALE, MISSING_MESSAGE, VIEWPORT, chromium_missing, launch
from tests.browser.pages import ROLES, login
from tests.browser.server import SiteError, running_site

DEFAULT_TIMEOUT_MS = 15_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails, show the end of the server's log (tracebacks of 500 errors)."""
    report = yield
    site = getattr(item, "funcargs", {}).get("site") if report.failed else None
    if site is not None:
        report.sections.append(("site server log (last lines)", site.server_output(3000)))
    return report


@pytest.fixture(scope="session")
def site() -> Iterator:
    try:
        with running_site() as running:
            yield running
    except SiteError as exc:
        pytest.fail(f"The site could not be started for the browser tests:\n{exc}", pytrace=False)


@pytest.fixture(scope="session")
def site_url(site) -> str:
    return site.url


@pytest.fixture(scope="session")
def browser():
    if chromium_missing():
        pytest.fail(MISSING_MESSAGE, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


class ConsoleErrors(list):
    """Errors the page reported in its console (CSP violations, failed loads, script errors)."""

    def attach(self, page) -> None:
        page.on("console", lambda msg: self.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.append(f"page error: {exc}"))


@pytest.fixture(scope="session")
def storage_states(browser, site) -> dict:
    """Logged-in storage state per role, made on first use through the real login form."""
    return {}


@pytest.fixture
def new_page(browser, site, storage_states):
    """``new_page(role=None, javascript=True)`` opens a page in a fresh context; closed after the test."""
    contexts = []

    def open_page(role: str | None = None, javascript: bool = True):
        options = {"viewport": VIEWPORT, "locale": LOCALE, "java_script_enabled": javascript, "base_url": site.url}
        if role is not None:
            if role not in storage_states:
                storage_states[role] = _log_in_once(browser, site, role)
            options["storage_state"] = storage_states[role]
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = ConsoleErrors()
        page.console_errors.attach(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


def _log_in_once(browser, site, role: str) -> dict:
    if role not in ROLES:
        raise KeyError(f"Unknown role {role!r}; known roles: {sorted(ROLES)}")
    context = browser.new_context(viewport=VIEWPORT, locale=LOCALE, base_url=site.url)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        page = context.new_page()
        login(page, site, role)
        return context.storage_state()
    finally:
        context.close()
