# SPDX-License-Identifier: EUPL-1.2
"""Where a user lands after logging in: the first registered page by position, else the account page."""

import pytest
from django.urls import reverse

from bouwplaats.accounts import landing
from bouwplaats.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def nowhere(user):
    return None


def to_the_faq(user):
    return reverse("knowledge:home") if user.full_name == "Vera Vraag" else None


def to_the_catalogue(user):
    return reverse("catalogue:building-block-list-current")


@pytest.fixture
def registered():
    saved = dict(landing._landings)
    landing._landings.clear()
    landing.register_landing(to_the_catalogue, position=20)
    landing.register_landing(nowhere, position=5)
    landing.register_landing(to_the_faq, position=10)
    yield
    landing._landings.clear()
    landing._landings.update(saved)


def test_the_first_page_by_position_wins(registered):
    assert landing.landing_url(UserFactory(full_name="Vera Vraag")) == reverse("knowledge:home")
    assert landing.landing_url(UserFactory(full_name="Anna Ander")) == reverse("catalogue:building-block-list-current")
    landing.unregister_landing(to_the_catalogue)
    assert landing.landing_url(UserFactory(full_name="Anna Ander")) is None


def test_the_login_form_follows_the_registry_and_falls_back_to_the_account_page(client, registered):
    user = UserFactory(email="vera@example.org", full_name="Vera Vraag")
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("knowledge:home")
    client.post(reverse("accounts:logout"))
    landing._landings.clear()
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("accounts:account")
