# SPDX-License-Identifier: EUPL-1.2
"""Who waits on whom: a municipality's linked product version against the block's deadline."""

import datetime

import pytest

from bouwplaats.catalogue.tests.factories import BuildingBlockFactory, ProgrammeFactory, ResultAgreementFactory
from bouwplaats.impact import waiting
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
    block = BuildingBlockFactory(programme=programme, name="DigiD", deadline=datetime.date(2016, 1, 1))
    ResultAgreementFactory(programme=programme, deadline=DEADLINE, building_blocks=[block])
    ResultAgreementFactory(programme=programme, deadline=datetime.date(2015, 12, 1), building_blocks=[block])
    return block


@pytest.fixture
def supplier(db):
    return SupplierFactory(name="Centric")


def version_of(supplier, number="1.0"):
    return ProductVersionFactory(product=ProductFactory(supplier=supplier, name="Burgerzaken"), version=number)


def run(municipality, version, name="Burgerzaken"):
    return Application.objects.create(
        municipality=municipality, name=name, supplier=version.product.supplier.name, product_version=version
    )


def test_the_deadline_is_the_earliest_result_agreement(block):
    assert waiting.block_deadlines([block]) == {block.pk: DEADLINE}


def test_an_agreement_without_a_date_counts_with_the_blocks_own_deadline(db):
    programme = ProgrammeFactory()
    block = BuildingBlockFactory(programme=programme, deadline=datetime.date(2014, 1, 1))
    ResultAgreementFactory(programme=programme, deadline=None, building_blocks=[block])
    ResultAgreementFactory(programme=programme, deadline=DEADLINE, building_blocks=[block])
    without = BuildingBlockFactory(programme=programme, deadline=None)
    plain = BuildingBlockFactory(programme=programme, deadline=DEADLINE)
    assert waiting.block_deadlines([block, without, plain]) == {
        block.pk: datetime.date(2014, 1, 1),
        plain.pk: DEADLINE,
    }


@pytest.mark.parametrize(
    ("state", "date", "waits"),
    [
        (ReadinessState.SUPPORTED, datetime.date(2020, 1, 1), False),  # supported since any date: in time
        (ReadinessState.PLANNED, DEADLINE, False),  # ready ON the deadline: in time
        (ReadinessState.PLANNED, DEADLINE - datetime.timedelta(days=1), False),
        (ReadinessState.PLANNED, DEADLINE + datetime.timedelta(days=1), True),
        (ReadinessState.NOT_PLANNED, None, True),
    ],
)
def test_in_time_or_waiting(block, supplier, town_a, state, date, waits):
    version = version_of(supplier)
    ReadinessFactory(product_version=version, building_block=block, state=state, date=date)
    run(town_a, version)
    late = waiting.block_waits(block)
    assert bool(late) is waits
    if waits:
        assert late[0].supplier == supplier
        assert late[0].municipalities == [town_a]


def test_a_version_without_a_record_waits_when_another_version_of_the_product_has_one(block, supplier, town_a):
    old, new = version_of(supplier, "1.0"), None
    new = ProductVersionFactory(product=old.product, version="2.0")
    ReadinessFactory(product_version=new, building_block=block, state=ReadinessState.SUPPORTED)
    run(town_a, old)
    [wait] = waiting.block_waits(block)
    assert wait.version_rows[0].state == waiting.NO_RECORD


def test_a_product_without_any_readiness_for_the_block_does_not_concern_it(block, supplier, town_a):
    run(town_a, version_of(supplier))
    assert waiting.block_waits(block) == []


def test_block_waits_per_supplier_with_their_municipalities(block, supplier, town_a, town_b):
    late = version_of(supplier)
    ReadinessFactory(
        product_version=late, building_block=block, state=ReadinessState.PLANNED, date=DEADLINE.replace(year=2016)
    )
    ready = version_of(SupplierFactory(name="Pink Roccade"))
    ReadinessFactory(product_version=ready, building_block=block, state=ReadinessState.SUPPORTED)
    run(town_a, late)
    run(town_b, late)
    run(town_b, ready, name="Zaaksysteem")
    [wait] = waiting.block_waits(block)
    assert wait.supplier == supplier
    assert {m.pk for m in wait.municipalities} == {town_a.pk, town_b.pk}
    assert waiting.supplier_waits(supplier)[0].building_block == block
    assert waiting.blocker_verdicts([town_a.pk, town_b.pk], [block]) == {
        (town_a.pk, block.pk): True,
        (town_b.pk, block.pk): True,  # one late version is enough
    }
    assert waiting.waiting_municipality_ids(supplier=supplier, blocks=[block]) == {town_a.pk, town_b.pk}


def test_a_blocker_is_questioned_when_every_linked_version_is_ready(block, supplier, town_a):
    version = version_of(supplier)
    ReadinessFactory(product_version=version, building_block=block, state=ReadinessState.SUPPORTED)
    run(town_a, version)
    assert waiting.blocker_verdicts([town_a.pk], [block]) == {(town_a.pk, block.pk): False}


def test_the_queries_do_not_grow_with_the_municipalities(block, supplier, django_assert_num_queries, division_date):
    from bouwplaats.organisations.models import Municipality

    version = version_of(supplier)
    ReadinessFactory(product_version=version, building_block=block, state=ReadinessState.NOT_PLANNED, date=None)
    towns = list(Municipality.objects.on(division_date).order_by("code")[:40])
    Application.objects.bulk_create(
        [Application(municipality=town, name="Burgerzaken", product_version=version) for town in towns]
    )
    with django_assert_num_queries(3):  # the deadlines, the applications, the readiness
        [wait] = waiting.block_waits(block)
    assert len(wait.municipalities) == len(towns)
    with django_assert_num_queries(4):  # the blocks the supplier has readiness for, and the three
        assert len(waiting.supplier_waits(supplier)[0].municipalities) == len(towns)
