# SPDX-License-Identifier: EUPL-1.2
"""StUF conformance pages: the list of reports and checking messages. The StUF standards are
reference data (``load_reference_data``); the demo data has no reports, so ``test_conformance_flows``
makes one and checks the report page."""

from tests.browser.pages import COORDINATOR, STAFF, PageSpec, page_path

PAGES = [
    PageSpec("conformance-reports", page_path("conformance:report-list"), (STAFF, COORDINATOR)),
    PageSpec("conformance-check", page_path("conformance:report-new"), (STAFF, COORDINATOR)),
    PageSpec(
        "conformance-check-zkn", page_path("conformance:report-new", query="standaard=stuf-zkn-0310"), (COORDINATOR,)
    ),
]
