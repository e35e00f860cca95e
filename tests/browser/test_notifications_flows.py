# SPDX-License-Identifier: EUPL-1.2
"""Notification flows without JavaScript: read notifications, change e-mail settings, unsubscribe
from a link in an e-mail. Notifications are created in the test site's database beforehand, as
the domain apps would when something happens. The axe checks need JavaScript, so each page is
checked in a second page with JavaScript on."""

import json

import pytest

from tests.browser.checks import assert_page_ok
from tests.browser.pages import ANONYMOUS, COORDINATOR, ROLES, page_path
from tests.browser.server import manage, site_environment

pytestmark = pytest.mark.browser

NOTIFY = """
import json
from bouwplaats.accounts.models import User
from bouwplaats.notifications import services
from bouwplaats.notifications.tokens import make_unsubscribe_token
user = User.objects.get(email={email!r})
for number in range(3):
    services.notification_send(recipients=[user], kind="answer", subject=f"Browsertest melding {{number}}",
                    body="Er is een antwoord op uw vraag.", url="/")
print(json.dumps({{"token": make_unsubscribe_token(user, "comment")}}))
"""

TOKENS = """
import json
from bouwplaats.accounts.models import User
from bouwplaats.notifications.tokens import ALL_KINDS, make_unsubscribe_token
user = User.objects.get(email={email!r})
tokens = {{"one_kind": make_unsubscribe_token(user, "comment"), "all_kinds": make_unsubscribe_token(user, ALL_KINDS)}}
print(json.dumps(tokens))
"""


@pytest.fixture(scope="module")
def unsubscribe_token(site) -> str:
    result = manage("shell", "-c", NOTIFY.format(email=ROLES[COORDINATOR]), env=site_environment(site.workdir))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])["token"]


def _submit(page, form_selector: str) -> None:
    with page.expect_navigation():
        page.locator(f"main {form_selector} button[type=submit]").first.click()


def _check(new_page, role, path: str) -> None:
    page = new_page(role)
    page.goto(path)
    assert_page_ok(page, language="nl")


def test_read_notifications_without_javascript(new_page, unsubscribe_token):
    _check(new_page, COORDINATOR, page_path("notifications:list"))  # with unread notifications on it
    page = new_page(COORDINATOR, javascript=False)
    page.goto(page_path("notifications:list"))
    assert "Browsertest melding 2" in page.locator("main").inner_text()
    unread_before = page.locator("main .notif-item--unread").count()
    assert unread_before >= 3

    with page.expect_navigation():
        page.locator("main .notif-item--unread button[name=notification]").first.click()
    assert page.locator("main .notif-item--unread").count() == unread_before - 1

    _submit(page, f".notif-actions form[action='{page_path('notifications:mark-read')}']")
    assert page.locator("main .notif-item--unread").count() == 0


def test_change_email_settings_without_javascript(new_page):
    page = new_page(COORDINATOR, javascript=False)
    page.goto(page_path("notifications:preferences"))
    page.locator("main input[name=frequency][value=daily]").check()
    page.locator("main input[name=muted_kinds][value=comment]").check()
    _submit(page, f"form[action='{page_path('notifications:preferences')}']")
    assert page.url.endswith(page_path("notifications:preferences"))
    assert page.locator("main input[name=frequency][value=daily]").is_checked()
    assert page.locator("main input[name=muted_kinds][value=comment]").is_checked()
    assert page.locator("main [role=status], .message--success").count() >= 1

    page.locator("main input[name=frequency][value=immediate]").check()
    page.locator("main input[name=muted_kinds][value=comment]").uncheck()
    _submit(page, f"form[action='{page_path('notifications:preferences')}']")
    assert page.locator("main input[name=frequency][value=immediate]").is_checked()


def test_unsubscribe_from_an_email_link_without_logging_in(new_page, unsubscribe_token):
    path = page_path("notifications:unsubscribe", unsubscribe_token)
    _check(new_page, ANONYMOUS, path)
    page = new_page(ANONYMOUS, javascript=False)
    page.goto(path)
    assert ROLES[COORDINATOR] in page.locator("main").inner_text()
    page.locator("main input[name=scope][value=kind]").check()
    _submit(page, "form")
    assert page.locator("main [role=status]").count() == 1
    done = new_page(ANONYMOUS)  # the confirmation page, checked with JavaScript on
    done.goto(path)
    with done.expect_navigation():
        done.locator("main form button[type=submit]").first.click()
    assert_page_ok(done, language="nl")


@pytest.fixture(scope="module")
def unsubscribe_tokens(site) -> dict:
    result = manage("shell", "-c", TOKENS.format(email=ROLES[COORDINATOR]), env=site_environment(site.workdir))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("role", [ANONYMOUS, COORDINATOR], ids=["anonymous", "coordinator"])
@pytest.mark.parametrize("kind", ["one_kind", "all_kinds"])
def test_the_unsubscribe_page_of_a_valid_link(new_page, unsubscribe_tokens, kind, role):
    """The page an e-mail links to, for one kind of e-mail (with a choice) and for the daily e-mail
    (all kinds), opened with or without being logged in. Only looked at: nothing is unsubscribed."""
    page = new_page(role)
    response = page.goto(page_path("notifications:unsubscribe", unsubscribe_tokens[kind]))
    assert response is not None and response.status == 200
    assert page.locator("main input[name=scope][type=radio]").count() == (2 if kind == "one_kind" else 0)
    assert_page_ok(page, language="nl")
