"""The header marks one navigation item as current: the most specific section of the page."""

import re

import pytest

from bouwplaats.ui.context_processors import current_nav_item


@pytest.mark.parametrize(
    ("path", "item"),
    [
        ("/", "home"),
        ("/bouwstenen/", "building_blocks"),
        ("/programmas/nup/bouwstenen/BRP/", "building_blocks"),
        ("/voortgang/bouwstenen/BRP/", "progress"),  # also has /bouwstenen/ in it: Progress only
        ("/voortgang/", "progress"),
        ("/gemeenten/GM0363/", "municipalities"),
        ("/kennis/handleidingen/", "knowledge"),
        ("/cocreatie/raadplegingen/1/", "cocreation"),
        ("/architectuur/", "architecture"),
        ("/impactanalyse/scenarios/", "impact"),
        ("/api/v1/docs/", "api_docs"),
        ("/account/beheer/lidmaatschappen/", "management"),
        ("/account/beheer/audit/", "management"),
        ("/account/", ""),  # the account page is in the tools, not the menu
        ("/meldingen/", "notifications"),
        ("/onbekend/", ""),
    ],
)
def test_each_path_has_at_most_one_current_item(path, item):
    assert current_nav_item(path) == item


def test_a_page_in_two_sections_marks_one_item(client, db):
    html = client.get("/voortgang/bouwstenen/ONBEKEND/").content.decode()  # a 404 page has the header too
    header = html.split("</header>")[0]
    assert header.count('aria-current="page"') == 1
    assert re.search(r'<a href="/voortgang/" aria-current="page">', header)
