"""Monitor pages added after the first list in ``tests/browser/pages.py``: the mergers of the programme
(programme staff) and the survey rounds with the demo rounds in them."""

from tests.browser.pages import STAFF, PageSpec

PAGES = [
    PageSpec("monitor-mergers", "/voortgang/imports/herindelingen/", (STAFF,)),
    PageSpec("monitor-mergers-block", "/voortgang/imports/herindelingen/?bouwsteen=BRP", (STAFF,)),
    PageSpec("monitor-surveys-with-demo-rounds", "/voortgang/uitvragen/", (STAFF,)),
]
