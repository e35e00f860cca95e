"""Notification pages: my notifications, my e-mail settings, and the unsubscribe page."""

from tests.browser.pages import ANONYMOUS, COORDINATOR, STAFF, PageSpec

PAGES = [
    PageSpec("notif-list", "/meldingen/", (COORDINATOR, STAFF)),
    PageSpec("notif-list-unread", "/meldingen/?ongelezen=1", (COORDINATOR,)),
    PageSpec("notif-preferences", "/meldingen/voorkeuren/", (COORDINATOR, STAFF)),
    # A tampered or truncated link from an e-mail: an accessible error page with status 400.
    PageSpec("notif-unsubscribe-invalid", "/meldingen/afmelden/not-a-valid-token/", (ANONYMOUS,), status=400),
]
