# SPDX-License-Identifier: EUPL-1.2
"""The landscapes' supplier texts matched to the suppliers' register, and the staff's confirmation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.impact import selectors, services
from bouwplaats.impact.models import Application
from bouwplaats.suppliers.tests.factories import ProductFactory, ProductVersionFactory, SupplierFactory


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Centric B.V.", "centric"),
        ("  centric   BV ", "centric"),
        ("Centric Holding N.V.", "centric"),
        ("De Vries & Zn. V.O.F.", "de vries zn"),
        ("Pink-Roccade", "pink roccade"),
        ("Exxellence Groep", "exxellence"),
        ("B.V.", ""),
    ],
)
def test_normalised_name(text, expected):
    assert selectors.normalised_name(text) == expected


@pytest.fixture
def register(db):
    return {
        "centric": SupplierFactory(name="Centric"),
        "pink": SupplierFactory(name="PinkRoccade Local Government"),
        "vries_a": SupplierFactory(name="De Vries B.V."),
        "vries_b": SupplierFactory(name="De Vries Holding"),
    }


def typed(municipality, supplier, product="", version="", name="Applicatie"):
    return Application.objects.create(
        municipality=municipality, name=name, supplier=supplier, product=product, version=version
    )


def test_matches_exact_then_normalised_ambiguous_never_and_the_rest_listed(register, town_a, town_b):
    typed(town_a, "Centric")
    typed(town_b, "centric b.v.")
    typed(town_a, "De Vries")  # De Vries B.V. and De Vries Holding both normalise to "de vries"
    typed(town_a, "Onbekend Software")
    typed(town_a, "")  # no text: nothing to match
    matches = {match.text: match for match in selectors.supplier_text_matches()}
    assert set(matches) == {"Centric", "centric b.v.", "De Vries", "Onbekend Software"}
    assert (matches["Centric"].kind, matches["Centric"].supplier) == ("exact", register["centric"])
    assert (matches["centric b.v."].kind, matches["centric b.v."].supplier) == ("normalised", register["centric"])
    assert matches["De Vries"].kind == "ambiguous"
    assert matches["De Vries"].supplier is None
    assert set(matches["De Vries"].candidates) == {register["vries_a"], register["vries_b"]}
    assert (matches["Onbekend Software"].kind, matches["Onbekend Software"].supplier) == ("none", None)


def test_linked_applications_are_not_listed_again(register, town_a):
    typed(town_a, "Centric")
    Application.objects.update(linked_supplier=register["centric"])
    assert selectors.supplier_text_matches() == []


def test_staff_link_the_chosen_texts_with_the_product_versions_in_one_audit_entry(register, town_a, town_b, staff):
    product = ProductFactory(supplier=register["centric"], name="Key2Burgerzaken")
    version = ProductVersionFactory(product=product, version="5.2")
    exact = typed(town_a, "Centric", product="key2burgerzaken", version="5.2")
    other_version = typed(town_b, "centric b.v.", product="Key2Burgerzaken", version="4.0")
    left = typed(town_a, "Onbekend Software")
    count = services.application_suppliers_link(
        actor=staff, links={"Centric": register["centric"], "centric b.v.": register["centric"]}
    )
    assert count == 2
    exact.refresh_from_db()
    other_version.refresh_from_db()
    left.refresh_from_db()
    assert (exact.linked_supplier, exact.product_version) == (register["centric"], version)
    assert (other_version.linked_supplier, other_version.product_version) == (register["centric"], None)
    assert exact.supplier == "Centric"  # the typed text stays
    assert left.linked_supplier is None
    entry = AuditEntry.objects.get(action="impact.application.suppliers_link")
    assert entry.changes["links"]["Centric"]["applications"] == [exact.pk]
    assert entry.changes["product_versions"] == {str(version.pk): [exact.pk]}


def test_a_coordinator_may_not_link(register, town_a, coordinator_a):
    app = typed(town_a, "Centric")
    with pytest.raises(PermissionDenied):
        services.application_suppliers_link(actor=coordinator_a, links={"Centric": register["centric"]})
    app.refresh_from_db()
    assert app.linked_supplier is None
    assert not AuditEntry.objects.filter(action="impact.application.suppliers_link").exists()


def test_a_refused_link_writes_nothing(register, town_a, staff):
    app = typed(town_a, "Centric")
    gone = SupplierFactory(name="Weg")
    gone_copy = type(gone).objects.get(pk=gone.pk)
    gone.delete()
    with pytest.raises(ValidationError):
        services.application_suppliers_link(actor=staff, links={"Centric": register["centric"], "Weg": gone_copy})
    app.refresh_from_db()
    assert app.linked_supplier is None  # all or nothing
    with pytest.raises(ValidationError):
        services.application_suppliers_link(actor=staff, links={})


def test_the_review_page_proposes_and_links_in_one_post(client, register, town_a, staff, coordinator_a):
    typed(town_a, "Centric")
    typed(town_a, "De Vries")
    url = reverse("impact:supplier-links")
    client.force_login(coordinator_a)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    page = client.get(url)
    html = page.content.decode()
    assert "Centric" in html and "De Vries" in html
    form = page.context["formset"]
    assert [f.initial["supplier"] for f in form.forms] == [register["centric"].pk, None]  # by text
    data = {
        "link-TOTAL_FORMS": "2",
        "link-INITIAL_FORMS": "2",
        "link-0-text": "Centric",
        "link-0-supplier": str(register["centric"].pk),
        "link-1-text": "De Vries",
        "link-1-supplier": "",  # leave it
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(Application.objects.filter(linked_supplier__isnull=False).values_list("supplier", flat=True)) == [
        "Centric"
    ]
    assert "De Vries" in client.get(url).content.decode()


def test_the_supplier_list_links_staff_to_the_review(client, staff, member):
    client.force_login(staff)
    url = reverse("impact:supplier-links")
    assert url in client.get(reverse("suppliers:supplier-list")).content.decode()
    client.force_login(member)
    assert url not in client.get(reverse("suppliers:supplier-list")).content.decode()
