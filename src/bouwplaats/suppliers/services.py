# SPDX-License-Identifier: EUPL-1.2
"""Writes for suppliers: suppliers, products and versions, readiness, representatives, and the
signatures and delivery commitments under the programme's supplier agreements.

Every function takes keyword arguments only, checks once who may write (``permissions``), collects
every validation message by field and raises them together (nothing is written then), writes in one
transaction and appends one audit entry. Updates go through ``core.services.model_update``, which
writes and records nothing when nothing changed.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from bouwplaats.accounts.models import MembershipStatus, Role, User
from bouwplaats.accounts.selectors import staff_recipients
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.core.errors import Errors, clean_text
from bouwplaats.core.services import check_fields, model_update, snapshot, validate
from bouwplaats.notifications.services import in_recipient_language, notification_send

from . import permissions
from .models import (
    Agreement,
    AgreementSignature,
    DeliveryCommitment,
    Product,
    ProductVersion,
    Readiness,
    ReadinessState,
    Standard,
    Supplier,
    SupplierMembership,
)

SUPPLIER_FIELDS = ("name", "kvk_number", "website", "description")
PRODUCT_FIELDS = ("name", "description")
VERSION_FIELDS = ("version", "release_date", "end_of_support")
READINESS_FIELDS = ("state", "date", "evidence", "evidence_url", "conformance_report")
COMMITMENT_FIELDS = ("building_block", "due_date")

KVK_DIGITS = 8
_DIGITS = re.compile(r"[0-9]*")


def _written(date: datetime.date) -> str:
    """A date in running text, in the reader's language: "1 maart 2015"."""
    return date_format(date, "j F Y")


# --- suppliers -------------------------------------------------------------------------------------------


def normalise_supplier_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Texts stripped; an empty KvK number is no KvK number (stored as NULL, so that it is not unique)."""
    fields = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}
    if "name" in fields:
        fields["name"] = " ".join((fields["name"] or "").split())
    if "kvk_number" in fields:
        fields["kvk_number"] = fields["kvk_number"] or None
    return fields


def _check_kvk(supplier: Supplier, errors: Errors) -> None:
    """A KvK number is 8 digits, and belongs to one supplier. Clearer words than the model's validator."""
    value = supplier.kvk_number
    if value is None:
        return
    if not _DIGITS.fullmatch(value):
        errors.replace(
            "kvk_number",
            _(
                "A KvK number consists of %(digits)d digits only, without spaces, dots or hyphens; "
                "“%(value)s” holds other characters."
            )
            % {"digits": KVK_DIGITS, "value": value},
        )
    elif len(value) != KVK_DIGITS:
        errors.replace(
            "kvk_number",
            ngettext(
                "A KvK number has %(digits)d digits; “%(value)s” has %(count)d.",
                "A KvK number has %(digits)d digits; “%(value)s” has %(count)d.",
                len(value),
            )
            % {"digits": KVK_DIGITS, "value": value, "count": len(value)},
        )
    else:
        other = Supplier.objects.filter(kvk_number=value).exclude(pk=supplier.pk).first()
        if other is not None:
            errors.replace(
                "kvk_number",
                _("%(name)s already has the KvK number %(value)s.") % {"name": other.name, "value": value},
            )


def check_length(errors: Errors, field: str, value: str, max_length: int) -> None:
    """The site's one message for a text that is too long (``core.errors.clean_text``), instead of the model's."""
    found = Errors()
    clean_text(value, field=field, max_length=max_length, required=False, errors=found)
    for message in found.messages.get(field, []):
        errors.replace(field, message)


def _check_supplier(supplier: Supplier, errors: Errors) -> None:
    if not supplier.name:
        errors.replace("name", _("Enter the supplier's name."))
    else:
        check_length(errors, "name", supplier.name, 150)
        other = Supplier.objects.filter(name__iexact=supplier.name).exclude(pk=supplier.pk).first()
        if other is not None:
            errors.replace("name", _("There is already a supplier named “%(name)s”.") % {"name": other.name})
    check_length(errors, "description", supplier.description, 4000)
    _check_kvk(supplier, errors)


