# SPDX-License-Identifier: EUPL-1.2
"""The pages the browser tests visit, who visits them, and how each role logs in.

To check a new page, add a ``PageSpec`` to ``PAGES`` (or to the ``PAGES`` of a module in
``tests/browser/areas/``): the tests visit it as each of its roles
and run the structure and axe-core checks on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import resolve, reverse

from tests.browser.checks import KnownIssue

ANONYMOUS = None
STAFF = "staff"  # the demo administrator: sees every page, including the management pages
COORDINATOR = "coordinator"  # the demo coordinator of Amsterdam (GM0363)
SUPPLIER = "supplier"  # the demo representative of Centric (load_demo_suppliers)
# A member whose sign-in asks for a code from an app (seeding.py): signed in with the password, the
# session still owes the code, so every page sends it to the code page.
SECOND_FACTOR = "second_factor"
# The finished background job of the demo administrator that seeding.py makes.
SEEDED_JOB_ID = 1

# The demo accounts that `manage.py load_demo_data` creates (it prints the same password).
DEMO_PASSWORD = "bouwplaats-demo"
ROLES = {
    STAFF: "admin@bouwplaats.example",
    COORDINATOR: "coordinator.amsterdam@bouwplaats.example",
    SUPPLIER: "leverancier@bouwplaats.example",
    SECOND_FACTOR: "tweestaps@bouwplaats.example",
}

LOGIN_PATH = reverse("accounts:login")
LOGOUT_BUTTON = f"header form[action$='{reverse('accounts:logout')}'] button[type=submit]"


@dataclass(frozen=True)
class PageSpec:
    name: str  # used in test ids
    path: str
    roles: tuple = (ANONYMOUS,)
    ready: str | None = None  # a selector to wait for before checking (pages that render with JS)
    language: str = "nl"  # the expected <html lang> for a Dutch visitor
    known_issues: tuple[KnownIssue, ...] = ()
    status: int = 200  # the expected HTTP status (error pages must be accessible too)


EVERYONE = (ANONYMOUS, STAFF, COORDINATOR)
PUBLIC = (ANONYMOUS, STAFF)


def page_path(name: str, *args, query: str = "") -> str:
    """The path of the page with URL name ``name`` (``reverse``), and a query string if given.

    Playwright joins it with the test site's address: every browser context of ``new_page`` has the
    site's URL as its ``base_url``, so ``page.goto(page_path(...))`` opens the page on the live server.
    """
    path = reverse(name, args=args)
    return f"{path}?{query}" if query else path


def nup(name: str, *args, query: str = "") -> str:
    """A catalogue page of the demo programme, Operatie NUP, by its URL name in ``catalogue``."""
    return page_path(f"catalogue:{name}", "operatie-nup", *args, query=query)


def resolved(url: str):
    """Which page an address of the test site is (``resolve``): its ``view_name`` and ``kwargs``."""
    return resolve(urlsplit(url).path)


PAGES = [
    # Catalogue
    PageSpec("home", page_path("catalogue:home"), EVERYONE),
    PageSpec("programmes", page_path("catalogue:programme-list"), (ANONYMOUS,)),
    PageSpec("programme", nup("programme-detail"), PUBLIC),
    PageSpec("building-blocks", page_path("catalogue:building-block-list-current"), PUBLIC),
    PageSpec("programme-building-blocks", nup("building-block-list"), (ANONYMOUS,)),
    PageSpec("building-block-digid", nup("building-block-detail", "DIGID"), EVERYONE),
    PageSpec("result-agreements", nup("result-agreement-list"), PUBLIC),
    PageSpec("building-block-with-agreement", nup("building-block-detail", "WEBRICHTLIJNEN"), (ANONYMOUS,)),
    # Catalogue, programme staff
    PageSpec("programme-edit", nup("programme-edit"), (STAFF,)),
    PageSpec("status-ladder", nup("status-level-list"), (STAFF,)),
    PageSpec("status-level-edit", nup("status-level-edit", "implementatie"), (STAFF,)),
    PageSpec("building-block-create", nup("building-block-create"), (STAFF,)),
    PageSpec("building-block-edit", nup("building-block-edit", "DIGID"), (STAFF,)),
    PageSpec("building-block-dependencies", nup("building-block-dependencies", "DIGID"), (STAFF,)),
    PageSpec("building-block-delete", nup("building-block-delete", "DIGID"), (STAFF,)),
    PageSpec("result-agreement-create", nup("result-agreement-create"), (STAFF,)),
    PageSpec("result-agreement-edit", nup("result-agreement-edit", 1), (STAFF,)),
    # Organisations
    PageSpec("municipalities", page_path("organisations:municipality-list"), (ANONYMOUS,)),
    PageSpec("municipalities-search", page_path("organisations:municipality-list", query="q=amster"), (ANONYMOUS,)),
    PageSpec(
        "municipalities-filter",
        page_path("organisations:municipality-list", query="provincie=PV27&grootteklasse="),
        (ANONYMOUS,),
    ),
    PageSpec(
        "municipalities-2022", page_path("organisations:municipality-list", query="peildatum=2022-01-01"), (ANONYMOUS,)
    ),
    PageSpec("municipalities-page-2", page_path("organisations:municipality-list", query="page=2"), (ANONYMOUS,)),
    PageSpec("municipality-gm0363", page_path("organisations:municipality-detail", "GM0363"), EVERYONE),
    PageSpec("municipality-merged-gm0003", page_path("organisations:municipality-detail", "GM0003"), (ANONYMOUS,)),
    # Accounts
    PageSpec("login", LOGIN_PATH, (ANONYMOUS,)),
    PageSpec("register", page_path("accounts:register"), (ANONYMOUS,)),
    PageSpec("resend-activation", page_path("accounts:resend-activation"), (ANONYMOUS,)),
    PageSpec("password-reset", page_path("accounts:password-reset"), (ANONYMOUS,)),
    PageSpec("account", page_path("accounts:account"), (STAFF, COORDINATOR)),
    PageSpec("password-change", page_path("accounts:password-change"), (COORDINATOR,)),
    PageSpec("register-sent", page_path("accounts:register-done"), (ANONYMOUS,)),
    PageSpec(
        "activation-invalid-link", page_path("accounts:activate", "MQ", "ongeldig-token"), (ANONYMOUS,), status=400
    ),
    PageSpec("password-reset-sent", page_path("accounts:password-reset-done"), (ANONYMOUS,)),
    PageSpec(
        "password-reset-invalid-link",
        page_path("accounts:password-reset-confirm", "MQ", "ongeldig-token"),
        (ANONYMOUS,),
    ),
    PageSpec("password-reset-complete", page_path("accounts:password-reset-complete"), (ANONYMOUS,)),
    PageSpec("status-level-delete", nup("status-level-delete", "implementatie"), (STAFF,)),
    # Accounts, two-factor sign-in: setting up an app and the recovery codes, for anyone signed in; the
    # code page for a session that still owes a code.
    # (``ready``: the page itself, not the account page that either sends a session to when it has nothing to do.)
    PageSpec(
        "two-factor-setup",
        page_path("accounts:two-factor-setup"),
        (STAFF, COORDINATOR),
        ready=f"main form[action='{page_path('accounts:two-factor-setup')}']",
    ),
    PageSpec("two-factor-recovery-codes", page_path("accounts:two-factor-recovery-codes"), (STAFF, COORDINATOR)),
    PageSpec(
        "two-factor-verify",
        page_path("accounts:two-factor-verify"),
        (SECOND_FACTOR,),
        ready=f"main form[action='{page_path('accounts:two-factor-verify')}']",
    ),
    # Accounts, management
    PageSpec("memberships", page_path("accounts:membership-requests"), (STAFF,)),
    PageSpec("users", page_path("accounts:user-list"), (STAFF,)),
    PageSpec("audit", page_path("accounts:audit-log"), (STAFF,)),
    # Monitor: progress of a municipality (the demo coordinator's own, Amsterdam)
    PageSpec("progress-gm0363", page_path("monitor:municipality-progress", "GM0363"), (STAFF, COORDINATOR)),
    PageSpec(
        "progress-gm0363-as-of",
        page_path("monitor:municipality-progress", "GM0363", query="peildatum=2013-01-01"),
        (STAFF,),
    ),
    PageSpec("progress-update-gm0363", page_path("monitor:municipality-update", "GM0363"), (STAFF, COORDINATOR)),
    PageSpec("progress-history-gm0363-digid", page_path("monitor:block-history", "GM0363", "DIGID"), (COORDINATOR,)),
    PageSpec("progress-overview", page_path("monitor:dashboard-overview"), EVERYONE),
    PageSpec(
        "progress-overview-filtered",
        page_path("monitor:dashboard-overview", query="provincie=PV27&grootteklasse=8&bouwsteen=BRP"),
        (ANONYMOUS,),
    ),
    # Monitor: survey rounds and insights
    PageSpec("survey-list", page_path("monitor:survey-list"), (STAFF,)),
    PageSpec("survey-create", page_path("monitor:survey-create"), (STAFF,)),
    PageSpec("survey-todo", page_path("monitor:survey-todo"), (COORDINATOR,)),
    PageSpec("insight-block", page_path("monitor:insight-block", "DIGID"), EVERYONE),
    PageSpec(
        "insight-block-as-of",
        page_path("monitor:insight-block", "DIGID", query="peildatum=2014-01-01&provincie=PV27"),
        (STAFF,),
    ),
    PageSpec("insight-blockers", page_path("monitor:insight-blockers"), PUBLIC),
    PageSpec("insight-risk", page_path("monitor:insight-risk", query="peildatum=2014-01-01"), PUBLIC),
    PageSpec("insight-risk-list", page_path("monitor:insight-risk-list", query="peildatum=2014-01-01"), (STAFF,)),
    PageSpec("import-list", page_path("monitor:import-list"), (STAFF,)),
    PageSpec("import-new", page_path("monitor:import-new"), (STAFF,)),
    PageSpec("import-merger-history", page_path("monitor:import-merger-history", "GM0005", "DIGID"), (STAFF,)),
    # Open data: the downloads and the catalogue of data sets.
    PageSpec("open-data", page_path("open_data:index"), PUBLIC),
    # A background job's progress page (a finished job of the demo administrator, seeding.py).
    PageSpec("job-detail", page_path("core:job-detail", SEEDED_JOB_ID), (STAFF,)),
    # API documentation: a server-rendered page of the schema, checked like every other page.
    PageSpec("api-docs", page_path("api-docs"), (ANONYMOUS,)),
    # Swagger UI, to try requests: rendered with JavaScript, in English like the API itself.
    PageSpec(
        "api-docs-swagger",
        page_path("api-docs-swagger"),
        (ANONYMOUS,),
        ready=".swagger-ui .info",
        language="en",
        known_issues=(
            KnownIssue("color-contrast", "#swagger-ui", "Swagger UI's own colours (method badges, version stamps)"),
            KnownIssue("nested-interactive", "#swagger-ui", "Swagger UI nests controls in its operation summaries"),
        ),
    ),
]


def all_pages() -> list[PageSpec]:
    from tests.browser.areas import area_pages

    return PAGES + area_pages()


def visits() -> list[tuple[PageSpec, str | None]]:
    return [(spec, role) for spec in all_pages() for role in spec.roles]


def visit_id(visit) -> str:
    spec, role = visit
    return f"{spec.name}[{role or 'anonymous'}]"


def login(page, site, role: str) -> None:
    """Log in through the real login form; fails with what the page said when it does not work."""
    response = page.goto(LOGIN_PATH)
    assert response is not None and response.ok, (
        f"The login page {LOGIN_PATH} answered HTTP {response and response.status}"
    )
    form = page.locator("main form").filter(has=page.locator("input[type=password]")).first
    form.locator("input[name=username]").fill(ROLES[role])
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    if page.locator(LOGOUT_BUTTON).count() == 0:
        main_text = page.locator("main").inner_text() if page.locator("main").count() else page.content()[:2000]
        raise AssertionError(
            f"Logging in as the demo {role} ({ROLES[role]}) did not work; now on {page.url}:\n{main_text[:2000]}"
        )
