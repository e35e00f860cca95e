# SPDX-License-Identifier: EUPL-1.2
"""Co-creation pages: ideas, the idea page and forms, member consultations and the settings.

The ids are those of ``load_demo_cocreation`` on a fresh database: idea 1 is the first demo
idea; consultation 1 has closed (results public), consultation 2 is open without a ballot of
Amsterdam, the demo coordinator's municipality.
"""

from tests.browser.pages import ANONYMOUS, COORDINATOR, STAFF, PageSpec, page_path

PAGES = [
    PageSpec("cocr-ideas", page_path("cocreation:idea-list"), (ANONYMOUS, COORDINATOR)),
    PageSpec(
        "cocr-ideas-filtered", page_path("cocreation:idea-list", query="status=planned&sortering=newest"), (ANONYMOUS,)
    ),
    PageSpec("cocr-idea", page_path("cocreation:idea-detail", 1), (ANONYMOUS, COORDINATOR)),
    PageSpec("cocr-idea-propose", page_path("cocreation:idea-create"), (COORDINATOR,)),
    PageSpec("cocr-idea-answer", page_path("cocreation:idea-answer", 1), (STAFF,)),
    PageSpec("cocr-consultations", page_path("cocreation:consultation-list"), (ANONYMOUS, STAFF)),
    PageSpec("cocr-consultation-open", page_path("cocreation:consultation-detail", 2), (COORDINATOR, STAFF)),
    PageSpec("cocr-consultation-close", page_path("cocreation:consultation-close", 2), (STAFF,)),
    PageSpec("cocr-consultation-ballot", page_path("cocreation:consultation-ballot", 2), (COORDINATOR,)),
    PageSpec("cocr-consultation-closed", page_path("cocreation:consultation-detail", 1), (ANONYMOUS,)),
    PageSpec("cocr-consultation-create", page_path("cocreation:consultation-create"), (STAFF,)),
    PageSpec("cocr-settings", page_path("cocreation:settings"), (STAFF,)),
]