@transaction.atomic
def supplier_create(*, actor, **fields: Any) -> Supplier:
    """Add a supplier (programme staff)."""
    permissions.require_supplier_manager(actor)
    check_fields(fields, SUPPLIER_FIELDS)
    supplier = Supplier(**normalise_supplier_fields(fields))
    validate(supplier, _check_supplier)
    supplier.save()
    audit.record(
        actor=actor,
        action="suppliers.supplier.create",
        target=supplier,
        changes=audit.diff({}, snapshot(supplier, SUPPLIER_FIELDS)),
    )
    return supplier


@transaction.atomic
def supplier_update(*, actor, supplier: Supplier, **fields: Any) -> Supplier:
    """Change a supplier's name, KvK number, website or description (programme staff)."""
    permissions.require_supplier_manager(actor)
    return model_update(
        supplier,
        normalise_supplier_fields(fields),
        fields=SUPPLIER_FIELDS,
        actor=actor,
        action="suppliers.supplier.update",
        clean=_check_supplier,
    )


# --- products and versions -------------------------------------------------------------------------------


def _check_product(product: Product, errors: Errors) -> None:
    check_length(errors, "description", product.description, 4000)
    if not product.name:
        errors.replace("name", _("Enter the name of the product."))
        return
    check_length(errors, "name", product.name, 150)
    clash = Product.objects.filter(supplier_id=product.supplier_id, name__iexact=product.name).exclude(pk=product.pk)
    if clash.exists():
        errors.replace(
            "name",
            _("%(supplier)s already has a product named “%(name)s”.")
            % {"supplier": product.supplier.name, "name": product.name},
        )


def _product_fields(fields: dict[str, Any]) -> dict[str, Any]:
    fields = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}
    if "name" in fields:
        fields["name"] = " ".join((fields["name"] or "").split())
    return fields


@transaction.atomic
def product_create(*, actor, supplier: Supplier, **fields: Any) -> Product:
    """Add a product of ``supplier`` (its representatives, or programme staff)."""
    permissions.require_maintainer(actor, supplier)
    check_fields(fields, PRODUCT_FIELDS)
    product = Product(supplier=supplier, **_product_fields(fields))
    validate(product, _check_product)
    product.save()
    audit.record(
        actor=actor,
        action="suppliers.product.create",
        target=product,
        changes=audit.diff({}, {"supplier": supplier.name, **snapshot(product, PRODUCT_FIELDS)}),
    )
    return product


@transaction.atomic
def product_update(*, actor, product: Product, **fields: Any) -> Product:
    permissions.require_maintainer(actor, product.supplier)
    return model_update(
        product,
        _product_fields(fields),
        fields=PRODUCT_FIELDS,
        actor=actor,
        action="suppliers.product.update",
        clean=_check_product,
    )


def _check_version(version: ProductVersion, errors: Errors) -> None:
    if not version.version:
        errors.replace("version", _("Enter the version number, for example 2014.2."))
    elif len(version.version) > 50:
        check_length(errors, "version", version.version, 50)
    elif (
        ProductVersion.objects.filter(product_id=version.product_id, version__iexact=version.version)
        .exclude(pk=version.pk)
        .exists()
    ):
        errors.replace(
            "version",
            _("%(product)s already has a version %(version)s.")
            % {"product": version.product.name, "version": version.version},
        )
    if version.release_date is None:
        errors.replace("release_date", _("Enter the date on which this version was, or will be, released."))
        return
    if version.end_of_support is not None and version.end_of_support < version.release_date:
        errors.add(
            "end_of_support",
            _("Support cannot end before the version is released (%(date)s).")
            % {"date": _written(version.release_date)},
        )
    if version.pk is not None:
        earlier = (
            Readiness.objects.filter(product_version=version, date__lt=version.release_date).order_by("date").first()
        )
        if earlier is not None:
            errors.add(
                "release_date",
                _(
                    "The readiness for %(subject)s is dated %(date)s, before this release date. "
                    "Change that readiness first."
                )
                % {"subject": earlier.building_block or earlier.standard, "date": _written(earlier.date)},
            )


def _version_fields(fields: dict[str, Any]) -> dict[str, Any]:
    if isinstance(fields.get("version"), str):
        fields = {**fields, "version": fields["version"].strip()}
    return fields


