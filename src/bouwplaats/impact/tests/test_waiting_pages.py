# SPDX-License-Identifier: EUPL-1.2
"""Who waits on whom on the block page, the supplier page, the monitor's risk list and in the API."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from bouwplaats.catalogue.tests.factories import BuildingBlockFactory, ProgrammeFactory, ResultAgreementFactory
from bouwplaats.impact import monitor_hooks
from bouwplaats.impact.models import Application
from bouwplaats.suppliers.models import ReadinessState
from bouwplaats.suppliers.tests.factories import (
    ProductFactory,
    ProductVersionFactory,
    ReadinessFactory,
    SupplierFactory,
)

DEADLINE = datetime.date(2015, 3, 1)


@pytest.fixture
def block(db):
    programme = ProgrammeFactory()
    block = BuildingBlockFactory(programme=programme, code="DIGID", name="DigiD")
    ResultAgreementFactory(programme=programme, deadline=DEADLINE, building_blocks=[block])
    return block


@pytest.fixture
def late(block, town_a, town_b):
    """Centric plans DigiD a day after the deadline; Amsterdam and Groningen run that version."""
    supplier = SupplierFactory(name="Centric")
    version = ProductVersionFactory(product=ProductFactory(supplier=supplier, name="Key2Burgerzaken"), version="5.2")
    ReadinessFactory(
        product_version=version,
        building_block=block,
        state=ReadinessState.PLANNED,
        date=DEADLINE + datetime.timedelta(days=1),
    )
    for town in (town_a, town_b):
        Application.objects.create(municipality=town, name="Burgerzaken", supplier="Centric", product_version=version)
    return supplier


def block_url(block):
    return reverse("catalogue:building-block-detail", args=[block.programme.slug, block.code])


def test_the_block_page_shows_the_late_supplier_and_who_waits_names_for_staff_only(client, block, late, staff):
    html = client.get(block_url(block)).content.decode()
    assert "Municipalities waiting on their supplier" in html
    assert "Centric" in html and "Key2Burgerzaken 5.2: planned for 2 March 2015" in html
    assert "Amsterdam" not in html  # landscapes are not public: the number only
    client.force_login(staff)
    html = client.get(block_url(block)).content.decode()
    assert "2: Amsterdam, Groningen" in html


def test_the_block_page_in_dutch(block, late):
    html = Client().get(block_url(block)).content.decode()
    assert "Gemeenten die wachten op hun leverancier" in html
    assert "gepland voor 2 maart 2015" in html


def test_the_supplier_page_shows_per_block_who_waits(client, block, late, staff):
    client.force_login(staff)
    html = client.get(reverse("suppliers:supplier-detail", args=[late.pk])).content.decode()
    assert "Municipalities waiting on this supplier" in html
    assert "DigiD" in html and "1 March 2015" in html and "Amsterdam, Groningen" in html


def test_no_section_when_the_supplier_is_in_time(client, block, late):
    from bouwplaats.suppliers.models import Readiness

    Readiness.objects.update(date=DEADLINE)  # ready ON the deadline: in time
    assert "Municipalities waiting" not in client.get(block_url(block)).content.decode()


def test_the_deadline_risk_reason_and_the_supplier_filter(block, late, town_a):
    reasons = monitor_hooks.risk_reasons([town_a.pk], [block])
    [reason] = reasons[(town_a.pk, block.pk)]
    assert reason.text == "supplier Centric plans it for 2 March 2015, after the deadline (Key2Burgerzaken 5.2)"
    assert monitor_hooks.supplier_choices() == [(str(late.pk), "Centric")]
    assert town_a.pk in monitor_hooks.waiting_on(str(late.pk), [block])


def test_the_api_per_block_and_per_supplier(api_client, block, late, staff, member, django_assert_max_num_queries):
    api_client.force_authenticate(member)
    url = reverse("impact-waiting-building-block", kwargs={"block_id": block.pk})
    [row] = api_client.get(url).json()
    assert row["supplier_name"] == "Centric"
    assert row["municipality_count"] == 2 and row["municipalities"] == []
    assert row["versions"][0]["state"] == "planned" and row["versions"][0]["date"] == "2015-03-02"
    api_client.force_authenticate(staff)
    with django_assert_max_num_queries(6):
        [row] = api_client.get(reverse("impact-waiting-supplier", kwargs={"supplier_id": late.pk})).json()
    assert row["building_block_code"] == "DIGID" and row["deadline"] == "2015-03-01"
    assert [m["name"] for m in row["municipalities"]] == ["Amsterdam", "Groningen"]
    assert api_client.get(reverse("impact-waiting-supplier", kwargs={"supplier_id": 999999})).status_code == 404


def test_the_landscape_api_shows_the_links(api_client, late, staff, town_a):
    api_client.force_authenticate(staff)
    [row] = api_client.get(reverse("impact-landscape-detail", args=["GM0363"])).json()["results"]
    application = Application.objects.get(municipality=town_a)
    assert row["product_version"] == application.product_version_id
    assert row["linked_supplier"] is None


def test_the_edit_form_links_a_product_version(client, late, town_a, coordinator_a):
    application = Application.objects.get(municipality=town_a)
    version = application.product_version
    client.force_login(coordinator_a)
    url = reverse("impact:application-edit", args=["GM0363", application.pk])
    html = client.get(url).content.decode()
    assert '<optgroup label="Centric – Key2Burgerzaken">' in html
    response = client.post(url, {"name": "Burgerzaken", "supplier": "Centric B.V.", "product_version": version.pk})
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.linked_supplier, application.product_version, application.supplier) == (
        late,
        version,
        "Centric B.V.",
    )
    other = SupplierFactory(name="Andere")
    response = client.post(url, {"name": "Burgerzaken", "linked_supplier": other.pk, "product_version": version.pk})
    assert response.status_code == 200
    assert "This product version is not one of Andere." in response.content.decode()
