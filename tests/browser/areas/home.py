# SPDX-License-Identifier: EUPL-1.2
""" "Mijn gemeente": the start page of the demo coordinator (Amsterdam), the same page as programme
staff see it, and the page for a signed-in user without a municipality (the demo administrator)."""

from tests.browser.pages import COORDINATOR, STAFF, PageSpec, page_path

PAGES = [
    PageSpec("my-municipality-gm0363", page_path("home:municipality", "GM0363"), (COORDINATOR, STAFF)),
    PageSpec("my-municipality-without-membership", page_path("home:index"), (STAFF,)),
]