@transaction.atomic
def product_version_create(*, actor, product: Product, **fields: Any) -> ProductVersion:
    """Add a version of a product, with its release date and (optionally) the end of its support."""
    permissions.require_maintainer(actor, product.supplier)
    check_fields(fields, VERSION_FIELDS)
    version = ProductVersion(product=product, **_version_fields(fields))
    validate(version, _check_version)
    version.save()
    audit.record(
        actor=actor,
        action="suppliers.product_version.create",
        target=version,
        changes=audit.diff({}, {"product": product.name, **snapshot(version, VERSION_FIELDS)}),
    )
    return version


@transaction.atomic
def product_version_update(*, actor, product_version: ProductVersion, **fields: Any) -> ProductVersion:
    """Change a version's number, release date or end of support; ``fields`` may hold ``version``, the number."""
    permissions.require_maintainer(actor, product_version.product.supplier)
    return model_update(
        product_version,
        _version_fields(fields),
        fields=VERSION_FIELDS,
        actor=actor,
        action="suppliers.product_version.update",
        clean=_check_version,
    )


# --- readiness -------------------------------------------------------------------------------------------


def _readiness_rules(today: datetime.date):
    """The ``clean`` of a readiness: its date agrees with its state and the version, its evidence belongs to
    the supplier, and the version has no other readiness for the same building block or standard."""

    def clean(readiness: Readiness, errors: Errors) -> None:
        version = readiness.product_version
        if readiness.building_block_id and readiness.standard_id:
            errors.add("building_block", _("Choose a building block or a standard, not both."))
        elif not (readiness.building_block_id or readiness.standard_id):
            errors.add("building_block", _("Choose the building block or the standard that this readiness is about."))
        state, date = readiness.state, readiness.date
        if state not in ReadinessState.values:
            errors.replace("state", _("Choose supported, planned or not planned."))
        elif state == ReadinessState.NOT_PLANNED:
            if date is not None:
                errors.add("date", _("Leave the date empty when support is not planned."))
        elif date is None:
            if state == ReadinessState.SUPPORTED:
                errors.add("date", _("Enter the date since when this version supports it."))
            else:
                errors.add("date", _("Enter the date for which support is planned."))
        elif date < version.release_date:
            errors.add(
                "date",
                _("The date cannot be before the release of version %(version)s (%(date)s).")
                % {"version": version.version, "date": _written(version.release_date)},
            )
        elif state == ReadinessState.SUPPORTED and date > today:
            errors.add(
                "date",
                _("Support cannot have begun after today (%(today)s); choose “planned for” instead.")
                % {"today": _written(today)},
            )
        check_length(errors, "evidence", readiness.evidence, 4000)
        _check_report(readiness, errors)
        _check_unique_subject(readiness, errors)

    return clean


def _check_report(readiness: Readiness, errors: Errors) -> None:
    report = readiness.conformance_report
    if report is None:
        return
    supplier_id = readiness.product_version.product.supplier_id
    if report.supplier_id != supplier_id:
        errors.add("conformance_report", _("Choose a conformance report of this supplier."))
    elif not report.passed:
        errors.add("conformance_report", _("Choose a conformance report that passed."))
    elif readiness.standard_id and report.standard_id != readiness.standard_id:
        errors.add(
            "conformance_report",
            _("Choose a conformance report for %(standard)s.") % {"standard": readiness.standard.name},
        )


def _check_unique_subject(readiness: Readiness, errors: Errors) -> None:
    others = Readiness.objects.filter(product_version_id=readiness.product_version_id).exclude(pk=readiness.pk)
    if readiness.building_block_id and others.filter(building_block_id=readiness.building_block_id).exists():
        errors.add(
            "building_block",
            _("Version %(version)s already has a readiness for %(subject)s; change that one.")
            % {"version": readiness.product_version.version, "subject": readiness.building_block.name},
        )
    if readiness.standard_id and others.filter(standard_id=readiness.standard_id).exists():
        errors.add(
            "standard",
            _("Version %(version)s already has a readiness for %(subject)s; change that one.")
            % {"version": readiness.product_version.version, "subject": readiness.standard.name},
        )


def _readiness_values(readiness: Readiness) -> dict[str, Any]:
    values = snapshot(readiness, READINESS_FIELDS)
    values["conformance_report"] = readiness.conformance_report_id
    return values


def _readiness_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}


