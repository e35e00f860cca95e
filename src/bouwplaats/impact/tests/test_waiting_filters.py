# SPDX-License-Identifier: EUPL-1.2
"""The monitor's supplier filter (``monitor.extensions.MunicipalityFilter``, registered by the landscapes) on
the programme overview, a block's page, the blockers and the deadline risk, and in the API's statuses and
statistics: programme staff only, a constant number of queries.

The world is the dashboards' (four towns in PV99, blocks AAA, BBB, CCC; AAA due on 1 July 2022 by result
agreement 1). Centric's Burgerzaken 5.2 does not plan AAA and has no word on BBB; Pink's Zaken 1.0 supports
AAA. Toetsdorp 1 and 3 run Centric, Toetsdorp 2 runs Pink, Toetsdorp 4 nothing linked.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from bouwplaats.impact.models import Application
from bouwplaats.monitor.tests.conftest import blocks, levels, member, programme, staff  # noqa: F401 (fixtures)
from bouwplaats.monitor.tests.dashboards.world import PROVINCE, make_world
from bouwplaats.organisations.tests.factories import MunicipalityFactory
from bouwplaats.suppliers.models import ReadinessState
from bouwplaats.suppliers.tests.factories import (
    ProductFactory,
    ProductVersionFactory,
    ReadinessFactory,
    SupplierFactory,
)

pytestmark = pytest.mark.django_db
OVERVIEW = reverse("monitor:dashboard-overview")
BLOCKERS = reverse("monitor:insight-blockers")
RISK = reverse("monitor:insight-risk")
STATUSES = reverse("status-list")
STATISTICS = reverse("statistics-building-block-list")


def block_url(code):
    return reverse("monitor:insight-block", args=[code])


@pytest.fixture
def world(programme, levels, blocks, staff):  # noqa: F811
    world = make_world(programme, levels, blocks, staff)
    a = blocks[0]
    centric = SupplierFactory(name="Centric")
    late = ProductVersionFactory(product=ProductFactory(supplier=centric, name="Burgerzaken"), version="5.2")
    ReadinessFactory(product_version=late, building_block=a, state=ReadinessState.NOT_PLANNED, date=None)
    pink = SupplierFactory(name="Pink")
    ready = ProductVersionFactory(product=ProductFactory(supplier=pink, name="Zaken"), version="1.0")
    ReadinessFactory(product_version=ready, building_block=a, state=ReadinessState.SUPPORTED)
    for town, version in ((world.towns[0], late), (world.towns[2], late), (world.towns[1], ready)):
        Application.objects.create(municipality=town, name="Burgerzaken", product_version=version)
    world.centric, world.pink = centric, pink
    return world


def lead_count(html: str) -> int:
    """The number of municipalities the page's opening sentence counts."""
    return int(re.search(r"(\d+) municipalit", html).group(1))


def test_staff_filter_the_overview_by_the_municipalities_that_use_a_suppliers_products(world, client):
    client.force_login(world.staff)
    html = client.get(OVERVIEW, {"provincie": PROVINCE}).content.decode()
    assert 'name="leverancier"' in html and "Uses products of supplier" in html
    assert lead_count(html) == 4
    assert f'<option value="{world.centric.pk}">Centric</option>' in html
    filtered = client.get(OVERVIEW, {"provincie": PROVINCE, "leverancier": world.centric.pk}).content.decode()
    # Toetsdorp 1 (AAA in gebruik) and 3 (AAA oriëntatie): half of them at the top level.
    assert lead_count(filtered) == 2
    alfa = re.search(r'<th scope="row">Alfa</th>(.*?)</tr>', filtered.split('id="verdeling"')[1], re.S).group(1)
    assert ">1<" in alfa and ">0<" in alfa
    export = client.get(
        OVERVIEW, {"provincie": PROVINCE, "leverancier": world.centric.pk, "export": "csv", "table": "distribution"}
    )
    assert export.status_code == 200


def test_the_overview_does_not_offer_the_filter_to_the_public(world, client, member):  # noqa: F811
    for user in (None, member):
        if user:
            client.force_login(user)
        html = client.get(OVERVIEW, {"provincie": PROVINCE, "leverancier": world.centric.pk}).content.decode()
        assert 'name="leverancier"' not in html and "Centric" not in html
        assert lead_count(html) == 4  # the parameter is not read


