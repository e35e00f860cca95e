# SPDX-License-Identifier: EUPL-1.2
"""The supplier services: who may write, what is refused with which message, one audit entry per write, and
nothing written by an unchanged update or a refused one."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from bouwplaats.accounts.models import MembershipStatus, Role
from bouwplaats.audit.models import AuditEntry
from bouwplaats.notifications.models import Notification
from bouwplaats.suppliers import services
from bouwplaats.suppliers.models import (
    AgreementSignature,
    DeliveryCommitment,
    Product,
    ProductVersion,
    Readiness,
    ReadinessState,
    Supplier,
    SupplierMembership,
)

from .factories import (
    AgreementFactory,
    CommitmentFactory,
    ConformanceReportFactory,
    ProductFactory,
    ReadinessFactory,
    SignatureFactory,
    StandardFactory,
    SupplierFactory,
    SupplierMembershipFactory,
)

TODAY = datetime.date(2014, 6, 1)


def refused(call, **kwargs) -> dict[str, list[str]]:
    """The field-keyed messages of a refused write; asserts that nothing was recorded."""
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    assert AuditEntry.objects.count() == entries
    return error.value.message_dict


def audited(action: str) -> AuditEntry:
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.action == action
    return entry


# --- suppliers ---------------------------------------------------------------------------------------------


def test_staff_add_a_supplier_with_kvk_number_and_website(staff):
    supplier = services.supplier_create(
        actor=staff, name="  Gamma  ICT ", kvk_number=" 12345678 ", website="https://gamma.example", description=""
    )
    assert (supplier.name, supplier.kvk_number, supplier.website) == ("Gamma ICT", "12345678", "https://gamma.example")
    entry = audited("suppliers.supplier.create")
    assert entry.actor == staff and entry.changes["kvk_number"] == [None, "12345678"]


def test_an_empty_kvk_number_is_none_so_that_many_suppliers_can_have_none(staff):
    services.supplier_create(actor=staff, name="Een", kvk_number="")
    services.supplier_create(actor=staff, name="Twee", kvk_number="")
    assert list(Supplier.objects.filter(name__in=["Een", "Twee"]).values_list("kvk_number", flat=True)) == [None, None]


@pytest.mark.parametrize(
    ("kvk", "message"),
    [
        ("1234", "A KvK number has 8 digits; “1234” has 4."),
        ("123456789", "A KvK number has 8 digits; “123456789” has 9."),
        (
            "12-34-56-78",
            "A KvK number consists of 8 digits only, without spaces, dots or hyphens; “12-34-56-78” holds other "
            "characters.",
        ),
        (
            "1234 5678",
            "A KvK number consists of 8 digits only, without spaces, dots or hyphens; “1234 5678” holds other "
            "characters.",
        ),
    ],
)
def test_a_kvk_number_that_is_not_8_digits_is_refused_with_one_clear_message(staff, kvk, message):
    messages = refused(services.supplier_create, actor=staff, name="Gamma", kvk_number=kvk)
    assert messages == {"kvk_number": [message]}
    assert not Supplier.objects.filter(name="Gamma").exists()


def test_the_kvk_message_in_dutch(staff):
    with translation.override("nl"):
        messages = refused(services.supplier_create, actor=staff, name="Gamma", kvk_number="12-34-56-78")
        assert messages["kvk_number"] == [
            "Een KvK-nummer bestaat uit 8 cijfers, zonder spaties, punten of streepjes; in “12-34-56-78” staan "
            "andere tekens."
        ]
        assert refused(services.supplier_create, actor=staff, name="Gamma", kvk_number="1234")["kvk_number"] == [
            "Een KvK-nummer heeft 8 cijfers; “1234” heeft er 4."
        ]


def test_a_kvk_number_and_a_name_belong_to_one_supplier(staff, supplier):
    Supplier.objects.filter(pk=supplier.pk).update(kvk_number="87654321")
    messages = refused(services.supplier_create, actor=staff, name="acme software", kvk_number="87654321")
    assert messages == {
        "name": ["There is already a supplier named “Acme Software”."],
        "kvk_number": ["Acme Software already has the KvK number 87654321."],
    }


def test_a_supplier_needs_a_name_and_a_valid_website(staff):
    messages = refused(services.supplier_create, actor=staff, name=" ", website="geen adres")
    assert messages["name"] == ["Enter the supplier's name."]
    assert messages["website"] == ["Enter a valid URL."]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.COORDINATOR, Role.SUPPLIER])
def test_only_staff_add_or_change_suppliers(new_entries, role, supplier, rep, coordinator, member):
    actor = {Role.MEMBER: member, Role.COORDINATOR: coordinator, Role.SUPPLIER: rep}[role]
    with pytest.raises(PermissionDenied):
        services.supplier_create(actor=actor, name="Gamma")
    with pytest.raises(PermissionDenied):
        services.supplier_update(actor=actor, supplier=supplier, website="https://acme.example")
    assert not new_entries().exists()


def test_a_supplier_update_records_the_changed_fields(staff, supplier):
    services.supplier_update(actor=staff, supplier=supplier, name="Acme", kvk_number="", website="https://acme.nl")
    supplier.refresh_from_db()
    assert (supplier.name, supplier.website) == ("Acme", "https://acme.nl")
    assert audited("suppliers.supplier.update").changes == {
        "name": ["Acme Software", "Acme"],
        "website": ["", "https://acme.nl"],
    }


def test_an_unchanged_supplier_update_writes_nothing(new_entries, staff, supplier):
    before = supplier.updated_at
    services.supplier_update(
        actor=staff, supplier=supplier, name="Acme Software ", kvk_number="", website="", description=""
    )
    supplier.refresh_from_db()
    assert supplier.updated_at == before
    assert not new_entries().exists()


# --- products and versions --------------------------------------------------------------------------------


def test_a_representative_adds_products_and_versions_of_the_own_supplier(rep, supplier):
    product = services.product_create(actor=rep, supplier=supplier, name="Acme Burgerzaken", description="BRP.")
    assert audited("suppliers.product.create").changes["supplier"] == [None, "Acme Software"]
    version = services.product_version_create(
        actor=rep, product=product, version=" 2014.2 ", release_date=datetime.date(2014, 4, 1), end_of_support=None
    )
    assert version.version == "2014.2"
    assert audited("suppliers.product_version.create").actor == rep


def test_a_representative_changes_nothing_of_another_supplier(new_entries, rep, other_supplier, other_version):
    product = other_version.product
    with pytest.raises(PermissionDenied, match="representatives of Beta Systemen"):
        services.product_create(actor=rep, supplier=other_supplier, name="Overname")
    with pytest.raises(PermissionDenied):
        services.product_update(actor=rep, product=product, name="Overname")
    with pytest.raises(PermissionDenied):
        services.product_version_create(actor=rep, product=product, version="6", release_date=datetime.date(2014, 1, 1))
    with pytest.raises(PermissionDenied):
        services.product_version_update(actor=rep, product_version=other_version, version="5.1")
    assert not new_entries().exists()
    assert Product.objects.get(pk=product.pk).name == "Beta Burgerzaken"


def test_a_representative_whose_role_was_taken_away_may_no_longer_write(rep, supplier):
    rep.role = Role.MEMBER
    rep.save()
    with pytest.raises(PermissionDenied):
        services.product_create(actor=rep, supplier=supplier, name="Nieuw")


def test_staff_maintain_any_supplier(staff, other_supplier):
    product = services.product_create(actor=staff, supplier=other_supplier, name="Beta Zaken")
    assert product.supplier == other_supplier


def test_product_names_are_unique_per_supplier(rep, supplier, product, other_supplier):
    messages = refused(services.product_create, actor=rep, supplier=supplier, name="ACME zaken")
    assert messages == {"name": ["Acme Software already has a product named “ACME zaken”."]}
    ProductFactory(supplier=other_supplier, name="Gedeeld")
    assert services.product_create(actor=rep, supplier=supplier, name="Gedeeld").name == "Gedeeld"


def test_end_of_support_before_the_release_is_refused(rep, product):
    messages = refused(
        services.product_version_create,
        actor=rep,
        product=product,
        version="2015.1",
        release_date=datetime.date(2015, 3, 1),
        end_of_support=datetime.date(2015, 2, 28),
    )
    assert messages == {"end_of_support": ["Support cannot end before the version is released (1 March 2015)."]}
    with translation.override("nl"):
        messages = refused(
            services.product_version_create,
            actor=rep,
            product=product,
            version="2015.1",
            release_date=datetime.date(2015, 3, 1),
            end_of_support=datetime.date(2015, 2, 28),
        )
        assert messages["end_of_support"] == [
            "De ondersteuning kan niet eindigen voordat de versie uitkomt (1 maart 2015)."
        ]
    assert not ProductVersion.objects.filter(version="2015.1").exists()


def test_support_may_end_on_the_release_day(rep, product):
    day = datetime.date(2015, 3, 1)
    version = services.product_version_create(
        actor=rep, product=product, version="2015.1", release_date=day, end_of_support=day
    )
    assert version.end_of_support == day


def test_a_version_needs_a_number_and_a_release_date_and_its_number_once(rep, product, version):
    messages = refused(services.product_version_create, actor=rep, product=product, version="", release_date=None)
    assert messages == {
        "version": ["Enter the version number, for example 2014.2."],
        "release_date": ["Enter the date on which this version was, or will be, released."],
    }
    messages = refused(
        services.product_version_create, actor=rep, product=product, version="2013.1", release_date=TODAY
    )
    assert messages == {"version": ["Acme Zaken already has a version 2013.1."]}


def test_a_release_date_after_a_readiness_of_the_version_is_refused(rep, version, blocks):
    ReadinessFactory(product_version=version, building_block=blocks[0], date=datetime.date(2013, 2, 1))
    messages = refused(
        services.product_version_update, actor=rep, product_version=version, release_date=datetime.date(2013, 3, 1)
    )
    assert messages == {
        "release_date": [
            "The readiness for Alfa is dated 1 February 2013, before this release date. Change that readiness first."
        ]
    }


def test_an_unchanged_version_update_writes_nothing(new_entries, rep, version):
    services.product_version_update(
        actor=rep, product_version=version, version="2013.1", release_date=version.release_date, end_of_support=None
    )
    services.product_update(actor=rep, product=version.product, name="Acme Zaken", description="")
    assert not new_entries().exists()


# --- readiness ---------------------------------------------------------------------------------------------


def test_a_representative_records_readiness_for_a_block_with_evidence(rep, version, blocks):
    readiness = services.readiness_create(
        actor=rep,
        product_version=version,
        building_block=blocks[0],
        state=ReadinessState.SUPPORTED,
        date=datetime.date(2013, 1, 1),
        evidence=" Release notes 2013.1 ",
        evidence_url="https://acme.example/notes",
        today=TODAY,
    )
    assert (readiness.state, readiness.evidence) == ("supported", "Release notes 2013.1")
    entry = audited("suppliers.readiness.create")
    assert entry.changes["building_block"] == [None, "AAA"] and entry.changes["date"] == [None, "2013-01-01"]


def test_a_date_before_the_release_date_is_refused(rep, version, blocks):
    for state in (ReadinessState.SUPPORTED, ReadinessState.PLANNED):
        messages = refused(
            services.readiness_create,
            actor=rep,
            product_version=version,
            building_block=blocks[0],
            state=state,
            date=datetime.date(2012, 12, 31),
            today=TODAY,
        )
        assert messages == {"date": ["The date cannot be before the release of version 2013.1 (1 January 2013)."]}
    with translation.override("nl"):
        messages = refused(
            services.readiness_create,
            actor=rep,
            product_version=version,
            building_block=blocks[0],
            state=ReadinessState.SUPPORTED,
            date=datetime.date(2012, 12, 31),
            today=TODAY,
        )
        assert messages["date"] == ["De datum kan niet voor de release van versie 2013.1 liggen (1 januari 2013)."]
    assert not Readiness.objects.exists()


def test_the_date_is_required_unless_support_is_not_planned(rep, version, blocks):
    assert refused(
        services.readiness_create,
        actor=rep,
        product_version=version,
        building_block=blocks[0],
        state=ReadinessState.SUPPORTED,
        date=None,
        today=TODAY,
    ) == {"date": ["Enter the date since when this version supports it."]}
    assert refused(
        services.readiness_create,
        actor=rep,
        product_version=version,
        building_block=blocks[0],
        state=ReadinessState.PLANNED,
        date=None,
        today=TODAY,
    ) == {"date": ["Enter the date for which support is planned."]}
    assert refused(
        services.readiness_create,
        actor=rep,
        product_version=version,
        building_block=blocks[0],
        state=ReadinessState.NOT_PLANNED,
        date=datetime.date(2014, 1, 1),
        today=TODAY,
    ) == {"date": ["Leave the date empty when support is not planned."]}
    readiness = services.readiness_create(
        actor=rep, product_version=version, building_block=blocks[0], state=ReadinessState.NOT_PLANNED, today=TODAY
    )
    assert readiness.date is None


def test_support_since_a_date_after_today_is_planned_instead(rep, version, blocks):
    messages = refused(
        services.readiness_create,
        actor=rep,
        product_version=version,
        building_block=blocks[0],
        state=ReadinessState.SUPPORTED,
        date=TODAY + datetime.timedelta(days=1),
        today=TODAY,
    )
    assert messages == {"date": ["Support cannot have begun after today (1 June 2014); choose “planned for” instead."]}
    planned = services.readiness_create(
        actor=rep,
        product_version=version,
        building_block=blocks[0],
        state=ReadinessState.PLANNED,
        date=TODAY + datetime.timedelta(days=1),
        today=TODAY,
    )
    assert planned.state == "planned"


def test_readiness_is_about_a_block_or_a_standard_once_per_version(rep, version, blocks):
    standard = StandardFactory(name="StUF-BG 3.10")
    both = refused(
        services.readiness_create,
        actor=rep,
        product_version=version,
        building_block=blocks[0],
        standard=standard,
        state=ReadinessState.NOT_PLANNED,
        today=TODAY,
    )
    assert both["building_block"] == ["Choose a building block or a standard, not both."]
    neither = refused(
        services.readiness_create, actor=rep, product_version=version, state=ReadinessState.NOT_PLANNED, today=TODAY
    )
    assert neither == {"building_block": ["Choose the building block or the standard that this readiness is about."]}
    services.readiness_create(
        actor=rep, product_version=version, standard=standard, state=ReadinessState.NOT_PLANNED, today=TODAY
    )
    again = refused(
        services.readiness_create,
        actor=rep,
        product_version=version,
        standard=standard,
        state=ReadinessState.NOT_PLANNED,
        today=TODAY,
    )
    assert again == {"standard": ["Version 2013.1 already has a readiness for StUF-BG 3.10; change that one."]}


def test_a_conformance_report_must_be_a_passed_one_of_the_supplier_and_of_the_standard(rep, supplier, version):
    standard = StandardFactory(name="StUF-BG 2.04")
    other = StandardFactory(name="StUF-ZKN 3.10")
    kwargs = {
        "actor": rep,
        "product_version": version,
        "standard": standard,
        "state": ReadinessState.SUPPORTED,
        "date": datetime.date(2013, 5, 1),
        "today": TODAY,
    }
    foreign = ConformanceReportFactory(standard=standard)
    failed = ConformanceReportFactory(standard=standard, supplier=supplier, passed=False, error_count=2)
    wrong_standard = ConformanceReportFactory(standard=other, supplier=supplier)
    for report, message in [
        (foreign, "Choose a conformance report of this supplier."),
        (failed, "Choose a conformance report that passed."),
        (wrong_standard, "Choose a conformance report for StUF-BG 2.04."),
    ]:
        assert refused(services.readiness_create, conformance_report=report, **kwargs) == {
            "conformance_report": [message]
        }
    good = ConformanceReportFactory(standard=standard, supplier=supplier)
    assert services.readiness_create(conformance_report=good, **kwargs).conformance_report == good


def test_coordinators_members_and_other_representatives_cannot_change_readiness(
    new_entries, coordinator, member, other_rep, version, blocks
):
    readiness = ReadinessFactory(product_version=version, building_block=blocks[0])
    for actor in (coordinator, member, other_rep):
        with pytest.raises(PermissionDenied):
            services.readiness_create(
                actor=actor, product_version=version, building_block=blocks[1], state="not_planned", today=TODAY
            )
        with pytest.raises(PermissionDenied):
            services.readiness_update(actor=actor, readiness=readiness, state="not_planned", date=None, today=TODAY)
        with pytest.raises(PermissionDenied):
            services.readiness_delete(actor=actor, readiness=readiness)
    assert Readiness.objects.get(pk=readiness.pk).state == "supported"
    assert not new_entries().exists()


def test_staff_change_readiness(staff, version, blocks):
    readiness = ReadinessFactory(product_version=version, building_block=blocks[0])
    services.readiness_update(actor=staff, readiness=readiness, state="planned", date=datetime.date(2015, 1, 1))
    assert audited("suppliers.readiness.update").changes == {
        "state": ["supported", "planned"],
        "date": ["2013-06-01", "2015-01-01"],
    }


def test_an_unchanged_readiness_update_writes_nothing(new_entries, rep, version, blocks):
    readiness = ReadinessFactory(product_version=version, building_block=blocks[0], evidence="Getest.")
    services.readiness_update(
        actor=rep,
        readiness=readiness,
        state="supported",
        date=readiness.date,
        evidence="Getest.",
        evidence_url="",
        conformance_report=None,
        today=TODAY,
    )
    assert not new_entries().exists()


def test_deleting_a_readiness_is_recorded_on_its_version(rep, version, blocks):
    readiness = ReadinessFactory(product_version=version, building_block=blocks[0])
    services.readiness_delete(actor=rep, readiness=readiness)
    assert not Readiness.objects.exists()
    entry = audited("suppliers.readiness.delete")
    assert (entry.object_type, entry.object_id) == ("suppliers.productversion", str(version.pk))
    assert entry.changes == {"building_block": ["AAA", None]}


# --- representatives ----------------------------------------------------------------------------------


def test_a_member_asks_to_represent_a_supplier_and_staff_approve(member, staff, supplier):
    membership = services.supplier_membership_request(actor=member, supplier=supplier, motivation="Productmanager.")
    assert audited("suppliers.membership.requested").changes == {
        "supplier": "Acme Software",
        "motivation": "Productmanager.",
    }
    services.supplier_membership_decide(actor=staff, membership=membership, approve=True, note="Welkom.")
    member.refresh_from_db()
    membership.refresh_from_db()
    assert (member.role, member.organisation_name) == (Role.SUPPLIER, "Acme Software")
    assert (membership.status, membership.decided_by, membership.decision_note) == ("approved", staff, "Welkom.")
    entry = audited("suppliers.membership.approved")
    assert entry.changes["user_role"] == ["member", "supplier"]
    # Now a representative: the supplier's products are theirs to maintain.
    assert services.product_create(actor=member, supplier=supplier, name="Nieuw pakket").supplier == supplier


def test_staff_hear_of_a_request_and_the_member_of_the_decision_in_their_own_language(
    member, staff, supplier, mailoutbox
):
    member.preferred_language = "nl"
    member.save(update_fields=["preferred_language"])
    staff.preferred_language = "en"
    staff.save(update_fields=["preferred_language"])
    membership = services.supplier_membership_request(actor=member, supplier=supplier, motivation="Productmanager.")
    [asked] = Notification.objects.filter(recipient=staff, kind="representation")
    assert (asked.subject, asked.body) == (f"{member.full_name} asks to represent Acme Software", "Productmanager.")
    assert asked.url == reverse("suppliers:membership-requests")
    services.supplier_membership_decide(actor=staff, membership=membership, approve=False, note="Onbekend.")
    [told] = Notification.objects.filter(recipient=member, kind="representation")
    assert told.subject == "Uw verzoek om Acme Software te vertegenwoordigen is niet goedgekeurd"
    assert told.body == "Onbekend."
    assert told.url == reverse("suppliers:supplier-detail", args=[supplier.pk])


def test_a_rejected_request_changes_no_role(member, staff, supplier):
    membership = services.supplier_membership_request(actor=member, supplier=supplier, motivation="Ik.")
    services.supplier_membership_decide(actor=staff, membership=membership, approve=False)
    member.refresh_from_db()
    assert member.role == Role.MEMBER
    assert audited("suppliers.membership.rejected").changes["status"] == ["pending", "rejected"]


def test_approving_keeps_a_higher_role(staff, supplier):
    other_staff = SupplierMembershipFactory(supplier=supplier, user__role=Role.STAFF)
    services.supplier_membership_decide(actor=staff, membership=other_staff, approve=True)
    other_staff.user.refresh_from_db()
    assert other_staff.user.role == Role.STAFF


def test_a_request_needs_a_motivation_and_one_open_request_per_user(member, supplier, other_supplier):
    assert refused(services.supplier_membership_request, actor=member, supplier=supplier, motivation=" ") == {
        "motivation": ["Tell the programme staff your position at the supplier, so that they can check the request."]
    }
    services.supplier_membership_request(actor=member, supplier=supplier, motivation="Ik.")
    assert refused(services.supplier_membership_request, actor=member, supplier=other_supplier, motivation="Ik.") == {
        "supplier": ["You already have an open request for Acme Software; programme staff will decide on it."]
    }


def test_a_representative_speaks_for_one_supplier(rep, other_supplier):
    assert refused(services.supplier_membership_request, actor=rep, supplier=other_supplier, motivation="Ook.") == {
        "supplier": ["You already represent Acme Software; a representative speaks for one supplier."]
    }


def test_a_coordinator_cannot_ask_to_represent_a_supplier(coordinator, supplier):
    with pytest.raises(PermissionDenied, match="coordinator cannot also represent"):
        services.supplier_membership_request(actor=coordinator, supplier=supplier, motivation="Ik.")


def test_only_other_staff_decide_and_only_once(member, staff, supplier, rep):
    membership = services.supplier_membership_request(actor=member, supplier=supplier, motivation="Ik.")
    with pytest.raises(PermissionDenied):
        services.supplier_membership_decide(actor=rep, membership=membership, approve=True)
    own = SupplierMembershipFactory(user=staff, supplier=supplier)
    with pytest.raises(PermissionDenied, match="Another member of the programme staff"):
        services.supplier_membership_decide(actor=staff, membership=own, approve=True)
    services.supplier_membership_decide(actor=staff, membership=membership, approve=False)
    with pytest.raises(ValidationError, match="already been decided"):
        services.supplier_membership_decide(actor=staff, membership=membership, approve=True)


def test_a_member_who_became_coordinator_meanwhile_is_not_approved(member, staff, supplier):
    membership = services.supplier_membership_request(actor=member, supplier=supplier, motivation="Ik.")
    member.role = Role.COORDINATOR
    member.save()
    messages = refused(services.supplier_membership_decide, actor=staff, membership=membership, approve=True)
    assert messages == {"decision": [f"{member} is a municipality coordinator and cannot also represent a supplier."]}
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


def test_ending_the_representation_makes_a_member_again(rep, staff, supplier):
    membership = SupplierMembership.objects.get(user=rep)
    services.supplier_membership_end(actor=rep, membership=membership)
    rep.refresh_from_db()
    assert rep.role == Role.MEMBER
    assert audited("suppliers.membership.ended").changes == {
        "status": ["approved", "ended"],
        "user_role": ["supplier", "member"],
    }
    with pytest.raises(PermissionDenied):
        services.product_create(actor=rep, supplier=supplier, name="Te laat")


def test_others_cannot_end_a_representation(rep, other_rep):
    membership = SupplierMembership.objects.get(user=rep)
    with pytest.raises(PermissionDenied):
        services.supplier_membership_end(actor=other_rep, membership=membership)


# --- signatures and delivery commitments ------------------------------------------------------------


@pytest.fixture
def addendum(programme, blocks):
    return AgreementFactory(programme=programme, title="Addendum Alfa", building_blocks=[blocks[0]])


def test_staff_record_a_signature_and_a_delivery_date(staff, addendum, supplier, blocks):
    signature = services.agreement_signature_create(
        actor=staff, agreement=addendum, supplier=supplier, signed_on=datetime.date(2013, 2, 1), today=TODAY
    )
    assert audited("suppliers.signature.create").changes["supplier"] == "Acme Software"
    commitment = services.delivery_commitment_create(
        actor=staff, signature=signature, building_block=blocks[0], due_date=datetime.date(2014, 1, 1)
    )
    assert audited("suppliers.commitment.create").changes["due_date"] == [None, "2014-01-01"]
    services.delivery_commitment_update(
        actor=staff, commitment=commitment, building_block=blocks[0], due_date=datetime.date(2014, 1, 1)
    )
    assert AuditEntry.objects.filter(action="suppliers.commitment.update").count() == 0  # unchanged: nothing
    services.delivery_commitment_update(
        actor=staff, commitment=commitment, building_block=blocks[0], due_date=datetime.date(2014, 7, 1)
    )
    assert audited("suppliers.commitment.update").changes == {"due_date": ["2014-01-01", "2014-07-01"]}


def test_representatives_and_coordinators_record_no_signatures(rep, coordinator, addendum, supplier, blocks):
    signature = SignatureFactory(agreement=addendum, supplier=supplier)
    for actor in (rep, coordinator):
        with pytest.raises(PermissionDenied):
            services.agreement_signature_create(actor=actor, agreement=addendum, supplier=supplier, signed_on=TODAY)
        with pytest.raises(PermissionDenied):
            services.delivery_commitment_create(
                actor=actor, signature=signature, building_block=blocks[0], due_date=TODAY
            )
    assert AgreementSignature.objects.count() == 1 and not DeliveryCommitment.objects.exists()


def test_signature_rules(staff, addendum, supplier):
    assert refused(
        services.agreement_signature_create, actor=staff, agreement=addendum, supplier=supplier, signed_on=None
    ) == {"signed_on": ["Enter the date of the signature."]}
    assert refused(
        services.agreement_signature_create,
        actor=staff,
        agreement=addendum,
        supplier=supplier,
        signed_on=TODAY + datetime.timedelta(days=1),
        today=TODAY,
    ) == {"signed_on": ["A signature cannot be dated after today (1 June 2014)."]}
    SignatureFactory(agreement=addendum, supplier=supplier)
    assert refused(
        services.agreement_signature_create, actor=staff, agreement=addendum, supplier=supplier, signed_on=TODAY
    ) == {"supplier": ["Acme Software has already signed “Addendum Alfa”."]}


def test_commitment_rules(staff, addendum, supplier, blocks):
    signature = SignatureFactory(agreement=addendum, supplier=supplier, signed_on=datetime.date(2013, 2, 1))
    assert refused(
        services.delivery_commitment_create,
        actor=staff,
        signature=signature,
        building_block=blocks[1],
        due_date=datetime.date(2013, 1, 1),
    ) == {
        "building_block": ["“Addendum Alfa” is about Alfa; choose one of those."],
        "due_date": ["The delivery date cannot be before the signature (1 February 2013)."],
    }
    CommitmentFactory(signature=signature, building_block=blocks[0])
    assert refused(
        services.delivery_commitment_create, actor=staff, signature=signature, building_block=blocks[0], due_date=TODAY
    ) == {"building_block": ["Acme Software has already committed to a date for Alfa under this agreement."]}


def test_a_covenant_without_blocks_takes_any_block_of_its_programme(staff, programme, supplier, blocks):
    covenant = AgreementFactory(programme=programme, kind="covenant", title="Convenant")
    signature = SignatureFactory(agreement=covenant, supplier=supplier)
    commitment = services.delivery_commitment_create(
        actor=staff, signature=signature, building_block=blocks[1], due_date=TODAY
    )
    assert commitment.building_block == blocks[1]
    elsewhere = SupplierFactory()  # a block of another programme is refused
    from bouwplaats.catalogue.tests.factories import BuildingBlockFactory

    foreign = BuildingBlockFactory()
    other_signature = SignatureFactory(agreement=covenant, supplier=elsewhere)
    messages = refused(
        services.delivery_commitment_create,
        actor=staff,
        signature=other_signature,
        building_block=foreign,
        due_date=TODAY,
    )
    assert messages == {"building_block": [f"Choose a building block of {programme.name}."]}