@transaction.atomic
def readiness_create(
    *,
    actor,
    product_version: ProductVersion,
    building_block: BuildingBlock | None = None,
    standard: Standard | None = None,
    today: datetime.date | None = None,
    **fields: Any,
) -> Readiness:
    """Record whether a version supports a building block or a standard: since when, or planned for when,
    or not planned, with evidence (its representatives, or programme staff)."""
    supplier = product_version.product.supplier
    permissions.require_maintainer(actor, supplier)
    check_fields(fields, READINESS_FIELDS)
    readiness = Readiness(
        product_version=product_version, building_block=building_block, standard=standard, **_readiness_fields(fields)
    )
    validate(readiness, _readiness_rules(today or timezone.localdate()))
    readiness.save()
    subject = {"building_block": building_block.code} if building_block else {"standard": standard.code}
    audit.record(
        actor=actor,
        action="suppliers.readiness.create",
        target=readiness,
        changes=audit.diff({}, {"product_version": str(product_version), **subject, **_readiness_values(readiness)}),
    )
    return readiness


@transaction.atomic
def readiness_update(*, actor, readiness: Readiness, today: datetime.date | None = None, **fields: Any) -> Readiness:
    """Change the state, date or evidence of a readiness; what it is about stays."""
    permissions.require_maintainer(actor, readiness.product_version.product.supplier)
    return model_update(
        readiness,
        _readiness_fields(fields),
        fields=READINESS_FIELDS,
        actor=actor,
        action="suppliers.readiness.update",
        clean=_readiness_rules(today or timezone.localdate()),
        describe=_readiness_values,
    )


@transaction.atomic
def readiness_delete(*, actor, readiness: Readiness) -> None:
    """Remove a readiness entered by mistake. Recorded on its version: the readiness itself is gone."""
    permissions.require_maintainer(actor, readiness.product_version.product.supplier)
    # Only the readiness row is locked (PostgreSQL locks no nullable side of an outer join).
    readiness = (
        Readiness.objects.select_for_update(of=("self",))
        .select_related("product_version", "building_block", "standard")
        .get(pk=readiness.pk)
    )
    if readiness.building_block_id:
        subject = {"building_block": [readiness.building_block.code, None]}
    else:
        subject = {"standard": [readiness.standard.code, None]}
    audit.record(
        actor=actor,
        action="suppliers.readiness.delete",
        target=readiness.product_version,
        changes=subject,
    )
    readiness.delete()


# --- representatives -------------------------------------------------------------------------------------


@transaction.atomic
def supplier_membership_request(*, actor, supplier: Supplier, motivation: str = "") -> SupplierMembership:
    """Ask programme staff to be recognised as representative of ``supplier``. One open request or
    representation per user."""
    permissions.require_representation_requester(actor)
    motivation = clean_text(
        motivation,
        field="motivation",
        max_length=2000,
        required=_("Tell the programme staff your position at the supplier, so that they can check the request."),
    )
    existing = (
        SupplierMembership.objects.select_for_update()
        .select_related("supplier")
        .filter(user=actor, status__in=[MembershipStatus.PENDING, MembershipStatus.APPROVED])
        .first()
    )
    if existing is not None:
        if existing.status == MembershipStatus.APPROVED:
            message = _("You already represent %(supplier)s; a representative speaks for one supplier.")
        else:
            message = _("You already have an open request for %(supplier)s; programme staff will decide on it.")
        raise ValidationError({"supplier": message % {"supplier": existing.supplier.name}})
    try:
        with transaction.atomic():
            membership = SupplierMembership.objects.create(user=actor, supplier=supplier, motivation=motivation)
    except IntegrityError:
        raise ValidationError({"supplier": _("You already have an open request to represent a supplier.")})
    audit.record(
        actor=actor,
        action="suppliers.membership.requested",
        target=membership,
        changes={"supplier": supplier.name, "motivation": motivation},
    )
    notification_send(
        recipients=list(staff_recipients()),
        kind="representation",
        subject=in_recipient_language(
            gettext_noop("%(user)s asks to represent %(supplier)s"), user=actor.full_name, supplier=supplier.name
        ),
        body=motivation,
        url=reverse("suppliers:membership-requests"),
        actor=actor,
        target=membership,
    )
    return membership


