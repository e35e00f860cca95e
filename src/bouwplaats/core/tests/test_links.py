# SPDX-License-Identifier: EUPL-1.2
from django.urls import reverse

from bouwplaats.core.links import LinkRegistry, ShownLink

# The pages of Amsterdam that the registries below link to, and the overview offered instead.
PROGRESS = reverse("monitor:municipality-progress", args=["GM0363"])
MUNICIPALITY = reverse("organisations:municipality-detail", args=["GM0363"])
OVERVIEW = reverse("monitor:dashboard-overview")


def test_links_by_position_for_whom_they_are_visible_with_their_arguments():
    registry = LinkRegistry()
    registry.register("Later", "organisations:municipality-detail", position=20)
    registry.register("First", "monitor:municipality-progress", position=10, visible=lambda user, code: user == "staff")
    assert registry.links(user="staff", args=["GM0363"]) == [
        ("First", PROGRESS),
        ("Later", MUNICIPALITY),
    ]
    assert registry.links(user="member", args=["GM0363"]) == [("Later", MUNICIPALITY)]
    registry.register("Again", "organisations:municipality-detail", position=5)  # replaces, not a second entry
    registry.unregister("monitor:municipality-progress")
    assert registry.links(user="staff", args=["GM0363"]) == [("Again", MUNICIPALITY)]


def test_the_permission_function_gets_the_arguments_and_instead_offers_another_page():
    asked = []

    def visible(user, code):
        asked.append((user, code))
        return user == "staff"

    def instead(user, code):
        return ShownLink("Totals", OVERVIEW, note=f"{code} is not public") if code != "GM0000" else None

    registry = LinkRegistry()
    registry.register("Progress", "monitor:municipality-progress", position=10, visible=visible, instead=instead)
    assert registry.entries(user="staff", args=["GM0363"]) == [ShownLink("Progress", PROGRESS)]
    assert registry.entries(user="member", args=["GM0363"]) == [ShownLink("Totals", OVERVIEW, "GM0363 is not public")]
    assert registry.links(user="member", args=["GM0363"]) == [("Totals", OVERVIEW)]
    assert registry.entries(user="member", args=["GM0000"]) == []
    assert asked == [("staff", "GM0363"), ("member", "GM0363"), ("member", "GM0363"), ("member", "GM0000")]
