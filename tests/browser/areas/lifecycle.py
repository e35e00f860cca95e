# SPDX-License-Identifier: EUPL-1.2
"""The pages of a programme's lifecycle for programme staff: create a programme, close one, start a
successor (Operatie NUP is open in the browser tests' demo, so its close and successor pages show
their forms)."""

from tests.browser.pages import STAFF, PageSpec, nup, page_path

PAGES = [
    PageSpec("programme-create", page_path("catalogue:programme-create"), (STAFF,)),
    PageSpec("programme-close", nup("programme-close"), (STAFF,)),
    PageSpec("successor-start", nup("successor-start"), (STAFF,)),
]
