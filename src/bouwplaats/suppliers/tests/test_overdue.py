# SPDX-License-Identifier: EUPL-1.2
"""The one rule of an overdue delivery commitment (``selectors.commitments``): its date has passed and none of the
supplier's versions supported the building block by then. Checked on the days around each edge."""

import datetime

import pytest

from bouwplaats.suppliers import selectors

from .factories import CommitmentFactory, ProductFactory, ProductVersionFactory, ReadinessFactory, SignatureFactory

DUE = datetime.date(2014, 1, 1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def commitment(supplier, blocks):
    signature = SignatureFactory(supplier=supplier, agreement__programme=blocks[0].programme)
    return CommitmentFactory(signature=signature, building_block=blocks[0], due_date=DUE)


def state(commitment, today):
    found = selectors.commitments(today=today).get(pk=commitment.pk)
    return found.is_overdue, found.delivered_on


@pytest.mark.parametrize(("today", "overdue"), [(DUE - DAY, False), (DUE, False), (DUE + DAY, True)])
def test_without_support_a_commitment_is_overdue_from_the_day_after_its_date(commitment, today, overdue):
    assert state(commitment, today) == (overdue, None)


@pytest.mark.parametrize(
    ("supported_since", "overdue"),
    [(DUE - DAY, False), (DUE, False), (DUE + DAY, True)],
)
def test_support_on_or_before_the_date_meets_it_and_later_support_is_late(
    commitment, version, supported_since, overdue
):
    ReadinessFactory(product_version=version, building_block=commitment.building_block, date=supported_since)
    assert state(commitment, DUE + 10 * DAY) == (overdue, supported_since)


def test_the_earliest_support_in_any_version_of_any_product_of_the_supplier_counts(commitment, supplier, version):
    block = commitment.building_block
    ReadinessFactory(product_version=version, building_block=block, date=DUE + 5 * DAY)
    other_product = ProductVersionFactory(product=ProductFactory(supplier=supplier), release_date=DUE - 30 * DAY)
    ReadinessFactory(product_version=other_product, building_block=block, date=DUE - 2 * DAY)
    assert state(commitment, DUE + 10 * DAY) == (False, DUE - 2 * DAY)


def test_planned_support_another_block_and_another_supplier_do_not_count(commitment, version, other_version, blocks):
    block = commitment.building_block
    ReadinessFactory(product_version=version, building_block=block, state="planned", date=DUE - DAY)
    ReadinessFactory(product_version=version, building_block=blocks[1], date=DUE - DAY)
    ReadinessFactory(product_version=other_version, building_block=block, date=DUE - DAY)
    assert state(commitment, DUE + DAY) == (True, None)


def test_overdue_commitments_by_supplier_block_and_programme(commitment, supplier, other_supplier, blocks):
    later = CommitmentFactory(
        signature=SignatureFactory(supplier=other_supplier, agreement=commitment.signature.agreement),
        building_block=blocks[1],
        due_date=DUE + 30 * DAY,
    )
    today = DUE + DAY
    assert list(selectors.overdue_commitments(today=today)) == [commitment]
    assert list(selectors.overdue_commitments(today=today + 30 * DAY)) == [commitment, later]
    assert list(selectors.overdue_commitments(today=today + 30 * DAY, supplier=other_supplier)) == [later]
    assert list(selectors.overdue_commitments(today=today + 30 * DAY, building_block=blocks[0])) == [commitment]
    assert selectors.commitment_summary(programme=blocks[0].programme, today=today).overdue == [commitment]
    summary = selectors.commitment_summary(programme=blocks[0].programme, today=today)
    assert (summary.total, summary.due) == (2, 1)


def test_the_supplier_list_counts_the_overdue_commitments(commitment, supplier, other_supplier):
    counts = {s.name: s.overdue_count for s in selectors.suppliers(today=DUE + DAY)}
    assert (counts["Acme Software"], counts["Beta Systemen"]) == (1, 0)
    assert {s.name: s.overdue_count for s in selectors.suppliers(today=DUE)}["Acme Software"] == 0