@transaction.atomic
def supplier_membership_decide(
    *, actor, membership: SupplierMembership, approve: bool, note: str = ""
) -> SupplierMembership:
    """Approve or reject a request to represent a supplier (programme staff). Approving makes a member a
    supplier representative; a user with a higher role keeps it."""
    permissions.require_membership_decider(actor)
    membership = SupplierMembership.objects.select_for_update().select_related("user", "supplier").get(pk=membership.pk)
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(
            _("This request has already been decided (%(status)s).") % {"status": membership.get_status_display()}
        )
    permissions.require_not_own_request(actor, membership)
    note = clean_text(note, field="note", max_length=2000, required=False)
    user = User.objects.select_for_update().get(pk=membership.user_id)
    if approve and user.role == Role.COORDINATOR:
        raise ValidationError(
            {
                "decision": _("%(user)s is a municipality coordinator and cannot also represent a supplier.")
                % {"user": user}
            }
        )
    before = membership.status
    membership.status = MembershipStatus.APPROVED if approve else MembershipStatus.REJECTED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.decision_note = note
    membership.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    changes: dict[str, Any] = {"status": [before, membership.status], "note": note}
    if approve and user.role == Role.MEMBER:
        changes["user_role"] = [user.role, Role.SUPPLIER]
        changes["organisation_name"] = [user.organisation_name, membership.supplier.name]
        user.role = Role.SUPPLIER
        user.organisation_name = membership.supplier.name
        user.save(update_fields=["role", "organisation_name"])
    audit.record(
        actor=actor,
        action="suppliers.membership.approved" if approve else "suppliers.membership.rejected",
        target=membership,
        changes=changes,
    )
    if approve:
        subject = gettext_noop("You now represent %(supplier)s")
    else:
        subject = gettext_noop("Your request to represent %(supplier)s was not approved")
    notification_send(
        recipients=[user],
        kind="representation",
        subject=in_recipient_language(subject, supplier=membership.supplier.name),
        body=note,
        url=reverse("suppliers:supplier-detail", args=[membership.supplier_id]),
        actor=actor,
        target=membership,
    )
    return membership


@transaction.atomic
def supplier_membership_end(*, actor, membership: SupplierMembership) -> SupplierMembership:
    """End a representation, or withdraw a pending request (the user themself, or programme staff). A user who
    no longer represents any supplier becomes a member again."""
    permissions.require_membership_ender(actor, membership)
    membership = SupplierMembership.objects.select_for_update().select_related("user", "supplier").get(pk=membership.pk)
    if membership.status not in (MembershipStatus.PENDING, MembershipStatus.APPROVED):
        raise ValidationError(_("This representation has already ended or was rejected."))
    before = membership.status
    membership.status = MembershipStatus.ENDED
    membership.save(update_fields=["status"])
    changes: dict[str, Any] = {"status": [before, MembershipStatus.ENDED]}
    user = User.objects.select_for_update().get(pk=membership.user_id)
    still = user.supplier_memberships.filter(status=MembershipStatus.APPROVED).exists()
    if user.role == Role.SUPPLIER and not still:
        changes["user_role"] = [Role.SUPPLIER, Role.MEMBER]
        user.role = Role.MEMBER
        user.save(update_fields=["role"])
    audit.record(actor=actor, action="suppliers.membership.ended", target=membership, changes=changes)
    return membership


# --- agreements: signatures and delivery commitments -----------------------------------------------------


@transaction.atomic
def agreement_signature_create(
    *,
    actor,
    agreement: Agreement,
    supplier: Supplier,
    signed_on: datetime.date | None,
    today: datetime.date | None = None,
) -> AgreementSignature:
    """Record that ``supplier`` signed ``agreement`` on ``signed_on`` (programme staff)."""
    permissions.require_agreement_manager(actor)
    today = today or timezone.localdate()
    errors = Errors()
    if signed_on is None:
        errors.add("signed_on", _("Enter the date of the signature."))
    elif signed_on > today:
        errors.add("signed_on", _("A signature cannot be dated after today (%(today)s).") % {"today": _written(today)})
    if AgreementSignature.objects.filter(agreement=agreement, supplier=supplier).exists():
        errors.add(
            "supplier",
            _("%(supplier)s has already signed “%(agreement)s”.") % {"supplier": supplier.name, "agreement": agreement},
        )
    errors.raise_if_any()
    signature = AgreementSignature.objects.create(agreement=agreement, supplier=supplier, signed_on=signed_on)
    audit.record(
        actor=actor,
        action="suppliers.signature.create",
        target=signature,
        changes={"agreement": agreement.title, "supplier": supplier.name, "signed_on": signed_on},
    )
    return signature


