"""Co-creation pages: ideas, the idea page and forms, member consultations and the settings.

The ids are those of ``load_demo_cocreation`` on a fresh database: idea 1 is the first demo
idea; consultation 1 has closed (results public), consultation 2 is open without a ballot of
Amsterdam, the demo coordinator's municipality.
"""

from tests.browser.pages import ANONYMOUS, COORDINATOR, STAFF, PageSpec

PAGES = [
    PageSpec("cocr-ideas", "/cocreatie/", (ANONYMOUS, COORDINATOR)),
    PageSpec("cocr-ideas-filtered", "/cocreatie/?status=planned&sortering=newest", (ANONYMOUS,)),
    PageSpec("cocr-idea", "/cocreatie/ideeen/1/", (ANONYMOUS, COORDINATOR)),
    PageSpec("cocr-idea-propose", "/cocreatie/ideeen/nieuw/", (COORDINATOR,)),
    PageSpec("cocr-idea-answer", "/cocreatie/ideeen/1/beantwoorden/", (STAFF,)),
    PageSpec("cocr-consultations", "/cocreatie/raadplegingen/", (ANONYMOUS, STAFF)),
    PageSpec("cocr-consultation-open", "/cocreatie/raadplegingen/2/", (COORDINATOR, STAFF)),
    PageSpec("cocr-consultation-close", "/cocreatie/raadplegingen/2/sluiten/", (STAFF,)),
    PageSpec("cocr-consultation-ballot", "/cocreatie/raadplegingen/2/stemmen/", (COORDINATOR,)),
    PageSpec("cocr-consultation-closed", "/cocreatie/raadplegingen/1/", (ANONYMOUS,)),
    PageSpec("cocr-consultation-create", "/cocreatie/raadplegingen/nieuw/", (STAFF,)),
    PageSpec("cocr-settings", "/cocreatie/instellingen/", (STAFF,)),
]
