# SPDX-License-Identifier: EUPL-1.2
"""Notification pages: my notifications, my e-mail settings, and the unsubscribe page."""

from tests.browser.pages import ANONYMOUS, COORDINATOR, STAFF, PageSpec, page_path

PAGES = [
    PageSpec("notif-list", page_path("notifications:list"), (COORDINATOR, STAFF)),
    PageSpec("notif-list-unread", page_path("notifications:list", query="ongelezen=1"), (COORDINATOR,)),
    PageSpec("notif-preferences", page_path("notifications:preferences"), (COORDINATOR, STAFF)),
    # A tampered or truncated link from an e-mail: an accessible error page with status 400.
    PageSpec(
        "notif-unsubscribe-invalid",
        page_path("notifications:unsubscribe", "not-a-valid-token"),
        (ANONYMOUS,),
        status=400,
    ),
]
