from bouwplaats.ui.links import LinkRegistry


def test_links_by_position_for_whom_they_are_visible_with_their_arguments():
    registry = LinkRegistry()
    registry.register("Later", "organisations:municipality-detail", position=20)
    registry.register("First", "monitor:municipality-progress", position=10, visible=lambda user: user == "staff")
    assert registry.links(user="staff", args=["GM0363"]) == [
        ("First", "/voortgang/gemeenten/GM0363/"),
        ("Later", "/gemeenten/GM0363/"),
    ]
    assert registry.links(user="member", args=["GM0363"]) == [("Later", "/gemeenten/GM0363/")]
    registry.register("Again", "organisations:municipality-detail", position=5)  # replaces, not a second entry
    registry.unregister("monitor:municipality-progress")
    assert registry.links(user="staff", args=["GM0363"]) == [("Again", "/gemeenten/GM0363/")]
