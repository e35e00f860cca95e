# SPDX-License-Identifier: EUPL-1.2
"""Impact analysis pages: scenarios, results, the per-municipality view, the report, landscapes.

``load_demo_landscapes`` seeds the scenarios DigiD (id 1) and Participatiewet (id 2) and a demo
landscape for every municipality; the demo coordinator is Amsterdam's (GM0363).
"""

from tests.browser.pages import COORDINATOR, STAFF, PageSpec, page_path

BOTH = (STAFF, COORDINATOR)

PAGES = [
    PageSpec("impact-scenarios", page_path("impact:scenario-list"), BOTH),
    PageSpec("impact-digid", page_path("impact:scenario-detail", 1), BOTH),
    PageSpec("impact-digid-page-2", page_path("impact:scenario-detail", 1, query="page=2"), (STAFF,)),
    PageSpec("impact-participatiewet", page_path("impact:scenario-detail", 2), (STAFF,)),
    PageSpec("impact-digid-amsterdam", page_path("impact:scenario-municipality", 1, "GM0363"), BOTH),
    PageSpec("impact-report", page_path("impact:report", 1), BOTH),
    PageSpec("impact-report-amsterdam", page_path("impact:report", 2, query="gemeente=GM0363"), (COORDINATOR,)),
    PageSpec("impact-report-edit", page_path("impact:report-edit", 1), (STAFF,)),
    PageSpec("impact-scenario-new", page_path("impact:scenario-new"), (STAFF,)),
    PageSpec("impact-scenario-edit", page_path("impact:scenario-edit", 2), (STAFF,)),
    PageSpec("impact-scenario-delete", page_path("impact:scenario-delete", 2), (STAFF,)),
    PageSpec("impact-cost-model", page_path("impact:cost-model"), (STAFF,)),
    PageSpec("impact-landscapes", page_path("impact:landscape-index"), BOTH),
    PageSpec("impact-landscape-amsterdam", page_path("impact:landscape", "GM0363"), BOTH),
    PageSpec("impact-application-new", page_path("impact:application-new", "GM0363"), (COORDINATOR,)),
    PageSpec("impact-import", page_path("impact:import-new"), BOTH),
    PageSpec("impact-landscape-other", page_path("impact:landscape", "GM0014"), (COORDINATOR,), status=403),
]
