# SPDX-License-Identifier: EUPL-1.2
"""Every page, as each role that uses it: it answers, has one h1, a title, and no serious axe violations."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.checks import assert_page_ok
from tests.browser.pages import LOGOUT_BUTTON, visit_id, visits

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("visit", visits(), ids=visit_id)
def test_page(new_page, visit):
    spec, role = visit
    page = new_page(role)
    response = page.goto(spec.path)
    assert response is not None, f"No response for {spec.path}"
    assert response.status == spec.status, f"{spec.path} as {role or 'anonymous'} answered HTTP {response.status}"
    if spec.ready and not _appears(page, spec.ready):
        pytest.fail(
            f"{spec.path}: {spec.ready!r} did not appear; console errors:\n" + "\n".join(page.console_errors),
            pytrace=False,
        )
    if role is not None:
        assert page.locator(LOGOUT_BUTTON).count() == 1, f"{spec.path}: not logged in as {role}"
    assert_page_ok(page, language=spec.language, known_issues=spec.known_issues)
    # The browser logs an expected error status of the page itself as a failed load.
    errors = [e for e in page.console_errors if f"status of {spec.status} " not in e or spec.status == 200]
    assert not errors, f"{spec.path} reported errors in the console:\n" + "\n".join(errors)


def _appears(page, selector: str) -> bool:
    try:
        page.wait_for_selector(selector)
    except PlaywrightTimeoutError:
        return False
    return True
