"""Writes of the conformance check: a report of an upload, and the standards that have a check.

``conformance_report_create`` validates the upload first, outside any transaction (it may take
seconds and must not hold a database lock meanwhile), and then stores the report with its audit
entry in one transaction. An upload that cannot be checked is refused with a ``ValidationError``
on ``file`` and nothing is stored; the uploaded file itself is never kept, only its name and SHA-256.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import is_programme_staff, require
from bouwplaats.audit import services as audit
from bouwplaats.core.errors import Errors

from ..models import ConformanceReport, SchemaSet, Standard
from .permissions import require_check_for
from .validation import UploadRefused, check_upload

# The standards whose schemas are in data/stuf/, as `conformance_standards_create` adds them.
STANDARDS = (
    {
        "code": "stuf-bg-0204",
        "name": "StUF-BG 2.04",
        "schema_set": SchemaSet.STUF_BG_0204,
        "source": "https://github.com/VNG-Realisatie/StUF-BG",
    },
    {
        "code": "stuf-zkn-0310",
        "name": "StUF-ZKN 3.10",
        "schema_set": SchemaSet.STUF_ZKN_0310,
        "source": "https://github.com/VNG-Realisatie/StUF-ZKN",
    },
)


def conformance_report_create(
    *, actor, standard: Standard, upload, supplier=None, municipality=None
) -> ConformanceReport:
    """Validate the messages of ``upload`` (one XML message or a ZIP of them) against the schemas of
    ``standard`` and keep the report, for ``supplier`` or for ``municipality`` (exactly one)."""
    errors = Errors()
    if supplier is None and municipality is None:
        errors.add("supplier", _("Choose the supplier or the municipality the check is for."))
    elif supplier is not None and municipality is not None:
        errors.add("supplier", _("A check is for a supplier or for a municipality, not for both."))
    errors.raise_if_any()
    require_check_for(actor, supplier=supplier, municipality=municipality)
    if standard is None or not standard.schema_set:
        errors.add("standard", _("Choose a standard that has a conformance check."))
    if upload is None:
        errors.add("file", _("Choose a file."))
    errors.raise_if_any()
    try:
        outcome = check_upload(upload, schema_set=standard.schema_set)
    except UploadRefused as refused:
        raise ValidationError({"file": refused.message}) from None
    with transaction.atomic():
        report = ConformanceReport.objects.create(
            standard=standard,
            supplier=supplier,
            municipality=municipality,
            uploaded_by=actor,
            file_name=outcome.file_name[:255],
            sha256=outcome.sha256,
            message_count=outcome.message_count,
            error_count=outcome.error_count,
            passed=outcome.passed,
            results=outcome.results(),
        )
        audit.record(
            actor=actor,
            action="suppliers.conformance_report.create",
            target=report,
            changes={
                "standard": standard.code,
                "supplier": supplier,
                "municipality": municipality.code if municipality is not None else None,
                "file_name": report.file_name,
                "sha256": report.sha256,
                "messages": report.message_count,
                "errors": report.error_count,
                "passed": report.passed,
            },
        )
    return report


def conformance_standards_create(*, actor=None) -> list[Standard]:
    """Add the standards whose schemas Bouwplaats holds (``STANDARDS``), each unless a standard already
    has its check or its code; one audit entry for all. Running it again changes nothing.
    ``actor`` None is the system (a management command); otherwise programme staff."""
    if actor is not None:
        require(is_programme_staff(actor), _("Only programme staff may add standards."))
    with transaction.atomic():
        taken = Standard.objects.filter(
            Q(schema_set__in=[data["schema_set"] for data in STANDARDS])
            | Q(code__in=[data["code"] for data in STANDARDS])
        ).values_list("schema_set", "code")
        schema_sets, codes = {schema_set for schema_set, _code in taken}, {code for _set, code in taken}
        missing = [data for data in STANDARDS if data["schema_set"] not in schema_sets and data["code"] not in codes]
        created = [Standard.objects.create(**data) for data in missing]
        if created:
            audit.record(
                actor=actor,
                action="suppliers.standard.conformance_checks_added",
                object_type=Standard._meta.label_lower,
                object_id=",".join(str(standard.pk) for standard in created),
                object_label=", ".join(standard.name for standard in created),
                changes={"standards": [{key: str(value) for key, value in data.items()} for data in missing]},
            )
    return created
