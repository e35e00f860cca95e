# SPDX-License-Identifier: EUPL-1.2
"""The supplier pages: what each visitor sees, in Dutch and English; who may open the forms (403 for another
supplier, 404 for ids that do not belong together); the forms write through the services and, submitted
unchanged, write nothing; the number of queries does not grow with the data."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from bouwplaats.accounts.models import MembershipStatus, Role
from bouwplaats.suppliers.models import Product, Readiness, SupplierMembership

from .factories import (
    AgreementFactory,
    CommitmentFactory,
    ProductFactory,
    ProductVersionFactory,
    ReadinessFactory,
    SignatureFactory,
    StandardFactory,
    SupplierFactory,
    SupplierMembershipFactory,
)


def url(name, *args):
    return reverse(f"suppliers:{name}", args=args)


def logged_in(client, user):
    client.force_login(user)
    return client


def submitted_unchanged(client, path: str, form_index: int = -1):
    """Post the form on ``path`` with the values the page shows, as a browser submits it."""
    page = client.get(path)
    assert page.status_code == 200
    form = lxml_html.fromstring(page.content).xpath("//main//form[@method='post']")[form_index]
    return client.post(path, dict(form.form_values()))


@pytest.fixture
def world(supplier, product, version, blocks, rep):
    """Acme's product with a supported block, a planned standard, and an overdue delivery date for Bravo."""
    standard = StandardFactory(name="StUF-ZKN 3.10")
    ReadinessFactory(product_version=version, building_block=blocks[0], date=datetime.date(2013, 2, 1))
    ReadinessFactory(
        product_version=version, building_block=None, standard=standard, state="planned", date=datetime.date(2014, 9, 1)
    )
    agreement = AgreementFactory(programme=blocks[0].programme, title="Addendum Bravo", building_blocks=[blocks[1]])
    signature = SignatureFactory(agreement=agreement, supplier=supplier, signed_on=datetime.date(2012, 5, 1))
    CommitmentFactory(signature=signature, building_block=blocks[1], due_date=datetime.date(2013, 7, 1))
    return agreement


# --- the public pages -----------------------------------------------------------------------------------


def test_the_list_shows_counts_and_overdue_delivery_dates(client, world, other_supplier):
    page = client.get(url("supplier-list")).content.decode()
    assert "Acme Software" in page and "Beta Systemen" in page
    assert "1 overdue" in page
    searched = client.get(url("supplier-list"), {"q": "acm"}).content.decode()
    assert "1 supplier whose name contains “acm”" in searched and "Beta Systemen" not in searched


def test_the_list_in_dutch(world):
    page = Client().get(url("supplier-list")).content.decode()
    assert "Leveranciers" in page and "1 te laat" in page
    assert Client().get(url("supplier-list"), {"q": "xyz"}).content.decode().count("Geen leverancier heeft “xyz”") == 1


def test_the_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(4) as first:
        client.get(url("supplier-list"))
    for number in range(5):
        other = SupplierFactory(name=f"Extra {number}")
        ProductVersionFactory(product=ProductFactory(supplier=other))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url("supplier-list"))


def test_the_supplier_page_shows_products_readiness_agreements_and_the_overdue_flag(client, world, supplier):
    page = client.get(url("supplier-detail", supplier.pk)).content.decode()
    assert "Acme Zaken" in page
    assert "Alfa" in page and "since 1 February 2013" in page
    assert "StUF-ZKN 3.10" in page and "for 1 September 2014" in page
    assert "Addendum Bravo" in page
    assert "1 delivery date has passed without delivery" in page
    assert "Bravo, due on 1 July 2013" in page and "not delivered" in page
    # Visitors see neither the forms nor who represents the supplier.
    assert url("product-create", supplier.pk) not in page and "Rita Rep" not in page
    assert "Do you work for this supplier?" not in page  # anonymous: log in first


def test_the_supplier_page_in_dutch(world, supplier):
    page = Client().get(url("supplier-detail", supplier.pk)).content.decode()
    assert "sinds 1 februari 2013" in page and "voor 1 september 2014" in page
    assert "1 leverdatum is verstreken zonder levering" in page
    assert "Pakketten en gereedheid" in page and "niet geleverd" in page


