# SPDX-License-Identifier: EUPL-1.2
"""The header marks one navigation item as current: the most specific section of the page."""

import pytest
from django.urls import reverse

from bouwplaats.ui.context_processors import current_nav_item


@pytest.mark.parametrize(
    ("path", "item"),
    [
        ("/", "home"),
        (reverse("catalogue:building-block-list-current"), "building_blocks"),
        (reverse("catalogue:building-block-detail", args=["nup", "BRP"]), "building_blocks"),
        (reverse("monitor:insight-block", args=["BRP"]), "progress"),  # also has /bouwstenen/ in it: Progress only
        (reverse("monitor:dashboard-overview"), "progress"),
        (reverse("organisations:municipality-detail", args=["GM0363"]), "municipalities"),
        ("/kennis/handleidingen/", "knowledge"),  # no such page: any path in a section is the section's
        (reverse("cocreation:consultation-detail", args=[1]), "cocreation"),
        (reverse("architecture:model-list"), "architecture"),
        ("/impactanalyse/scenarios/", "impact"),  # no such page either
        (reverse("api-docs"), "api_docs"),
        (reverse("accounts:membership-requests"), "management"),
        (reverse("accounts:audit-log"), "management"),
        (reverse("accounts:account"), ""),  # the account page is in the tools, not the menu
        (reverse("notifications:list"), "notifications"),
        ("/onbekend/", ""),  # a path in no section
    ],
)
def test_each_path_has_at_most_one_current_item(path, item):
    assert current_nav_item(path) == item


def test_a_page_in_two_sections_marks_one_item(client, db):
    # A 404 page has the header too.
    html = client.get(reverse("monitor:insight-block", args=["ONBEKEND"])).content.decode()
    header = html.split("</header>")[0]
    assert header.count('aria-current="page"') == 1
    assert f'<a href="{reverse("monitor:dashboard-overview")}" aria-current="page">' in header
