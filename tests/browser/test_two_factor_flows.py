# SPDX-License-Identifier: EUPL-1.2
"""Two-factor sign-in in the browser: set up an app, the recovery codes, the code after the password.

A demo member that no other browser test signs in as turns it on and, at the end, off again; each
page on the way is checked for structure and accessibility (axe-core).
"""

import base64

import pytest
from django_otp.oath import totp

from tests.browser.checks import assert_page_ok
from tests.browser.pages import DEMO_PASSWORD, LOGIN_PATH, LOGOUT_BUTTON, page_path

pytestmark = pytest.mark.browser

MEMBER = "lid.utrecht@bouwplaats.example"


def log_in(page) -> None:
    page.goto(LOGIN_PATH)
    form = page.locator("main form").filter(has=page.locator("input[type=password]")).first
    form.locator("input[name=username]").fill(MEMBER)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()


def code_of(manual_key: str) -> str:
    text = manual_key.replace(" ", "")
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    return f"{totp(key):06d}"


def test_a_member_turns_on_two_factor_sign_in_and_signs_in_with_a_recovery_code(new_page):
    page = new_page()
    log_in(page)
    page.goto(page_path("accounts:two-factor-setup"))
    assert_page_ok(page, language="nl")
    assert page.locator("main img[src$='qr-code/']").evaluate("img => img.naturalWidth") > 0

    manual_key = page.locator("main ol code").inner_text()
    page.get_by_label("Code uit uw app").fill(code_of(manual_key))
    with page.expect_navigation():
        page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    assert page.url.split("?")[0].endswith(page_path("accounts:two-factor-recovery-codes"))
    assert_page_ok(page, language="nl")
    codes = page.locator("main .recovery-codes code").all_inner_texts()
    assert len(codes) == 10

    with page.expect_navigation():
        page.locator(LOGOUT_BUTTON).click()
    log_in(page)
    assert page.url.split("?")[0].endswith(page_path("accounts:two-factor-verify"))
    assert_page_ok(page, language="nl")
    page.locator("main input[name=code]").fill("000000")
    with page.expect_navigation():
        page.get_by_role("button", name="Doorgaan").click()
    assert_page_ok(page, language="nl")  # the error summary too
    page.wait_for_timeout(1500)  # after a wrong code, django-otp makes the next try wait a second
    page.locator("main input[name=code]").fill(codes[0])
    with page.expect_navigation():
        page.get_by_role("button", name="Doorgaan").click()

    page.goto(page_path("accounts:account"))
    assert page.url.endswith(page_path("accounts:account")), page.locator("main").inner_text()
    assert_page_ok(page, language="nl")
    with page.expect_navigation():
        page.get_by_role("button", name="Tweestapsverificatie uitzetten").click()
    assert page.get_by_role("link", name="Tweestapsverificatie instellen").count() == 1