def test_the_supplier_page_for_its_representative_and_for_staff(client, world, supplier, rep, staff, product):
    page = logged_in(client, rep).get(url("supplier-detail", supplier.pk)).content.decode()
    assert url("product-create", supplier.pk) in page and url("product-edit", supplier.pk, product.pk) in page
    assert url("supplier-edit", supplier.pk) not in page
    assert "Rita Rep" in page and "You represent this supplier." in page
    page = logged_in(Client(), staff).get(url("supplier-detail", supplier.pk)).content.decode()
    assert url("supplier-edit", supplier.pk) in page and url("product-create", supplier.pk) in page


def test_a_member_is_invited_to_represent_and_a_coordinator_is_not(world, supplier, member, coordinator):
    page = logged_in(Client(), member).get(url("supplier-detail", supplier.pk)).content.decode()
    assert url("representation-request", supplier.pk) in page
    page = logged_in(Client(), coordinator).get(url("supplier-detail", supplier.pk)).content.decode()
    assert url("representation-request", supplier.pk) not in page
    assert url("product-create", supplier.pk) not in page


def test_the_supplier_page_query_count_does_not_grow_with_products_versions_and_readiness(
    client, world, supplier, blocks, rep, django_assert_max_num_queries
):
    path = url("supplier-detail", supplier.pk)
    logged_in(client, rep)
    client.get(path)
    with django_assert_max_num_queries(16) as first:
        assert client.get(path).status_code == 200
    for number in range(3):
        product = ProductFactory(supplier=supplier)
        for minor in range(3):
            version = ProductVersionFactory(product=product, version=f"{number}.{minor}")
            ReadinessFactory(product_version=version, building_block=blocks[0])
            ReadinessFactory(product_version=version, building_block=blocks[1], state="not_planned", date=None)
    signature = SignatureFactory(supplier=supplier, agreement__programme=blocks[0].programme)
    CommitmentFactory(signature=signature, building_block=blocks[0])
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(path).status_code == 200


def test_the_history_shows_changes_and_who_made_them_only_to_maintainers(client, supplier, rep, staff):
    from bouwplaats.suppliers import services

    services.supplier_update(actor=staff, supplier=supplier, website="https://acme.example")
    product = services.product_create(actor=rep, supplier=supplier, name="Acme Portaal")
    services.product_version_create(actor=rep, product=product, version="1.0", release_date=datetime.date(2014, 1, 1))
    page = client.get(url("supplier-history", supplier.pk)).content.decode()
    assert "Supplier changed" in page and "Product added" in page and "Version added" in page
    assert "Acme Portaal" in page and "https://acme.example" in page
    assert "Rita Rep" not in page and "Sam Staff" not in page
    page = logged_in(client, rep).get(url("supplier-detail", supplier.pk)).content.decode()
    assert "Rita Rep" in page and "Sam Staff" in page


def test_unknown_supplier_and_a_version_of_another_supplier_are_404(client, supplier, other_version):
    assert client.get(url("supplier-detail", 999999)).status_code == 404
    product = other_version.product
    # The version exists, but not under Acme in the address.
    assert client.get(url("version-detail", supplier.pk, product.pk, other_version.pk)).status_code == 404
    assert client.get(url("version-detail", product.supplier_id, product.pk, other_version.pk)).status_code == 200


def test_the_version_page_lists_its_readiness(client, world, supplier, product, version, rep):
    path = url("version-detail", supplier.pk, product.pk, version.pk)
    page = client.get(path).content.decode()
    assert (
        "Alfa" in page
        and "StUF-ZKN 3.10" in page
        and url("readiness-create", supplier.pk, product.pk, version.pk) not in page
    )
    page = logged_in(client, rep).get(path).content.decode()
    assert url("readiness-create", supplier.pk, product.pk, version.pk) in page


