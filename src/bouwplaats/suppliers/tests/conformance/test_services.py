# SPDX-License-Identifier: EUPL-1.2
"""conformance_report_create: who may check for whom, one audit entry, nothing kept of a refused upload."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bouwplaats.accounts.models import MembershipStatus
from bouwplaats.audit.models import AuditEntry
from bouwplaats.suppliers.conformance.services import conformance_report_create
from bouwplaats.suppliers.models import ConformanceReport

from .conftest import UPDATE_ZAAK, WRONG_ELEMENT_PATH, example, representative, upload, with_wrong_element

pytestmark = pytest.mark.django_db


def create(actor, standard, data=None, name=UPDATE_ZAAK, **owner):
    return conformance_report_create(
        actor=actor, standard=standard, upload=upload(name, data or example(UPDATE_ZAAK)), **owner
    )


def counts():
    return ConformanceReport.objects.count(), AuditEntry.objects.count()


def test_a_representative_checks_for_their_supplier(rep_a, supplier_a, zkn):
    before = counts()
    report = create(rep_a, zkn, supplier=supplier_a)
    assert counts() == (before[0] + 1, before[1] + 1)
    assert (report.passed, report.message_count, report.error_count) == (True, 1, 0)
    assert (report.supplier, report.municipality, report.uploaded_by, report.file_name) == (
        supplier_a,
        None,
        rep_a,
        UPDATE_ZAAK,
    )
    assert len(report.sha256) == 64
    entry = AuditEntry.objects.latest("pk")
    assert (entry.action, entry.actor, entry.object_id) == (
        "suppliers.conformance_report.create",
        rep_a,
        str(report.pk),
    )
    assert entry.changes["passed"] is True and entry.changes["standard"] == "stuf-zkn-0310"


def test_a_failing_report_keeps_the_errors(rep_a, supplier_a, zkn):
    report = create(rep_a, zkn, with_wrong_element(example(UPDATE_ZAAK)), supplier=supplier_a)
    assert (report.passed, report.error_count) == (False, 1)
    assert report.results[0]["errors"][0]["path"] == WRONG_ELEMENT_PATH


def test_a_coordinator_checks_for_their_municipality(coordinator_a, town_a, zkn):
    report = create(coordinator_a, zkn, municipality=town_a)
    assert (report.municipality, report.supplier) == (town_a, None)


def test_staff_check_for_anyone(staff, supplier_b, town_b, zkn):
    assert create(staff, zkn, supplier=supplier_b).supplier == supplier_b
    assert create(staff, zkn, municipality=town_b).municipality == town_b


@pytest.mark.parametrize(
    ("actor", "owner"),
    [
        ("rep_a", {"supplier": "supplier_b"}),
        ("rep_a", {"municipality": "town_a"}),
        ("coordinator_a", {"municipality": "town_b"}),
        ("coordinator_a", {"supplier": "supplier_a"}),
        ("member", {"supplier": "supplier_a"}),
        (None, {"municipality": "town_a"}),
    ],
)
def test_others_may_not_check(request, actor, owner, zkn, rep_a, coordinator_a):
    user = request.getfixturevalue(actor) if actor else None
    owner = {key: request.getfixturevalue(value) for key, value in owner.items()}
    before = counts()
    with pytest.raises(PermissionDenied):
        create(user, zkn, **owner)
    assert counts() == before


@pytest.mark.parametrize("status", [MembershipStatus.PENDING, MembershipStatus.REJECTED, MembershipStatus.ENDED])
def test_only_an_approved_membership_makes_a_representative(status, supplier_a, zkn):
    with pytest.raises(PermissionDenied):
        create(representative(supplier_a, status=status), zkn, supplier=supplier_a)


def test_a_check_is_for_one_owner(staff, supplier_a, town_a, zkn, english_messages):
    with pytest.raises(ValidationError) as error:
        create(staff, zkn)
    assert error.value.message_dict == {"supplier": ["Choose the supplier or the municipality the check is for."]}
    with pytest.raises(ValidationError) as error:
        create(staff, zkn, supplier=supplier_a, municipality=town_a)
    assert error.value.message_dict == {"supplier": ["A check is for a supplier or for a municipality, not for both."]}


def test_the_standard_must_have_a_check(staff, supplier_a, digikoppeling, english_messages):
    with pytest.raises(ValidationError) as error:
        create(staff, digikoppeling, supplier=supplier_a)
    assert error.value.message_dict == {"standard": ["Choose a standard that has a conformance check."]}


def test_a_refused_upload_keeps_nothing(rep_a, supplier_a, zkn, english_messages):
    before = counts()
    with pytest.raises(ValidationError) as error:
        create(rep_a, zkn, b"geen xml", supplier=supplier_a)
    assert list(error.value.message_dict) == ["file"]
    assert "this is not XML" in error.value.message_dict["file"][0]
    assert counts() == before
