# SPDX-License-Identifier: EUPL-1.2
"""The monitor's list of municipalities at risk: the supplier reason and the staff's supplier filter."""

import pytest
from django.urls import reverse

from bouwplaats.impact.models import Application
from bouwplaats.monitor.tests.conftest import levels, programme, staff, town_a, town_b  # noqa: F401 (fixtures)
from bouwplaats.monitor.tests.factories import BuildingBlockFactory
from bouwplaats.suppliers.models import ReadinessState
from bouwplaats.suppliers.tests.factories import (
    ProductFactory,
    ProductVersionFactory,
    ReadinessFactory,
    SupplierFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("monitor:insight-risk-list")


@pytest.fixture
def waiting_a(programme, levels, town_a, town_b):  # noqa: F811
    """Alfa is due on 1 January 2023; Aadorp's supplier Centric does not plan it, Beedorp runs nothing linked."""
    block = BuildingBlockFactory(programme=programme, code="AAA", name="Alfa")
    supplier = SupplierFactory(name="Centric")
    version = ProductVersionFactory(product=ProductFactory(supplier=supplier), version="5.2")
    ReadinessFactory(product_version=version, building_block=block, state=ReadinessState.NOT_PLANNED, date=None)
    Application.objects.create(municipality=town_a, name="Burgerzaken", product_version=version)
    return supplier


def test_staff_filter_the_municipalities_at_risk_by_the_supplier_they_wait_on(client, staff, waiting_a):  # noqa: F811
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert "Aadorp" in html and "Beedorp" in html  # both stalled: nothing reported
    assert "supplier Centric does not plan it" in html  # Aadorp's reason
    assert 'name="leverancier"' in html
    html = client.get(URL, {"leverancier": str(waiting_a.pk)}).content.decode()
    assert "Aadorp" in html
    assert "Beedorp" not in html.split("<tbody>", 1)[1]


def test_the_filter_is_not_offered_to_whom_may_not_use_it():
    from bouwplaats.accounts.tests.factories import UserFactory
    from bouwplaats.monitor.extensions import municipality_filters

    assert [item.key for item in municipality_filters(UserFactory())] == []


def test_a_new_link_renews_the_cached_list(client, staff, waiting_a, town_b):  # noqa: F811
    from bouwplaats.impact import services
    from bouwplaats.impact.models import Application as App

    client.force_login(staff)
    assert "Beedorp" not in client.get(URL, {"leverancier": str(waiting_a.pk)}).content.decode().split("<tbody>", 1)[1]
    product = waiting_a.products.get()
    App.objects.create(municipality=town_b, name="Burgerzaken", supplier="Centric", product=product.name, version="5.2")
    services.application_suppliers_link(actor=staff, links={"Centric": waiting_a})
    html = client.get(URL, {"leverancier": str(waiting_a.pk)}).content.decode()
    assert "Beedorp" in html.split("<tbody>", 1)[1]


def test_a_reported_supplier_blocker_is_confirmed_or_questioned_in_the_progress_table(
    staff,  # noqa: F811
    waiting_a,
    town_a,  # noqa: F811
    levels,  # noqa: F811
    client,
):
    import datetime

    from bouwplaats.catalogue.models import BuildingBlock
    from bouwplaats.impact import monitor_hooks
    from bouwplaats.monitor import services as monitor_services
    from bouwplaats.suppliers.models import Readiness

    block = BuildingBlock.objects.get(code="AAA")
    assert monitor_hooks.verdict_cells(town_a, [block]) == {}  # nothing reported
    monitor_services.status_report(
        actor=staff,
        municipality=town_a,
        building_block=block,
        level=levels[1],
        valid_from=datetime.date(2022, 3, 1),
        blockers=["supplier_not_ready"],
    )
    assert monitor_hooks.verdict_cells(town_a, [block])[block.pk].text.startswith("confirmed")
    client.force_login(staff)
    html = client.get(reverse("monitor:municipality-progress", args=[town_a.code])).content.decode()
    assert "confirmed: a linked product version is not ready in time" in html
    Readiness.objects.update(state=ReadinessState.SUPPORTED, date=datetime.date(2014, 1, 1))
    assert monitor_hooks.verdict_cells(town_a, [block])[block.pk].text.startswith("questioned")