# --- forms: who may open them -----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, supplier, product):
    for path in (url("supplier-create"), url("supplier-edit", supplier.pk), url("product-create", supplier.pk)):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_only_staff_open_the_supplier_forms(client, supplier, rep, coordinator, staff):
    for user in (rep, coordinator):
        logged_in(client, user)
        assert client.get(url("supplier-create")).status_code == 403
        assert client.get(url("supplier-edit", supplier.pk)).status_code == 403
        assert client.post(url("supplier-edit", supplier.pk), {"name": "Overname"}).status_code == 403
    logged_in(client, staff)
    assert client.get(url("supplier-edit", supplier.pk)).status_code == 200


def test_a_representative_editing_another_supplier_gets_403(client, rep, other_supplier, other_version):
    product = other_version.product
    logged_in(client, rep)
    paths = [
        url("product-create", other_supplier.pk),
        url("product-edit", other_supplier.pk, product.pk),
        url("version-create", other_supplier.pk, product.pk),
        url("version-edit", other_supplier.pk, product.pk, other_version.pk),
        url("readiness-create", other_supplier.pk, product.pk, other_version.pk),
    ]
    for path in paths:
        assert client.get(path).status_code == 403, path
        assert client.post(path, {"name": "Overname", "version": "9"}).status_code == 403, path
    assert Product.objects.get(pk=product.pk).name == "Beta Burgerzaken"


def test_ids_that_do_not_belong_together_are_404(client, rep, supplier, other_version):
    """Acme's representative puts Beta's product under Acme in the address: not found."""
    logged_in(client, rep)
    product = other_version.product
    assert client.get(url("product-edit", supplier.pk, product.pk)).status_code == 404
    assert client.get(url("version-edit", supplier.pk, product.pk, other_version.pk)).status_code == 404


def test_coordinators_cannot_change_readiness_on_the_pages(client, world, coordinator, supplier, product, version):
    readiness = Readiness.objects.filter(product_version=version).first()
    logged_in(client, coordinator)
    for path in (
        url("readiness-create", supplier.pk, product.pk, version.pk),
        url("readiness-edit", supplier.pk, product.pk, version.pk, readiness.pk),
        url("readiness-delete", supplier.pk, product.pk, version.pk, readiness.pk),
    ):
        assert client.get(path).status_code == 403
        assert client.post(path, {"state": "not_planned"}).status_code == 403
    assert Readiness.objects.get(pk=readiness.pk).state == "supported"


# --- forms: writing ----------------------------------------------------------------------------------


def test_staff_add_a_supplier_and_see_the_kvk_message(client, staff):
    logged_in(client, staff)
    response = client.post(url("supplier-create"), {"name": "Gamma", "kvk_number": "12-34-56-78", "website": ""})
    assert response.status_code == 400
    assert "without spaces, dots or hyphens" in response.content.decode()
    response = client.post(url("supplier-create"), {"name": "Gamma", "kvk_number": "12345678", "website": ""})
    assert response.status_code == 302


def test_the_kvk_message_on_the_dutch_page(staff):
    client = logged_in(Client(), staff)
    page = client.post(url("supplier-create"), {"name": "Gamma", "kvk_number": "1234"}).content.decode()
    assert "Een KvK-nummer heeft 8 cijfers; “1234” heeft er 4." in page


def test_a_representative_adds_a_product_a_version_and_readiness(client, rep, supplier, blocks):
    logged_in(client, rep)
    response = client.post(url("product-create", supplier.pk), {"name": "Acme Portaal", "description": ""})
    product = Product.objects.get(name="Acme Portaal")
    assert response["Location"].endswith(f"#pakket-{product.pk}")
    response = client.post(
        url("version-create", supplier.pk, product.pk),
        {"version": "2014.1", "release_date": "01-03-2014", "end_of_support": "2014-02-01"},
    )
    assert response.status_code == 400
    assert "Support cannot end before the version is released (1 March 2014)." in response.content.decode()
    client.post(url("version-create", supplier.pk, product.pk), {"version": "2014.1", "release_date": "2014-03-01"})
    version = product.versions.get()
    path = url("readiness-create", supplier.pk, product.pk, version.pk)
    response = client.post(path, {"building_block": blocks[0].pk, "state": "supported", "date": "2014-02-01"})
    assert response.status_code == 400
    assert "The date cannot be before the release of version 2014.1 (1 March 2014)." in response.content.decode()
    response = client.post(path, {"building_block": blocks[0].pk, "state": "supported", "date": "2014-03-01"})
    assert response.status_code == 302
    assert version.readiness.get().building_block == blocks[0]


