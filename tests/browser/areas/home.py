""" "Mijn gemeente": the start page of the demo coordinator (Amsterdam), the same page as programme
staff see it, and the page for a signed-in user without a municipality (the demo administrator)."""

from tests.browser.pages import COORDINATOR, STAFF, PageSpec

PAGES = [
    PageSpec("my-municipality-gm0363", "/mijn-gemeente/GM0363/", (COORDINATOR, STAFF)),
    PageSpec("my-municipality-without-membership", "/mijn-gemeente/", (STAFF,)),
]
