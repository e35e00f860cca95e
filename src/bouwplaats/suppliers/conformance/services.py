# SPDX-License-Identifier: EUPL-1.2
"""Writes of the conformance check: the report of an upload.

The standards with a check (their ``schema_set``) are reference data: ``data/suppliers/standards.csv``.

``conformance_report_create`` validates the upload first, outside any transaction (it may take
seconds and must not hold a database lock meanwhile), and then stores the report with its audit
entry in one transaction. An upload that cannot be checked is refused with a ``ValidationError``
on ``file`` and nothing is stored; the uploaded file itself is never kept, only its name and SHA-256.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bouwplaats.audit import services as audit
from bouwplaats.core.errors import Errors

from ..models import ConformanceReport, Standard
from .permissions import require_check_for
from .validation import UploadRefused, check_upload


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
