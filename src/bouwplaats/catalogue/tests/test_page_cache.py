# SPDX-License-Identifier: EUPL-1.2
"""The catalogue pages' cached parts follow the data (ADR 6): a write through a service shows at once."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from bouwplaats.catalogue import services
from bouwplaats.catalogue.models import BuildingBlock, MunicipalityRole

pytestmark = pytest.mark.django_db

BLOCKS_URL = reverse("catalogue:building-block-list-current")
HOME_URL = reverse("catalogue:home")


def test_a_rename_through_the_service_shows_on_the_next_request(
    client, current_programme, blocks, staff, django_assert_max_num_queries
):
    alfa = blocks[0]
    assert "Alfa" in client.get(BLOCKS_URL).content.decode()
    with django_assert_max_num_queries(1):  # served from the cache: only the data version is read
        assert "Alfa" in client.get(BLOCKS_URL).content.decode()

    services.building_block_update(actor=staff, block=alfa, name="Alfa Nieuw")

    html = client.get(BLOCKS_URL).content.decode()
    assert "Alfa Nieuw" in html
    assert ">Alfa</a>" not in html


def test_a_write_that_bypasses_the_services_is_not_seen_until_the_cache_is_cleared(client, current_programme, blocks):
    """The limit of the design: writes must be audited (or the cache cleared) to show."""
    from django.core.cache import cache

    assert "Alfa" in client.get(BLOCKS_URL).content.decode()
    BuildingBlock.objects.filter(pk=blocks[0].pk).update(name="Stil Veranderd")
    assert "Stil Veranderd" not in client.get(BLOCKS_URL).content.decode()
    cache.clear()
    assert "Stil Veranderd" in client.get(BLOCKS_URL).content.decode()


def test_the_home_page_follows_a_new_block(client, current_programme, blocks, staff):
    assert "Delta" not in client.get(HOME_URL).content.decode()
    services.building_block_create(
        actor=staff,
        programme=current_programme,
        code="DDD",
        name="Delta",
        cluster="Delta-cluster",
        owner="BZK",
        municipality_role=MunicipalityRole.USE,
    )
    assert "Delta-cluster" in client.get(HOME_URL).content.decode()


@pytest.mark.parametrize("staff_first", [True, False])
def test_staff_links_are_never_served_to_others(client, current_programme, blocks, staff, staff_first):
    create_url = reverse("catalogue:building-block-create", args=[current_programme.slug])
    enter_url = reverse("catalogue:result-agreement-create", args=[current_programme.slug])  # home, no agreements yet
    staff_client = Client()
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    staff_client.force_login(staff)
    visits = [(staff_client, True), (client, False)]
    for visitor, is_staff in visits if staff_first else reversed(visits):
        for page, link in ((BLOCKS_URL, create_url), (HOME_URL, enter_url)):
            html = visitor.get(page).content.decode()
            assert (f'href="{link}"' in html) is is_staff, (page, is_staff)


def test_english_and_dutch_are_cached_apart(current_programme, blocks):
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = visitor.get(BLOCKS_URL).content.decode()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = visitor.get(BLOCKS_URL).content.decode()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch_again = visitor.get(BLOCKS_URL).content.decode()

    name = current_programme.name
    assert f"<h1>Bouwstenen van {name}</h1>" in dutch and f"<h1>Bouwstenen van {name}</h1>" in dutch_again
    assert f"<h1>Building blocks of {name}</h1>" in english
    assert "Bouwstenen van" not in english


def test_filters_and_pages_are_cached_apart(client, current_programme, blocks):
    everything = client.get(BLOCKS_URL).content.decode()
    burgers = client.get(BLOCKS_URL, {"cluster": "Burgers"}).content.decode()
    assert ">Alfa</a>" in everything and ">Charlie</a>" in everything
    assert ">Alfa</a>" not in burgers and ">Charlie</a>" in burgers


def test_an_unknown_programme_is_still_not_found(client):
    assert client.get(reverse("catalogue:building-block-list", args=["bestaat-niet"])).status_code == 404
    assert client.get(reverse("catalogue:building-block-list", args=["bestaat-niet"])).status_code == 404