@pytest.mark.parametrize("name", ["supplier-edit", "product-edit", "version-edit", "readiness-edit"])
def test_an_edit_form_submitted_unchanged_writes_nothing(
    client, world, staff, supplier, product, version, name, new_entries
):
    readiness = Readiness.objects.filter(product_version=version, building_block__isnull=False).get()
    args = {
        "supplier-edit": (supplier.pk,),
        "product-edit": (supplier.pk, product.pk),
        "version-edit": (supplier.pk, product.pk, version.pk),
        "readiness-edit": (supplier.pk, product.pk, version.pk, readiness.pk),
    }[name]
    for language_client in (logged_in(Client(), staff), logged_in(client, staff)):
        response = submitted_unchanged(language_client, url(name, *args))
        assert response.status_code == 302, response.content.decode()[:2000]
    assert not new_entries().exists()


def test_the_commitment_form_submitted_unchanged_writes_nothing(client, world, staff, new_entries):
    commitment = world.signatures.get().commitments.get()
    response = submitted_unchanged(logged_in(client, staff), url("commitment-edit", world.pk, commitment.pk))
    assert response.status_code == 302
    assert not new_entries().exists()


def test_deleting_a_readiness(client, world, rep, supplier, product, version):
    readiness = Readiness.objects.filter(product_version=version, building_block__isnull=False).get()
    logged_in(client, rep)
    path = url("readiness-delete", supplier.pk, product.pk, version.pk, readiness.pk)
    assert "Only do this for a readiness entered by mistake" in client.get(path).content.decode()
    assert client.post(path).status_code == 302
    assert not Readiness.objects.filter(pk=readiness.pk).exists()


# --- representatives --------------------------------------------------------------------------------


def test_a_member_asks_to_represent_and_staff_decide_on_their_page(client, member, staff, supplier):
    logged_in(client, member)
    path = url("representation-request", supplier.pk)
    assert client.post(path, {"motivation": ""}).status_code == 400
    assert client.post(path, {"motivation": "Productmanager."}).status_code == 302
    membership = SupplierMembership.objects.get(user=member)
    page = client.get(url("supplier-detail", supplier.pk)).content.decode()
    assert "programme staff will decide on it" in page
    assert client.get(url("membership-requests")).status_code == 403
    staff_client = logged_in(Client(), staff)
    page = staff_client.get(url("membership-requests")).content.decode()
    assert "Productmanager." in page and "Mo Member" in page
    staff_client.post(url("membership-decide", membership.pk), {f"m{membership.pk}-decision": "approve"})
    member.refresh_from_db()
    assert member.role == Role.SUPPLIER
    assert client.get(url("product-create", supplier.pk)).status_code == 200


def test_staff_see_the_requests_in_their_management_menu(client, staff):
    page = logged_in(client, staff).get(reverse("accounts:membership-requests")).content.decode()
    assert url("membership-requests") in page and "Supplier representatives" in page


def test_a_representative_lands_on_the_own_supplier_after_logging_in(client, supplier):
    from bouwplaats.accounts.tests.factories import PASSWORD

    from .factories import representative

    user = representative(supplier, email="landing@acme.example")
    user.set_password(PASSWORD)
    user.save()
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response["Location"] == url("supplier-detail", supplier.pk)


def test_a_representative_stops_representing(client, rep, supplier):
    membership = SupplierMembership.objects.get(user=rep)
    logged_in(client, rep).post(url("membership-end", membership.pk))
    membership.refresh_from_db()
    rep.refresh_from_db()
    assert (membership.status, rep.role) == (MembershipStatus.ENDED, Role.MEMBER)


def test_the_request_page_for_someone_with_a_pending_request(client, member, supplier, other_supplier):
    SupplierMembershipFactory(user=member, supplier=other_supplier)
    page = logged_in(client, member).get(url("representation-request", supplier.pk)).content.decode()
    assert "You already have an open request for Beta Systemen" in page


# --- agreements ----------------------------------------------------------------------------------------


