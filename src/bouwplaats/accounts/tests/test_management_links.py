# SPDX-License-Identifier: EUPL-1.2
"""The registry through which apps above accounts add their pages to the management menus."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from bouwplaats.accounts import management_links as registry
from bouwplaats.core.links import LinkRegistry

pytestmark = pytest.mark.django_db

API_TOKEN = reverse("accounts:api-token")
PASSWORD = reverse("accounts:password-change")


@pytest.fixture(autouse=True)
def links(monkeypatch):
    """An empty registry of our own, so that the links of the installed apps stay out of these tests."""
    monkeypatch.setattr(registry, "_registry", LinkRegistry())


def _everyone(user) -> bool:
    return True


def test_links_come_by_position_whatever_the_order_of_registering(staff):
    registry.register_management_link("Third", "accounts:register", position=30)
    registry.register_management_link("First", "accounts:password-change", position=10)
    registry.register_management_link("Second", "accounts:api-token", position=20)
    assert registry.management_links(staff) == [
        ("First", PASSWORD),
        ("Second", API_TOKEN),
        ("Third", reverse("accounts:register")),
    ]


def test_links_at_the_same_position_come_by_url_name(staff):
    registry.register_management_link("Password", "accounts:password-change", position=10)
    registry.register_management_link("Token", "accounts:api-token", position=10)
    assert [label for label, _url in registry.management_links(staff)] == ["Token", "Password"]


def test_by_default_only_programme_staff_see_a_link(staff, admin_user, member):
    registry.register_management_link("Token", "accounts:api-token", position=10)
    assert registry.management_links(staff) == [("Token", API_TOKEN)]
    assert registry.management_links(admin_user) == [("Token", API_TOKEN)]
    assert registry.management_links(member) == []
    assert registry.management_links(AnonymousUser()) == []


def test_a_link_shows_to_whom_its_check_allows(staff, admin_user, member):
    registry.register_management_link("Everyone", "accounts:api-token", position=10, visible=_everyone)

    def only_admins(user) -> bool:
        return user == admin_user

    registry.register_management_link("Admins", "accounts:password-change", position=20, visible=only_admins)
    assert [label for label, _url in registry.management_links(member)] == ["Everyone"]
    assert [label for label, _url in registry.management_links(staff)] == ["Everyone"]
    assert [label for label, _url in registry.management_links(admin_user)] == ["Everyone", "Admins"]


def test_registering_a_page_again_replaces_it_and_unregistering_removes_it(staff):
    registry.register_management_link("Old", "accounts:api-token", position=10)
    registry.register_management_link("New", "accounts:api-token", position=20)
    assert registry.management_links(staff) == [("New", API_TOKEN)]
    registry.unregister_management_link("accounts:api-token")
    registry.unregister_management_link("accounts:api-token")  # unknown: nothing happens
    assert registry.management_links(staff) == []


def test_a_lazy_label_follows_the_language_of_the_request(staff):
    registry.register_management_link(_("Audit log"), "accounts:api-token", position=10)
    with translation.override("nl"):
        assert [str(label) for label, _url in registry.management_links(staff)] == ["Auditlog"]
    with translation.override("en"):
        assert [str(label) for label, _url in registry.management_links(staff)] == ["Audit log"]


def test_the_staff_menu_and_the_account_page_list_the_links_after_the_own_pages(client, staff):
    registry.register_management_link("Tokens", "accounts:api-token", position=10)
    client.force_login(staff)
    account = client.get(reverse("accounts:account")).content.decode()
    audit = reverse("accounts:audit-log")
    assert f'<a href="{audit}">Audit log</a> · <a href="{API_TOKEN}">Tokens</a></dd>' in account
    nav = client.get(reverse("accounts:membership-requests")).content.decode()
    assert f'<li><a href="{audit}">Audit log</a></li>\n    <li><a href="{API_TOKEN}">Tokens</a></li>\n  </ul>' in nav


def test_the_page_of_a_link_is_marked_current_in_the_staff_menu(client, staff):
    requests = reverse("accounts:membership-requests")
    registry.register_management_link("Requests again", "accounts:membership-requests", position=10)
    client.force_login(staff)
    nav = client.get(requests).content.decode()
    assert f'<li><a href="{requests}" aria-current="page">Requests again</a></li>' in nav


def test_members_see_no_management_links(client, member):
    registry.register_management_link("Everyone", "accounts:api-token", position=10, visible=_everyone)
    client.force_login(member)
    html = client.get(reverse("accounts:account")).content.decode()
    assert "Everyone" not in html
    assert "Management" not in html
