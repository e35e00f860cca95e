# SPDX-License-Identifier: EUPL-1.2
"""passing_reports: what a representative may attach to a readiness; reports_for; in one query each."""

import pytest

from bouwplaats.suppliers.conformance.selectors import owners_for, passing_reports, reports_for
from bouwplaats.suppliers.conformance.services import conformance_report_create

from .conftest import UPDATE_ZAAK, example, upload, with_wrong_element

pytestmark = pytest.mark.django_db


def report_of(actor, standard, data=None, **owner):
    return conformance_report_create(
        actor=actor, standard=standard, upload=upload(UPDATE_ZAAK, data or example(UPDATE_ZAAK)), **owner
    )


def test_passing_reports_of_a_supplier_and_standard_newest_first(
    rep_a, rep_b, supplier_a, supplier_b, zkn, bg0204, staff, django_assert_num_queries
):
    older = report_of(rep_a, zkn, supplier=supplier_a)
    report_of(rep_a, zkn, with_wrong_element(example(UPDATE_ZAAK)), supplier=supplier_a)  # failed
    newer = report_of(staff, zkn, supplier=supplier_a)
    report_of(rep_b, zkn, supplier=supplier_b)  # another supplier
    with django_assert_num_queries(1):
        found = list(passing_reports(supplier_a, zkn))
        assert [(report.pk, report.standard.code, report.uploaded_by) for report in found] == [
            (newer.pk, "stuf-zkn-0310", staff),
            (older.pk, "stuf-zkn-0310", rep_a),
        ]
    assert list(passing_reports(supplier_a, bg0204)) == []


def test_reports_for_reads_one_query(rep_a, supplier_a, coordinator_a, town_a, zkn, django_assert_num_queries):
    mine = report_of(rep_a, zkn, supplier=supplier_a)
    report_of(coordinator_a, zkn, municipality=town_a)
    with django_assert_num_queries(1):
        found = list(reports_for(rep_a))
        assert [(report.pk, report.supplier.name, report.standard.name) for report in found] == [
            (mine.pk, "Centric", "StUF-ZKN 3.10")
        ]


def test_owners_of_a_representative_a_coordinator_and_nobody(rep_a, supplier_a, coordinator_a, town_a, member):
    assert owners_for(rep_a).suppliers == [supplier_a] and owners_for(rep_a).municipalities == []
    assert owners_for(coordinator_a).municipalities == [town_a] and owners_for(coordinator_a).suppliers == []
    assert not owners_for(member)
