# SPDX-License-Identifier: EUPL-1.2
"""No dead ends for the public: an anonymous crawl of the demo site meets no 403 and no server error.

The crawl (``crawl.py``) follows every same-site ``<a href>`` from ``/`` with plain HTTP requests,
bounded in pages and per shape of address. It runs once for the demo as loaded (Operatie NUP,
"public after the programme has ended", ended on 1 January 2015), and once for each other setting
of the programme's per-municipality visibility, set through the catalogue service like programme
staff would and restored afterwards.
"""

from __future__ import annotations

import pytest
from django.urls import Resolver404

from tests.browser.crawl import MAX_PAGES, CrawlResult, crawl
from tests.browser.pages import page_path, resolved
from tests.browser.server import manage, site_environment

SET_VISIBILITY = """
from bouwplaats.accounts.models import User
from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.services import programme_update

programme_update(
    actor=User.objects.get(email="admin@bouwplaats.example"),
    programme=Programme.objects.get(slug="operatie-nup"),
    municipality_status_visibility={value!r},
)
print(Programme.objects.get(slug="operatie-nup").municipality_status_is_public())
"""

NEW_SESSION = """
import importlib

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from bouwplaats.accounts.models import User

user = User.objects.get(email={email!r})
session = importlib.import_module(settings.SESSION_ENGINE).SessionStore()
session.update({{SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
                HASH_SESSION_KEY: user.get_session_auth_hash()}})
session.save()
print(settings.SESSION_COOKIE_NAME, session.session_key)
"""


def run_on_site(site, code: str) -> str:
    result = manage("shell", "--no-imports", "-c", code, env=site_environment(site.workdir))
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def session_cookie(site, email: str) -> str:
    """A signed-in session of a demo account, as a Cookie header (made directly: a crawl posts no forms)."""
    name, key = run_on_site(site, NEW_SESSION.format(email=email)).split()
    return f"{name}={key}"


def set_visibility(site, value: str) -> bool:
    """Set Operatie NUP's setting on the running site's database; whether its details are public now."""
    result = manage(
        "shell", "--no-imports", "-c", SET_VISIBILITY.format(value=value), env=site_environment(site.workdir)
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1] == "True"


@pytest.fixture
def visibility(site):
    yield lambda value: set_visibility(site, value)
    set_visibility(site, "after_end")  # as the demo is loaded


def dead_ends(result: CrawlResult) -> str:
    """403s, 404s (a link to a page that does not exist) and server errors, with the linking page."""
    return result.describe(result.with_status(lambda status: status in (403, 404) or status >= 500))


# The pages of one municipality's progress: its table, the history of a block, the forms.
PROGRESS_PAGES = {
    "monitor:municipality-progress",
    "monitor:block-history",
    "monitor:municipality-update",
    "monitor:block-update",
}


def page_name(url: str) -> str | None:
    """The URL name of a crawled address, or None for one that names no page (static files, a 404)."""
    try:
        return resolved(url).view_name
    except Resolver404:
        return None


def progress_pages(result: CrawlResult) -> list[str]:
    return [visit.url for visit in result.visits if page_name(visit.url) in PROGRESS_PAGES]


def check(result: CrawlResult) -> None:
    assert result.visits and result.visits[0].status == 200, "the home page did not open"
    assert len(result.visits) < MAX_PAGES, "the bound was reached: raise MAX_PAGES or group more addresses"
    assert not dead_ends(result), "Links that lead an anonymous visitor nowhere:\n" + dead_ends(result)


def test_the_demo_site_has_no_dead_ends_for_an_anonymous_visitor(site):
    result = crawl(site.url)
    check(result)
    # Operatie NUP has ended, so its progress per municipality is public and linked from the municipalities.
    assert any(visit.status == 200 for visit in result.visits if visit.url in progress_pages(result))
    # The open-data page is reached; its downloads are left out of the crawl (crawl.SKIPPED_PREFIXES).
    assert any(visit.status == 200 for visit in result.visits if page_name(visit.url) == "open_data:index")


@pytest.mark.parametrize(("setting", "public"), [("public", True), ("aggregated", False)])
def test_no_dead_ends_under_each_visibility_setting(site, visibility, setting, public):
    assert visibility(setting) is public
    result = crawl(site.url)
    check(result)
    if public:
        assert progress_pages(result)
    else:  # the municipality pages offer their province's figures instead of a link to a 403
        assert not progress_pages(result)
        province_figures = page_path("monitor:dashboard-overview") + "?provincie="
        assert any(visit.url.startswith(province_figures) for visit in result.visits)


# A member without a municipality yet, and the coordinator of Amsterdam (demo accounts of load_demo_data).
SIGNED_IN = ["lid.utrecht@bouwplaats.example", "coordinator.amsterdam@bouwplaats.example"]


@pytest.mark.parametrize("setting", ["after_end", "aggregated"])
@pytest.mark.parametrize("email", SIGNED_IN)
def test_no_dead_ends_for_signed_in_visitors_either(site, visibility, setting, email):
    visibility(setting)
    result = crawl(site.url, headers={"Cookie": session_cookie(site, email)})
    check(result)
    account = page_path("accounts:account")
    assert any(visit.url == account and visit.status == 200 for visit in result.visits), "not signed in"