def test_the_filtered_overview_costs_a_constant_number_of_queries(
    world, client, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(world.staff)
    params = {"provincie": PROVINCE, "leverancier": world.centric.pk}
    cache.clear()
    with django_assert_max_num_queries(30) as first:
        client.get(OVERVIEW, params)
    # Ten more customers of Centric: the same number of queries.
    version = world.centric.products.get().versions.get()
    for index in range(10):
        town = MunicipalityFactory(code=f"GM96{index:02d}", province=world.towns[0].province)
        Application.objects.create(municipality=town, name="Burgerzaken", product_version=version)
    cache.clear()
    with django_assert_num_queries(len(first.captured_queries)):
        html = client.get(OVERVIEW, params).content.decode()
    assert lead_count(html) == 12
    # Cached: the data version of the page (with what the filter reads) and the user.
    with django_assert_num_queries(2):
        client.get(OVERVIEW, params)


def test_a_new_link_renews_the_filtered_overview(world, client):
    from bouwplaats.impact import services

    client.force_login(world.staff)
    params = {"provincie": PROVINCE, "leverancier": world.centric.pk}
    assert lead_count(client.get(OVERVIEW, params).content.decode()) == 2
    Application.objects.create(municipality=world.towns[3], name="Burgerzaken", supplier="Centric")
    services.application_suppliers_link(actor=world.staff, links={"Centric": world.centric})
    assert lead_count(client.get(OVERVIEW, params).content.decode()) == 3


def test_on_a_blocks_page_the_filter_keeps_the_municipalities_waiting_on_the_supplier(
    world, client, django_assert_max_num_queries
):
    client.force_login(world.staff)
    html = client.get(block_url("AAA"), {"provincie": PROVINCE}).content.decode()
    assert 'name="leverancier"' in html and "Waiting on supplier" in html
    assert all(f"Toetsdorp {n}" in html for n in (1, 2, 3, 4))
    cache.clear()
    with django_assert_max_num_queries(20):
        html = client.get(block_url("AAA"), {"provincie": PROVINCE, "leverancier": world.centric.pk}).content.decode()
    listed = html.split('id="block-map"')[-1]
    assert "Toetsdorp 1" in listed and "Toetsdorp 3" in listed
    assert "Toetsdorp 2" not in listed and "Toetsdorp 4" not in listed
    # Pink supports AAA: no one waits on it. Centric says nothing of BBB: no one waits on it for BBB.
    pink = client.get(block_url("AAA"), {"provincie": PROVINCE, "leverancier": world.pink.pk}).content.decode()
    bravo = client.get(block_url("BBB"), {"provincie": PROVINCE, "leverancier": world.centric.pk}).content.decode()
    for page in (pink, bravo):
        assert not any(f"Toetsdorp {n}" in page.split('id="block-map"')[-1] for n in (1, 2, 3, 4))


def test_the_blockers_and_the_deadline_risk_follow_the_filter(world, client):
    client.force_login(world.staff)
    params = {"provincie": PROVINCE, "leverancier": world.centric.pk}
    blockers = client.get(BLOCKERS, params).content.decode()
    assert "Uses products of supplier" in blockers and lead_count(blockers) == 2
    assert lead_count(client.get(BLOCKERS, {"provincie": PROVINCE}).content.decode()) == 4
    risk = client.get(RISK, params).content.decode()
    assert "Waiting on supplier" in risk
    export = client.get(RISK, {**params, "formaat": "csv"}).content.decode()
    unfiltered = client.get(RISK, {"provincie": PROVINCE, "formaat": "csv"}).content.decode()
    assert export != unfiltered


def test_the_filter_is_not_offered_on_the_public_insight_pages(world, client):
    for url in (block_url("AAA"), BLOCKERS, RISK):
        html = client.get(url, {"provincie": PROVINCE, "leverancier": world.centric.pk}).content.decode()
        assert 'name="leverancier"' not in html, url


def test_the_status_api_filters_by_supplier_for_staff(world, api_client, django_assert_num_queries):
    api_client.force_authenticate(world.staff)
    response = api_client.get(STATUSES, {"supplier": world.centric.pk, "province": PROVINCE})
    assert response.status_code == 200
    assert {row["municipality"] for row in response.json()["results"]} == {"GM9801", "GM9803"}
    assert api_client.get(STATUSES, {"supplier": world.pink.pk, "province": PROVINCE}).json()["results"][0][
        "municipality"
    ] == ("GM9802")
    assert api_client.get(STATUSES, {"supplier": 10**17}).json()["results"] == []
    assert api_client.get(STATUSES, {"supplier": "Centric"}).status_code == 400
    events = api_client.get(reverse("status-event-list"), {"supplier": world.centric.pk}).json()["results"]
    assert {row["municipality"] for row in events} == {"GM9801", "GM9803"}
    # The filter reads its municipalities in one query, whatever their number.
    with django_assert_num_queries(len(_queries(api_client, world.pink))):
        api_client.get(STATUSES, {"supplier": world.centric.pk, "province": PROVINCE})


def _queries(api_client, supplier):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        api_client.get(STATUSES, {"supplier": supplier.pk, "province": PROVINCE})
    return context.captured_queries


def test_the_supplier_parameter_is_refused_to_others(world, api_client, member):  # noqa: F811
    for user in (None, member):
        if user:  # (forcing no user would log out, which clears the language cookie too)
            api_client.force_authenticate(user)
        for url in (STATUSES, STATISTICS):
            response = api_client.get(url, {"supplier": world.centric.pk})
            assert response.status_code == 403, url
            assert response["Content-Type"] == "application/problem+json"
            assert "Only programme staff may filter by supplier" in response.json()["detail"]
        assert api_client.get(STATISTICS).status_code == 200  # without it, the statistics stay public


def test_the_statistics_api_counts_the_suppliers_customers(world, api_client):
    api_client.force_authenticate(world.staff)
    data = api_client.get(STATISTICS, {"province": PROVINCE, "supplier": world.centric.pk}).json()
    alfa = next(item for item in data["results"] if item["building_block"] == "AAA")
    assert alfa["municipalities"] == 2
    assert [level["count"] for level in alfa["levels"]] == [0, 1, 0, 1]
    provinces = api_client.get(reverse("statistics-province-list"), {"supplier": world.pink.pk}).json()["results"]
    assert {(item["province"], item["municipalities"]) for item in provinces} == {(PROVINCE, 1)}
