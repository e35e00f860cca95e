# SPDX-License-Identifier: EUPL-1.2
"""The suppliers API: everyone reads; writes go through the services, so a representative changing another
supplier's data by its id gets 403, as do coordinators changing readiness; the lists have constant queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bouwplaats.accounts.models import Role
from bouwplaats.core.testing import invalid_params
from bouwplaats.suppliers.models import Product, ProductVersion, Readiness, Supplier, SupplierMembership

from .factories import (
    AgreementFactory,
    CommitmentFactory,
    ProductFactory,
    ProductVersionFactory,
    ReadinessFactory,
    SignatureFactory,
    StandardFactory,
    SupplierFactory,
)


def test_everyone_reads_suppliers_products_versions_and_readiness(api_client, supplier, version, blocks):
    ReadinessFactory(product_version=version, building_block=blocks[0])
    suppliers = api_client.get("/api/v1/suppliers", {"search": "acme"}).json()
    assert [row["name"] for row in suppliers["results"]] == ["Acme Software"]
    assert suppliers["results"][0]["product_count"] == 1 and suppliers["results"][0]["overdue_count"] == 0
    products = api_client.get("/api/v1/products", {"supplier": supplier.pk}).json()["results"]
    assert [row["name"] for row in products] == ["Acme Zaken"]
    versions = api_client.get("/api/v1/product-versions", {"supplier": supplier.pk}).json()["results"]
    assert [(row["version"], row["release_date"]) for row in versions] == [("2013.1", "2013-01-01")]
    readiness = api_client.get("/api/v1/readiness", {"buildingBlock": "AAA", "supplier": supplier.pk}).json()
    assert [(row["building_block_code"], row["state"], row["date"]) for row in readiness["results"]] == [
        ("AAA", "supported", "2013-06-01")
    ]


def test_standards_by_code_with_the_seeded_ones(api_client, db):
    stuf = api_client.get("/api/v1/standards/stuf-bg-0204").json()
    assert stuf == {
        "code": "stuf-bg-0204",
        "name": "StUF-BG 2.04",
        "gemma_object_id": "c2f78a11-8db0-11e3-67ab-0050568a6153",
        "schema_set": "stuf-bg-0204",
        "source": "https://github.com/VNG-Realisatie/StUF-BG",
    }


def test_agreements_with_signatures_and_overdue_commitments(api_client, supplier, blocks):
    agreement = AgreementFactory(programme=blocks[0].programme, title="Addendum Alfa", building_blocks=[blocks[0]])
    signature = SignatureFactory(agreement=agreement, supplier=supplier)
    CommitmentFactory(signature=signature, building_block=blocks[0], due_date=datetime.date(2014, 1, 1))
    found = api_client.get(f"/api/v1/supplier-agreements/{agreement.pk}").json()
    assert found["building_blocks"] == ["AAA"]
    commitment = found["signatures"][0]["commitments"][0]
    assert (commitment["building_block_code"], commitment["is_overdue"], commitment["delivered_on"]) == (
        "AAA",
        True,
        None,
    )
    overdue = api_client.get("/api/v1/delivery-commitments", {"overdue": "true", "supplier": supplier.pk}).json()
    assert [row["due_date"] for row in overdue["results"]] == ["2014-01-01"]
    # The seeded covenant and addenda are there too.
    titles = [row["title"] for row in api_client.get("/api/v1/supplier-agreements").json()["results"]]
    assert "Convenant KING en leveranciers" in titles


def test_list_queries_do_not_grow(api_client, supplier, blocks):
    def counts():
        found = {}
        for path in (
            "/api/v1/suppliers",
            "/api/v1/readiness",
            "/api/v1/supplier-agreements",
            "/api/v1/delivery-commitments",
        ):
            with CaptureQueriesContext(connection) as captured:
                assert api_client.get(path).status_code == 200
            found[path] = len(captured)
        return found

    agreement = AgreementFactory(programme=blocks[0].programme)

    def add(number):
        other = SupplierFactory(name=f"Extra {number}")
        version = ProductVersionFactory(product=ProductFactory(supplier=other))
        ReadinessFactory(product_version=version, building_block=blocks[0])
        signature = SignatureFactory(agreement=agreement, supplier=other)
        CommitmentFactory(signature=signature, building_block=blocks[number % 2])

    add(0)
    first = counts()
    for number in range(1, 5):
        add(number)
    assert counts() == first
    assert max(first.values()) <= 6


# --- writes ----------------------------------------------------------------------------------------------


def test_staff_add_and_change_a_supplier(api_client, staff):
    api_client.force_authenticate(staff)
    response = api_client.post("/api/v1/suppliers", {"name": "Gamma", "kvk_number": "12-34-56-78"}, format="json")
    assert response.status_code == 400
    assert invalid_params(response) == {
        "kvk_number": [
            "A KvK number consists of 8 digits only, without spaces, dots or hyphens; "
            "“12-34-56-78” holds other characters."
        ]
    }
    created = api_client.post("/api/v1/suppliers", {"name": "Gamma", "kvk_number": "12345678"}, format="json")
    assert created.status_code == 201 and created.json()["kvk_number"] == "12345678"
    pk = created.json()["id"]
    changed = api_client.patch(f"/api/v1/suppliers/{pk}", {"website": "https://gamma.example"}, format="json")
    assert changed.json()["website"] == "https://gamma.example"


def test_a_representative_writes_the_own_supplier_and_gets_403_for_another_by_its_id(
    api_client, rep, supplier, version, other_supplier, other_version, blocks
):
    api_client.force_authenticate(rep)
    own = api_client.post("/api/v1/products", {"supplier": supplier.pk, "name": "Acme Portaal"}, format="json")
    assert own.status_code == 201
    other_product = other_version.product
    denied = [
        api_client.patch(f"/api/v1/suppliers/{supplier.pk}", {"name": "Acme"}, format="json"),
        api_client.post("/api/v1/products", {"supplier": other_supplier.pk, "name": "Overname"}, format="json"),
        api_client.patch(f"/api/v1/products/{other_product.pk}", {"name": "Overname"}, format="json"),
        api_client.post(
            "/api/v1/product-versions",
            {"product": other_product.pk, "version": "9", "release_date": "2014-01-01"},
            format="json",
        ),
        api_client.patch(f"/api/v1/product-versions/{other_version.pk}", {"version": "9"}, format="json"),
        api_client.post(
            "/api/v1/readiness",
            {"product_version": other_version.pk, "building_block": blocks[0].pk, "state": "not_planned"},
            format="json",
        ),
    ]
    assert [response.status_code for response in denied] == [403] * len(denied)
    assert Product.objects.get(pk=other_product.pk).name == "Beta Burgerzaken"
    assert ProductVersion.objects.get(pk=other_version.pk).version == "5.0"
    assert not Readiness.objects.filter(product_version=other_version).exists()


def test_readiness_through_the_api(api_client, rep, version, blocks):
    api_client.force_authenticate(rep)
    standard = StandardFactory(code="stuf-test", name="StUF-test")
    early = api_client.post(
        "/api/v1/readiness",
        {"product_version": version.pk, "standard": "stuf-test", "state": "supported", "date": "2012-01-01"},
        format="json",
    )
    assert early.status_code == 400
    assert invalid_params(early) == {
        "date": ["The date cannot be before the release of version 2013.1 (1 January 2013)."]
    }
    created = api_client.post(
        "/api/v1/readiness",
        {"product_version": version.pk, "standard": "stuf-test", "state": "supported", "date": "2013-02-01"},
        format="json",
    )
    assert created.status_code == 201 and created.json()["standard"] == standard.code
    pk = created.json()["id"]
    changed = api_client.patch(f"/api/v1/readiness/{pk}", {"state": "not_planned", "date": None}, format="json")
    assert changed.status_code == 200 and changed.json()["state"] == "not_planned"
    assert api_client.delete(f"/api/v1/readiness/{pk}").status_code == 204


def test_coordinators_cannot_change_readiness_through_the_api(api_client, coordinator, version, blocks):
    readiness = ReadinessFactory(product_version=version, building_block=blocks[0])
    api_client.force_authenticate(coordinator)
    responses = [
        api_client.post(
            "/api/v1/readiness",
            {"product_version": version.pk, "building_block": blocks[1].pk, "state": "not_planned"},
            format="json",
        ),
        api_client.patch(f"/api/v1/readiness/{readiness.pk}", {"state": "not_planned", "date": None}, format="json"),
        api_client.delete(f"/api/v1/readiness/{readiness.pk}"),
    ]
    assert [response.status_code for response in responses] == [403, 403, 403]
    assert Readiness.objects.get(pk=readiness.pk).state == "supported"


def test_anonymous_writes_are_refused(api_client, supplier):
    assert api_client.post("/api/v1/suppliers", {"name": "Gamma"}, format="json").status_code in (401, 403)
    assert not Supplier.objects.filter(name="Gamma").exists()


def test_signatures_and_commitments_are_for_staff(api_client, staff, rep, supplier, blocks):
    agreement = AgreementFactory(programme=blocks[0].programme, building_blocks=[blocks[0]])
    body = {"agreement": agreement.pk, "supplier": supplier.pk, "signed_on": "2013-01-01"}
    api_client.force_authenticate(rep)
    assert api_client.post("/api/v1/agreement-signatures", body, format="json").status_code == 403
    api_client.force_authenticate(staff)
    signature = api_client.post("/api/v1/agreement-signatures", body, format="json")
    assert signature.status_code == 201
    commitment = {"signature": signature.json()["id"], "building_block": blocks[0].pk, "due_date": "2014-01-01"}
    created = api_client.post("/api/v1/delivery-commitments", commitment, format="json")
    assert created.status_code == 201 and created.json()["is_overdue"] is True
    api_client.force_authenticate(rep)
    pk = created.json()["id"]
    assert (
        api_client.patch(f"/api/v1/delivery-commitments/{pk}", {"due_date": "2030-01-01"}, format="json").status_code
        == 403
    )


def test_requests_to_represent_through_the_api(api_client, member, staff, supplier, other_rep):
    api_client.force_authenticate(member)
    created = api_client.post(
        "/api/v1/supplier-memberships", {"supplier": supplier.pk, "motivation": "Productmanager."}, format="json"
    )
    assert created.status_code == 201 and created.json()["status"] == "pending"
    pk = created.json()["id"]
    assert (
        api_client.post(f"/api/v1/supplier-memberships/{pk}/decide", {"approve": True}, format="json").status_code
        == 403
    )
    # Another user does not even see the request.
    api_client.force_authenticate(other_rep)
    assert api_client.get(f"/api/v1/supplier-memberships/{pk}").status_code == 404
    assert [row["id"] for row in api_client.get("/api/v1/supplier-memberships").json()["results"]] == [
        SupplierMembership.objects.get(user=other_rep).pk
    ]
    api_client.force_authenticate(staff)
    decided = api_client.post(f"/api/v1/supplier-memberships/{pk}/decide", {"approve": True}, format="json")
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    member.refresh_from_db()
    assert member.role == Role.SUPPLIER
    api_client.force_authenticate(member)
    ended = api_client.post(f"/api/v1/supplier-memberships/{pk}/end")
    assert ended.json()["status"] == "ended"


def test_anonymous_visitors_read_no_requests(api_client):
    assert api_client.get("/api/v1/supplier-memberships").status_code in (401, 403)