def test_the_agreement_pages(client, world, supplier, staff, other_supplier, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        page = client.get(url("agreement-list")).content.decode()
    assert "Addendum Bravo" in page
    page = client.get(url("agreement-detail", world.pk)).content.decode()
    assert "Acme Software" in page and "not delivered" in page and "Record a signature" not in page
    logged_in(client, staff)
    response = client.post(url("agreement-detail", world.pk), {"supplier": other_supplier.pk, "signed_on": ""})
    assert response.status_code == 400
    client.post(url("agreement-detail", world.pk), {"supplier": other_supplier.pk, "signed_on": "2013-05-01"})
    signature = world.signatures.get(supplier=other_supplier)
    response = client.post(
        url("commitment-create", world.pk, signature.pk),
        {"building_block": world.building_blocks.get().pk, "due_date": "2014-01-01"},
    )
    assert response.status_code == 302 and signature.commitments.count() == 1


def test_only_staff_record_signatures(client, world, rep, other_supplier):
    logged_in(client, rep)
    response = client.post(
        url("agreement-detail", world.pk), {"supplier": other_supplier.pk, "signed_on": "2013-05-01"}
    )
    assert response.status_code == 403
    signature = world.signatures.get()
    assert client.get(url("commitment-create", world.pk, signature.pk)).status_code == 403


# --- the pages of the apps below: a building block and the programme overview ----------------------------


def test_the_building_block_page_shows_its_suppliers_and_delivery_dates(client, world, blocks):
    programme = blocks[0].programme
    page = client.get(reverse("catalogue:building-block-detail", args=[programme.slug, "AAA"])).content.decode()
    assert "Acme Zaken" in page and "since 1 February 2013" in page
    page = client.get(reverse("catalogue:building-block-detail", args=[programme.slug, "BBB"])).content.decode()
    assert "No supplier has recorded the readiness of a product for this building block yet." in page
    assert "Addendum Bravo" in page and "overdue" in page


def test_the_programme_overview_flags_overdue_delivery_dates(client, world, blocks):
    programme = blocks[0].programme
    page = client.get(reverse("monitor:dashboard-overview"), {"programma": programme.slug}).content.decode()
    assert "Suppliers' delivery dates" in page
    assert "Suppliers committed to 1 delivery date for building blocks of this programme; 1 of them have passed" in page
    assert "Acme Software" in page and "Bravo" in page


def test_a_new_delivery_date_renews_the_cached_overview(client, world, blocks, staff, other_supplier):
    from bouwplaats.suppliers import services

    programme = blocks[0].programme
    path = reverse("monitor:dashboard-overview")
    assert "1 delivery date" in client.get(path, {"programma": programme.slug}).content.decode()
    signature = services.agreement_signature_create(
        actor=staff, agreement=world, supplier=other_supplier, signed_on=datetime.date(2012, 6, 1)
    )
    services.delivery_commitment_create(
        actor=staff, signature=signature, building_block=blocks[1], due_date=datetime.date(2013, 1, 1)
    )
    assert "2 delivery dates" in client.get(path, {"programma": programme.slug}).content.decode()


def test_the_version_and_agreement_pages_query_counts_do_not_grow(
    client, world, supplier, product, version, blocks, other_supplier, django_assert_max_num_queries
):
    version_path = url("version-detail", supplier.pk, product.pk, version.pk)
    agreement_path = url("agreement-detail", world.pk)
    with django_assert_max_num_queries(8) as version_first:
        assert client.get(version_path).status_code == 200
    with django_assert_max_num_queries(8) as agreement_first:
        assert client.get(agreement_path).status_code == 200
    for number in range(4):
        standard = StandardFactory(name=f"Standaard {number}")
        ReadinessFactory(
            product_version=version, building_block=None, standard=standard, state="not_planned", date=None
        )
        other = SupplierFactory(name=f"Ondertekenaar {number}")
        signature = SignatureFactory(agreement=world, supplier=other)
        CommitmentFactory(signature=signature, building_block=blocks[1])
    with django_assert_max_num_queries(len(version_first.captured_queries)):
        assert client.get(version_path).status_code == 200
    with django_assert_max_num_queries(len(agreement_first.captured_queries)):
        assert client.get(agreement_path).status_code == 200
