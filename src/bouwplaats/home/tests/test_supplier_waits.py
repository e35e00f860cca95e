# SPDX-License-Identifier: EUPL-1.2
"""'Mijn gemeente' says which supplier the municipality waits on, in Dutch with the localised date."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from bouwplaats.catalogue.tests.factories import ResultAgreementFactory
from bouwplaats.impact.models import Application
from bouwplaats.suppliers.models import ReadinessState
from bouwplaats.suppliers.tests.factories import (
    ProductFactory,
    ProductVersionFactory,
    ReadinessFactory,
    SupplierFactory,
)

from .conftest import report

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_supplier(blocks, town_a, levels):
    alfa = blocks[0]
    ResultAgreementFactory(
        programme=alfa.programme, deadline=datetime.date(2015, 1, 1), building_blocks=[alfa], required_level=levels[3]
    )
    version = ProductVersionFactory(product=ProductFactory(supplier=SupplierFactory(name="Centric")), version="5.2")
    ReadinessFactory(
        product_version=version, building_block=alfa, state=ReadinessState.PLANNED, date=datetime.date(2015, 3, 1)
    )
    Application.objects.create(municipality=town_a, name="Burgerzaken", supplier="Centric", product_version=version)
    return version


def test_my_municipality_says_the_supplier_plans_the_block_after_the_deadline(
    coordinator_a, late_supplier, staff, town_a, blocks, levels
):
    report(staff, town_a, blocks[0], levels[1], datetime.date(2014, 3, 1), blockers=["supplier_not_ready"])
    dutch = Client()
    dutch.force_login(coordinator_a)
    html = dutch.get(reverse("home:municipality", args=["GM9901"])).content.decode()
    assert "Wachten op uw leveranciers" in html
    assert "Leverancier Centric plant Alfa voor 1 maart 2015, na de deadline van 1 januari 2015" in html
    # The reported blocker is borne out by the landscape.
    assert "Leverancier niet klaar: bevestigd" in html
