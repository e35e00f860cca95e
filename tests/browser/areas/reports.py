# SPDX-License-Identifier: EUPL-1.2
"""Programme reports: the choice, and the three reports on a date of the demo history."""

from tests.browser.pages import ANONYMOUS, EVERYONE, PUBLIC, STAFF, PageSpec, page_path

PAGES = [
    PageSpec("reports", page_path("reports:index"), EVERYONE),
    PageSpec(
        "report-bestuur",
        page_path("reports:report-page", "operatie-nup", "bestuur", query="peildatum=2014-06-30"),
        PUBLIC,
    ),
    PageSpec(
        "report-alv",
        page_path("reports:report-page", "operatie-nup", "alv", query="peildatum=2013-06-30"),
        (ANONYMOUS,),
    ),
    PageSpec("report-gateway-review", page_path("reports:report-page", "operatie-nup", "gateway-review"), (STAFF,)),
]
