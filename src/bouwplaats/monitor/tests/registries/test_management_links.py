# SPDX-License-Identifier: EUPL-1.2
"""The monitor's staff pages on the management menus of accounts, registered in MonitorConfig.ready."""

import pytest
from django.conf import settings
from django.urls import reverse

from bouwplaats.accounts.management_links import management_links

pytestmark = pytest.mark.django_db

SURVEYS = reverse("monitor:survey-list")
IMPORTS = reverse("monitor:import-list")
MERGERS = reverse("monitor:import-mergers")
LINKS = [("Survey rounds", SURVEYS), ("Imports", IMPORTS), ("Mergers", MERGERS)]
# Every page that shows the staff menu (accounts/_staff_nav.html).
STAFF_MENU_PAGES = [
    reverse(name)
    for name in ("accounts:membership-requests", "accounts:audit-log", "monitor:import-list", "monitor:import-mergers")
]


def _item(label, url, path):
    """One entry of the staff menu as rendered on the page ``path``."""
    current = ' aria-current="page"' if url == path else ""
    return f'<li><a href="{url}"{current}>{label}</a></li>'


def test_programme_staff_see_the_three_pages_in_order_and_others_none(staff, member, coordinator_a):
    # The monitor's pages come first; apps above it (suppliers, reports) may add theirs after them.
    assert [(str(label), url) for label, url in management_links(staff)][: len(LINKS)] == LINKS
    assert management_links(member) == []
    assert management_links(coordinator_a) == []


def test_the_staff_menu_lists_the_pages_after_the_audit_log(client, staff, programme):
    client.force_login(staff)
    audit = reverse("accounts:audit-log")
    for path in STAFF_MENU_PAGES:
        html = client.get(path).content.decode()
        # The current page is marked (the import and merger pages), the others not.
        items = [_item("Audit log", audit, path)] + [_item(label, url, path) for label, url in LINKS]
        assert "\n    ".join(items) in html, path


def test_the_account_page_lists_the_pages_for_staff(client, staff):
    client.force_login(staff)
    html = client.get(reverse("accounts:account")).content.decode()
    links = "".join(f' · <a href="{url}">{label}</a>' for label, url in LINKS)
    assert f'<a href="{reverse("accounts:audit-log")}">Audit log</a>{links}' in html


def test_the_labels_are_translated(client, staff):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    client.force_login(staff)
    html = client.get(reverse("accounts:account")).content.decode()
    dutch = [("Uitvragen", SURVEYS), ("Imports", IMPORTS), ("Herindelingen", MERGERS)]
    assert "".join(f' · <a href="{url}">{label}</a>' for label, url in dutch) in html


def test_members_see_none_of_the_pages(client, member, coordinator_a):
    for user in (member, coordinator_a):
        client.force_login(user)
        html = client.get(reverse("accounts:account")).content.decode()
        for url in (SURVEYS, IMPORTS, MERGERS):
            assert f'href="{url}"' not in html
        for path in STAFF_MENU_PAGES:
            assert client.get(path).status_code == 403
