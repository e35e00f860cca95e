"""The pages the browser tests visit, who visits them, and how each role logs in.

To check a new page, add a ``PageSpec`` to ``PAGES`` (or to the ``PAGES`` of a module in
``tests/browser/areas/``): the tests visit it as each of its roles
and run the structure and axe-core checks on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.browser.checks import KnownIssue

ANONYMOUS = None
STAFF = "staff"  # the demo administrator: sees every page, including the management pages
COORDINATOR = "coordinator"  # the demo coordinator of Amsterdam (GM0363)
SUPPLIER = "supplier"  # the demo representative of Centric (load_demo_suppliers)

# The demo accounts that `manage.py load_demo_data` creates (it prints the same password).
DEMO_PASSWORD = "bouwplaats-demo"
ROLES = {
    STAFF: "admin@bouwplaats.example",
    COORDINATOR: "coordinator.amsterdam@bouwplaats.example",
    SUPPLIER: "leverancier@bouwplaats.example",
}

LOGIN_PATH = "/account/inloggen/"
LOGOUT_BUTTON = "header form[action$='/account/uitloggen/'] button[type=submit]"


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

NUP = "/programmas/operatie-nup"

PAGES = [
    # Catalogue
    PageSpec("home", "/", EVERYONE),
    PageSpec("programmes", "/programmas/", (ANONYMOUS,)),
    PageSpec("programme", f"{NUP}/", PUBLIC),
    PageSpec("building-blocks", "/bouwstenen/", PUBLIC),
    PageSpec("programme-building-blocks", f"{NUP}/bouwstenen/", (ANONYMOUS,)),
    PageSpec("building-block-digid", f"{NUP}/bouwstenen/DIGID/", EVERYONE),
    PageSpec("result-agreements", f"{NUP}/resultaatafspraken/", PUBLIC),
    PageSpec("building-block-with-agreement", f"{NUP}/bouwstenen/WEBRICHTLIJNEN/", (ANONYMOUS,)),
    # Catalogue, programme staff
    PageSpec("programme-edit", f"{NUP}/bewerken/", (STAFF,)),
    PageSpec("status-ladder", f"{NUP}/statusniveaus/", (STAFF,)),
    PageSpec("status-level-edit", f"{NUP}/statusniveaus/implementatie/bewerken/", (STAFF,)),
    PageSpec("building-block-create", f"{NUP}/bouwstenen/nieuw/", (STAFF,)),
    PageSpec("building-block-edit", f"{NUP}/bouwstenen/DIGID/bewerken/", (STAFF,)),
    PageSpec("building-block-dependencies", f"{NUP}/bouwstenen/DIGID/afhankelijkheden/", (STAFF,)),
    PageSpec("building-block-delete", f"{NUP}/bouwstenen/DIGID/verwijderen/", (STAFF,)),
    PageSpec("result-agreement-create", f"{NUP}/resultaatafspraken/nieuw/", (STAFF,)),
    PageSpec("result-agreement-edit", f"{NUP}/resultaatafspraken/1/bewerken/", (STAFF,)),
    # Organisations
    PageSpec("municipalities", "/gemeenten/", (ANONYMOUS,)),
    PageSpec("municipalities-search", "/gemeenten/?q=amster", (ANONYMOUS,)),
    PageSpec("municipalities-filter", "/gemeenten/?provincie=PV27&grootteklasse=", (ANONYMOUS,)),
    PageSpec("municipalities-2022", "/gemeenten/?peildatum=2022-01-01", (ANONYMOUS,)),
    PageSpec("municipalities-page-2", "/gemeenten/?page=2", (ANONYMOUS,)),
    PageSpec("municipality-gm0363", "/gemeenten/GM0363/", EVERYONE),
    PageSpec("municipality-merged-gm0003", "/gemeenten/GM0003/", (ANONYMOUS,)),
    # Accounts
    PageSpec("login", LOGIN_PATH, (ANONYMOUS,)),
    PageSpec("register", "/account/registreren/", (ANONYMOUS,)),
    PageSpec("resend-activation", "/account/opnieuw-activeren/", (ANONYMOUS,)),
    PageSpec("password-reset", "/account/wachtwoord-vergeten/", (ANONYMOUS,)),
    PageSpec("account", "/account/", (STAFF, COORDINATOR)),
    PageSpec("password-change", "/account/wachtwoord-wijzigen/", (COORDINATOR,)),
    PageSpec("register-sent", "/account/registreren/verstuurd/", (ANONYMOUS,)),
    PageSpec("activation-invalid-link", "/account/activeren/MQ/ongeldig-token/", (ANONYMOUS,), status=400),
    PageSpec("password-reset-sent", "/account/wachtwoord-vergeten/verstuurd/", (ANONYMOUS,)),
    PageSpec("password-reset-invalid-link", "/account/wachtwoord-herstellen/MQ/ongeldig-token/", (ANONYMOUS,)),
    PageSpec("password-reset-complete", "/account/wachtwoord-herstellen/gereed/", (ANONYMOUS,)),
    PageSpec("status-level-delete", f"{NUP}/statusniveaus/implementatie/verwijderen/", (STAFF,)),
    # Accounts, management
    PageSpec("memberships", "/account/beheer/lidmaatschappen/", (STAFF,)),
    PageSpec("users", "/account/beheer/gebruikers/", (STAFF,)),
    PageSpec("audit", "/account/beheer/audit/", (STAFF,)),
    # Monitor: progress of a municipality (the demo coordinator's own, Amsterdam)
    PageSpec("progress-gm0363", "/voortgang/gemeenten/GM0363/", (STAFF, COORDINATOR)),
    PageSpec("progress-gm0363-as-of", "/voortgang/gemeenten/GM0363/?peildatum=2013-01-01", (STAFF,)),
    PageSpec("progress-update-gm0363", "/voortgang/gemeenten/GM0363/bijwerken/", (STAFF, COORDINATOR)),
    PageSpec("progress-history-gm0363-digid", "/voortgang/gemeenten/GM0363/DIGID/", (COORDINATOR,)),
    PageSpec("progress-overview", "/voortgang/", EVERYONE),
    PageSpec("progress-overview-filtered", "/voortgang/?provincie=PV27&grootteklasse=8&bouwsteen=BRP", (ANONYMOUS,)),
    # Monitor: survey rounds and insights
    PageSpec("survey-list", "/voortgang/uitvragen/", (STAFF,)),
    PageSpec("survey-create", "/voortgang/uitvragen/nieuw/", (STAFF,)),
    PageSpec("survey-todo", "/voortgang/uitvragen/mijn/", (COORDINATOR,)),
    PageSpec("insight-block", "/voortgang/bouwstenen/DIGID/", EVERYONE),
    PageSpec("insight-block-as-of", "/voortgang/bouwstenen/DIGID/?peildatum=2014-01-01&provincie=PV27", (STAFF,)),
    PageSpec("insight-blockers", "/voortgang/belemmeringen/", PUBLIC),
    PageSpec("insight-risk", "/voortgang/deadlinerisico/?peildatum=2014-01-01", PUBLIC),
    PageSpec("insight-risk-list", "/voortgang/deadlinerisico/gemeenten/?peildatum=2014-01-01", (STAFF,)),
    PageSpec("import-list", "/voortgang/imports/", (STAFF,)),
    PageSpec("import-new", "/voortgang/imports/nieuw/", (STAFF,)),
    PageSpec("import-merger-history", "/voortgang/imports/herindelingen/GM0005/DIGID/", (STAFF,)),
    # API documentation: a server-rendered page of the schema, checked like every other page.
    PageSpec("api-docs", "/api/v1/docs/", (ANONYMOUS,)),
    # Swagger UI, to try requests: rendered with JavaScript, in English like the API itself.
    PageSpec(
        "api-docs-swagger",
        "/api/v1/docs/swagger/",
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
