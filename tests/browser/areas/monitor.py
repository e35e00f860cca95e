"""Monitor pages added after the first list in ``tests/browser/pages.py``: the mergers of the programme
(programme staff), the survey rounds with the demo rounds in them, and the status form of one block."""

from tests.browser.pages import COORDINATOR, STAFF, PageSpec

PAGES = [
    PageSpec("monitor-mergers", "/voortgang/imports/herindelingen/", (STAFF,)),
    PageSpec("monitor-mergers-block", "/voortgang/imports/herindelingen/?bouwsteen=BRP", (STAFF,)),
    PageSpec("monitor-surveys-with-demo-rounds", "/voortgang/uitvragen/", (STAFF,)),
    PageSpec(
        "progress-block-update-gm0363-digid", "/voortgang/gemeenten/GM0363/bijwerken/DIGID/", (STAFF, COORDINATOR)
    ),
]