def _check_commitment(commitment: DeliveryCommitment, errors: Errors) -> None:
    signature = commitment.signature
    agreement = signature.agreement
    block = commitment.building_block if commitment.building_block_id else None
    if block is None:
        errors.replace("building_block", _("Choose the building block that the supplier will deliver."))
    elif block.programme_id != agreement.programme_id:
        errors.add(
            "building_block", _("Choose a building block of %(programme)s.") % {"programme": agreement.programme}
        )
    else:
        named = list(agreement.building_blocks.all())
        if named and block not in named:
            errors.add(
                "building_block",
                _("“%(agreement)s” is about %(blocks)s; choose one of those.")
                % {"agreement": agreement.title, "blocks": ", ".join(sorted(b.name for b in named))},
            )
        clash = DeliveryCommitment.objects.filter(signature=signature, building_block=block).exclude(pk=commitment.pk)
        if clash.exists():
            errors.add(
                "building_block",
                _("%(supplier)s has already committed to a date for %(block)s under this agreement.")
                % {"supplier": signature.supplier.name, "block": block.name},
            )
    if commitment.due_date is None:
        errors.replace("due_date", _("Enter the date by which the supplier will deliver."))
    elif commitment.due_date < signature.signed_on:
        errors.add(
            "due_date",
            _("The delivery date cannot be before the signature (%(date)s).") % {"date": _written(signature.signed_on)},
        )


def _commitment_values(commitment: DeliveryCommitment) -> dict[str, Any]:
    block = commitment.building_block.code if commitment.building_block_id else None
    return {"building_block": block, "due_date": commitment.due_date}


@transaction.atomic
def delivery_commitment_create(
    *, actor, signature: AgreementSignature, building_block: BuildingBlock | None, due_date: datetime.date | None
) -> DeliveryCommitment:
    """Record the date by which a signing supplier will deliver a building block (programme staff)."""
    permissions.require_agreement_manager(actor)
    commitment = DeliveryCommitment(signature=signature, building_block=building_block, due_date=due_date)
    validate(commitment, _check_commitment)
    commitment.save()
    audit.record(
        actor=actor,
        action="suppliers.commitment.create",
        target=commitment,
        changes=audit.diff({}, {"signature": str(signature), **_commitment_values(commitment)}),
    )
    return commitment


@transaction.atomic
def delivery_commitment_update(*, actor, commitment: DeliveryCommitment, **fields: Any) -> DeliveryCommitment:
    permissions.require_agreement_manager(actor)
    return model_update(
        commitment,
        fields,
        fields=COMMITMENT_FIELDS,
        actor=actor,
        action="suppliers.commitment.update",
        clean=_check_commitment,
        describe=_commitment_values,
    )


# --- a successor programme -------------------------------------------------------------------------------


def agreements_copy(*, predecessor: Programme, successor: Programme, actor=None) -> int:
    """The predecessor's supplier agreements (the covenant and its addenda) for the successor, each addendum
    with the successor's building blocks of the same codes (a part of a successor, registered with
    ``catalogue.succession``; it runs after the blocks). Signatures and delivery commitments stay with the
    predecessor: suppliers sign the successor's agreements anew. Runs inside ``successor_start``, which checks
    permission and audits. Returns the number of agreements.
    """
    blocks = {block.code: block for block in BuildingBlock.objects.filter(programme=successor)}
    originals = list(Agreement.objects.filter(programme=predecessor).prefetch_related("building_blocks").order_by("pk"))
    copies = Agreement.objects.bulk_create(
        Agreement(
            programme=successor,
            kind=agreement.kind,
            title=agreement.title,
            description=agreement.description,
            source=agreement.source,
        )
        for agreement in originals
    )
    links = [
        Agreement.building_blocks.through(agreement_id=copy.pk, buildingblock_id=blocks[block.code].pk)
        for agreement, copy in zip(originals, copies, strict=True)
        for block in agreement.building_blocks.all()
        if block.code in blocks
    ]
    Agreement.building_blocks.through.objects.bulk_create(links)
    return len(copies)
