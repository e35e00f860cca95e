# SPDX-License-Identifier: EUPL-1.2
"""A successor programme takes over the supplier agreements, without who signed them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue import services as catalogue_services
from bouwplaats.catalogue import succession
from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.core.testing import in_english
from bouwplaats.suppliers.models import Agreement, AgreementKind, AgreementSignature, DeliveryCommitment

from .factories import AgreementFactory, CommitmentFactory, SignatureFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2023, 1, 1)


def start(staff, programme, parts):
    return catalogue_services.successor_start(
        actor=staff,
        predecessor=programme,
        parts=parts,
        slug="vervolg",
        name="Vervolg",
        start_date=START,
        reference_date=datetime.date(2022, 1, 1),
        municipality_status_visibility=StatusVisibility.AGGREGATED,
    )


def agreement_rows():
    return (
        list(Agreement.objects.order_by("pk").values()),
        list(Agreement.building_blocks.through.objects.order_by("pk").values()),
        list(AgreementSignature.objects.order_by("pk").values()),
        list(DeliveryCommitment.objects.order_by("pk").values()),
    )


@pytest.fixture
def agreements(programme, blocks, supplier):
    """The covenant, signed by Acme; an addendum for Alfa and Bravo, signed by Acme with a delivery date for Alfa."""
    alfa, bravo = blocks
    covenant = AgreementFactory(
        programme=programme,
        kind=AgreementKind.COVENANT,
        title="Convenant",
        description="De afspraken.",
        source="https://example.org/convenant",
    )
    addendum = AgreementFactory(programme=programme, title="Addendum Zaken", building_blocks=[alfa, bravo])
    signature = SignatureFactory(agreement=addendum, supplier=supplier)
    CommitmentFactory(signature=signature, building_block=alfa)
    SignatureFactory(agreement=covenant, supplier=supplier)
    return covenant, addendum


def test_the_agreements_are_taken_over_with_the_successors_blocks_of_the_same_code(staff, programme, agreements):
    successor = start(staff, programme, ["building_blocks", "supplier_agreements"])
    copies = {agreement.title: agreement for agreement in Agreement.objects.filter(programme=successor)}
    assert set(copies) == {"Convenant", "Addendum Zaken"}
    covenant = copies["Convenant"]
    assert (covenant.kind, covenant.description, covenant.source) == (
        AgreementKind.COVENANT,
        "De afspraken.",
        "https://example.org/convenant",
    )
    blocks = list(copies["Addendum Zaken"].building_blocks.order_by("code"))
    assert [(block.code, block.programme) for block in blocks] == [("AAA", successor), ("BBB", successor)]
    # Suppliers sign the new programme's agreements anew: no signatures, no delivery dates.
    assert not AgreementSignature.objects.filter(agreement__programme=successor).exists()
    assert not DeliveryCommitment.objects.filter(building_block__programme=successor).exists()
    entry = AuditEntry.objects.get(action="catalogue.programme.successor_start")
    assert entry.changes["copied"][1]["supplier_agreements"] == 2


def test_the_agreements_build_on_the_building_blocks(staff, programme, agreements):
    assert succession.get_part("supplier_agreements").requires == ("building_blocks",)
    before = agreement_rows()
    with pytest.raises(ValidationError) as raised:
        start(staff, programme, ["supplier_agreements"])
    assert "“Supplier agreements” builds on “Building blocks”: choose that too." in raised.value.message_dict["parts"]
    assert agreement_rows() == before


def test_taking_over_the_agreements_leaves_the_predecessor_as_it_was(staff, programme, agreements):
    catalogue_services.programme_close(actor=staff, programme=programme, closed_on=START)
    before = agreement_rows()
    successor = start(staff, programme, ["building_blocks", "supplier_agreements"])
    agreements_after, links_after, signatures_after, commitments_after = agreement_rows()
    assert [row for row in agreements_after if row["id"] in {agreement["id"] for agreement in before[0]}] == before[0]
    assert [row for row in links_after if row["id"] in {link["id"] for link in before[1]}] == before[1]
    assert (signatures_after, commitments_after) == before[2:]
    assert Agreement.objects.filter(programme=successor).count() == 2


def test_without_the_part_nothing_of_the_suppliers_is_taken_over(staff, programme, agreements):
    successor = start(staff, programme, ["building_blocks"])
    assert not Agreement.objects.filter(programme=successor).exists()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Signatures and delivery dates are not taken over: suppliers sign the new programme"),
        ("nl", "Ondertekeningen en leverdata worden niet overgenomen: leveranciers ondertekenen de afspraken"),
    ],
)
def test_the_successor_form_says_the_signatures_are_not_taken_over(staff, programme, language, text):
    catalogue_services.programme_close(actor=staff, programme=programme, closed_on=START)
    client = Client()  # no language cookie: Dutch
    if language == "en":
        in_english(client)
    client.force_login(staff)
    html = client.get(reverse("catalogue:successor-start", args=[programme.slug])).content.decode()
    assert 'value="supplier_agreements"' in html
    assert text in html.replace("&#x27;", "'")
