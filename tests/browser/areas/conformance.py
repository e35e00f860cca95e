"""StUF conformance pages: the list of reports and checking messages. The StUF standards are
reference data (``load_reference_data``); the demo data has no reports, so ``test_conformance_flows``
makes one and checks the report page."""

from tests.browser.pages import COORDINATOR, STAFF, PageSpec

PAGES = [
    PageSpec("conformance-reports", "/conformiteit/", (STAFF, COORDINATOR)),
    PageSpec("conformance-check", "/conformiteit/nieuw/", (STAFF, COORDINATOR)),
    PageSpec("conformance-check-zkn", "/conformiteit/nieuw/?standaard=stuf-zkn-0310", (COORDINATOR,)),
]
