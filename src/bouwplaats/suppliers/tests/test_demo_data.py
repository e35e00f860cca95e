# SPDX-License-Identifier: EUPL-1.2
"""The demo suppliers: the supplier and product names of the demo landscapes, versions 2010.1 to 2014.4, readiness
within the rules of the services, signatures and delivery dates, a demo representative; loaded once."""

import datetime

import pytest
from django.core.management import call_command

from bouwplaats.accounts.models import MembershipStatus, Role, User
from bouwplaats.audit.models import AuditEntry
from bouwplaats.suppliers import demo
from bouwplaats.suppliers.models import (
    AgreementSignature,
    DeliveryCommitment,
    Product,
    ProductVersion,
    Readiness,
    Supplier,
    SupplierMembership,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    call_command("load_demo_data", force=True, verbosity=0)
    return demo.demo_suppliers_load(allowed=True)


def test_the_demo_suppliers_and_their_data(loaded):
    assert loaded["suppliers"] == 25 and not loaded["skipped"]
    assert set(Supplier.objects.filter(is_demo=True).values_list("name", flat=True)) == set(demo.supplier_names())
    assert not Supplier.objects.filter(is_demo=True, kvk_number__isnull=False).exists()
    assert Product.objects.filter(is_demo=True).count() == loaded["products"] == 42
    key2zaken = Product.objects.get(name="Key2Zaken")
    assert [v.version for v in key2zaken.versions.order_by("release_date")][:2] == ["2010.1", "2010.2"]
    assert key2zaken.versions.count() == 20
    assert Readiness.objects.count() == loaded["readiness"] > 500
    assert AgreementSignature.objects.filter(is_demo=True).count() == loaded["signatures"]
    assert DeliveryCommitment.objects.count() == loaded["commitments"] > 0
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.actor, entry.object_type) == ("suppliers.demo.load", None, "suppliers.demo")


def test_the_demo_readiness_keeps_the_rules_of_the_services(loaded):
    today = datetime.date.today()
    for readiness in Readiness.objects.select_related("product_version"):
        if readiness.state == "not_planned":
            assert readiness.date is None
        else:
            assert readiness.date >= readiness.product_version.release_date
        if readiness.state == "supported":
            assert readiness.date <= today
    for version in ProductVersion.objects.all():
        assert version.end_of_support >= version.release_date


def test_the_demo_representative_of_centric_and_a_pending_request(loaded):
    representative = User.objects.get(email=demo.DEMO_REPRESENTATIVE)
    assert (representative.role, representative.organisation_name) == (Role.SUPPLIER, "Centric")
    membership = SupplierMembership.objects.get(user=representative)
    assert (membership.status, membership.supplier.name) == (MembershipStatus.APPROVED, "Centric")
    pending = SupplierMembership.objects.get(status=MembershipStatus.PENDING)
    assert pending.supplier.name == "PinkRoccade Local Government"


def test_loading_again_changes_nothing_and_removing_removes_it_all(loaded):
    counts = (Supplier.objects.count(), Readiness.objects.count(), SupplierMembership.objects.count())
    again = demo.demo_suppliers_load(allowed=True)
    assert again["skipped"] and again["representatives"] == []
    assert (Supplier.objects.count(), Readiness.objects.count(), SupplierMembership.objects.count()) == counts
    demo.demo_suppliers_remove(allowed=True)
    assert not Supplier.objects.filter(is_demo=True).exists() and not Readiness.objects.exists()
    assert User.objects.get(email=demo.DEMO_REPRESENTATIVE).role == Role.MEMBER


def test_demo_data_only_on_a_development_site(db):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        demo.demo_suppliers_load(allowed=False)
