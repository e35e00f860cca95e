"""Programme reports: the choice, and the three reports on a date of the demo history."""

from tests.browser.pages import ANONYMOUS, EVERYONE, PUBLIC, STAFF, PageSpec

PAGES = [
    PageSpec("reports", "/rapportages/", EVERYONE),
    PageSpec("report-bestuur", "/rapportages/operatie-nup/bestuur/?peildatum=2014-06-30", PUBLIC),
    PageSpec("report-alv", "/rapportages/operatie-nup/alv/?peildatum=2013-06-30", (ANONYMOUS,)),
    PageSpec("report-gateway-review", "/rapportages/operatie-nup/gateway-review/", (STAFF,)),
]
