"""Impact analysis pages: scenarios, results, the per-municipality view, the report, landscapes.

``load_demo_landscapes`` seeds the scenarios DigiD (id 1) and Participatiewet (id 2) and a demo
landscape for every municipality; the demo coordinator is Amsterdam's (GM0363).
"""

from tests.browser.pages import COORDINATOR, STAFF, PageSpec

BOTH = (STAFF, COORDINATOR)
DIGID = "/impactanalyse/1"
PARTICIPATIEWET = "/impactanalyse/2"

PAGES = [
    PageSpec("impact-scenarios", "/impactanalyse/", BOTH),
    PageSpec("impact-digid", f"{DIGID}/", BOTH),
    PageSpec("impact-digid-page-2", f"{DIGID}/?page=2", (STAFF,)),
    PageSpec("impact-participatiewet", f"{PARTICIPATIEWET}/", (STAFF,)),
    PageSpec("impact-digid-amsterdam", f"{DIGID}/gemeenten/GM0363/", BOTH),
    PageSpec("impact-report", f"{DIGID}/rapport/", BOTH),
    PageSpec("impact-report-amsterdam", f"{PARTICIPATIEWET}/rapport/?gemeente=GM0363", (COORDINATOR,)),
    PageSpec("impact-report-edit", f"{DIGID}/rapport/bewerken/", (STAFF,)),
    PageSpec("impact-scenario-new", "/impactanalyse/nieuw/", (STAFF,)),
    PageSpec("impact-scenario-edit", f"{PARTICIPATIEWET}/bewerken/", (STAFF,)),
    PageSpec("impact-scenario-delete", f"{PARTICIPATIEWET}/verwijderen/", (STAFF,)),
    PageSpec("impact-cost-model", "/impactanalyse/kostenmodel/", (STAFF,)),
    PageSpec("impact-landscapes", "/impactanalyse/landschap/", BOTH),
    PageSpec("impact-landscape-amsterdam", "/impactanalyse/landschap/GM0363/", BOTH),
    PageSpec("impact-application-new", "/impactanalyse/landschap/GM0363/toevoegen/", (COORDINATOR,)),
    PageSpec("impact-import", "/impactanalyse/landschap/importeren/", BOTH),
    PageSpec("impact-landscape-other", "/impactanalyse/landschap/GM0014/", (COORDINATOR,), status=403),
]
