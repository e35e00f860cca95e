"""The pages of a programme's lifecycle for programme staff: create a programme, close one, start a
successor (Operatie NUP is open in the browser tests' demo, so its close and successor pages show
their forms)."""

from tests.browser.pages import NUP, STAFF, PageSpec

PAGES = [
    PageSpec("programme-create", "/programmas/nieuw/", (STAFF,)),
    PageSpec("programme-close", f"{NUP}/afsluiten/", (STAFF,)),
    PageSpec("successor-start", f"{NUP}/opvolger/", (STAFF,)),
]
