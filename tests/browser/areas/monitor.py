# SPDX-License-Identifier: EUPL-1.2
"""Monitor pages added after the first list in ``tests/browser/pages.py``: the mergers of the programme
(programme staff), the survey rounds with the demo rounds in them, and the status form of one block."""

from tests.browser.pages import COORDINATOR, STAFF, PageSpec, page_path

PAGES = [
    PageSpec("monitor-mergers", page_path("monitor:import-mergers"), (STAFF,)),
    PageSpec("monitor-mergers-block", page_path("monitor:import-mergers", query="bouwsteen=BRP"), (STAFF,)),
    PageSpec("monitor-surveys-with-demo-rounds", page_path("monitor:survey-list"), (STAFF,)),
    PageSpec(
        "progress-block-update-gm0363-digid",
        page_path("monitor:block-update", "GM0363", "DIGID"),
        (STAFF, COORDINATOR),
    ),
]
