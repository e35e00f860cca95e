# SPDX-License-Identifier: EUPL-1.2
"""Landscape imports from CSV/XLSX (a Softwarecatalogus-like export): dry run first, then apply at once.

``import_check`` reads the file, checks every row and keeps the file with its per-row report;
nothing in the landscapes changes. ``import_apply`` checks the stored file again against the
state of that moment and, only if every row passes, replaces in one transaction the imported
and demo applications of each municipality in the file by the file's rows (applications entered
in the site are kept). Applying the same file again therefore gives the same landscape.

The columns are found by their Dutch or English names in any order (``COLUMNS``); the reference
components and standards of a row are GEMMA names or object ids, separated by ``;`` or ``|``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bouwplaats.audit import services as audit
from bouwplaats.core.tabular import FileRefused, Layout, cell_text, read_table, read_upload
from bouwplaats.organisations.models import Municipality

from . import permissions
from .analysis import REFERENCE_COMPONENT, STANDARD, STANDARD_VERSION, landscape_date
from .models import (
    Application,
    ApplicationReference,
    ApplicationSource,
    ImportStatus,
    LandscapeImport,
    ReferenceKind,
)
from .selectors import reference_model
from .services import TEXT_LIMITS

LIST_SEPARATOR = re.compile(r"[;|\n]")

COLUMNS: dict[str, tuple[str, ...]] = {
    "municipality": ("gemeente", "gemeentecode", "gemeente_code", "cbs_code", "municipality", "municipality_code"),
    "name": ("applicatie", "applicatienaam", "naam_applicatie", "application", "name", "naam"),
    "supplier": ("leverancier", "supplier", "leveranciersnaam"),
    "product": ("pakket", "product", "pakketnaam"),
    "version": ("versie", "pakketversie", "version"),
    "components": (
        "referentiecomponent",
        "referentiecomponenten",
        "reference_component",
        "reference_components",
        "gemma_referentiecomponent",
    ),
    "standards": ("standaard", "standaarden", "ondersteunde_standaarden", "standards", "supported_standards"),
}
REQUIRED = ("municipality", "name")
LAYOUT = Layout(
    columns=COLUMNS,
    required=tuple(((column,), COLUMNS[column][0]) for column in REQUIRED),
    max_rows=20_000,
)


# --- reading -----------------------------------------------------------------------------------


def read_rows(name: str, content: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """The data rows as (row number, column → text) and the headers that were ignored.

    The file is read by the status import's reader, so both refuse the same broken files (an empty
    workbook, NUL bytes, a column given twice) with the same messages.
    """
    table = read_table(name, content, layout=LAYOUT)
    rows = [(row.number, {column: cell_text(value) for column, value in row.cells.items()}) for row in table.rows]
    return rows, table.ignored


# --- checking ----------------------------------------------------------------------------------


@dataclass
class Lookup:
    """Names and object ids of the reference model, and the municipalities the actor may change."""

    components: dict[str, str]  # casefolded name or object id → object id
    standards: dict[str, str]
    names: dict[str, str]  # object id → name
    municipalities: dict[str, Municipality]  # code → municipality of the division
    actor: object
    editable: dict[str, bool] = field(default_factory=dict)  # code → may the actor edit it (asked once)

    @classmethod
    def build(cls, actor) -> Lookup:
        model = reference_model()
        components, standards, names = {}, {}, {}
        if model is not None:
            elements = model.elements.filter(gemma_type__in=[REFERENCE_COMPONENT, STANDARD, STANDARD_VERSION])
            for object_id, name, gemma_type in elements.exclude(object_id="").values_list(
                "object_id", "name", "gemma_type"
            ):
                target = components if gemma_type == REFERENCE_COMPONENT else standards
                target.setdefault(name.casefold(), object_id)
                target[object_id.casefold()] = object_id
                names[object_id] = name
        municipalities = {m.code: m for m in Municipality.objects.on(landscape_date())}
        return cls(components, standards, names, municipalities, actor)

    def municipality(self, text: str) -> Municipality | None:
        digits = re.sub(r"\D", "", text)
        if not digits or len(digits) > 4:
            return None
        return self.municipalities.get(f"GM{int(digits):04d}")

    def may_edit(self, municipality: Municipality) -> bool:
        if municipality.code not in self.editable:
            self.editable[municipality.code] = permissions.can_edit_landscape(self.actor, municipality)
        return self.editable[municipality.code]


@dataclass
class CheckedRow:
    number: int
    cells: dict[str, str]
    municipality: Municipality | None = None
    components: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self, names: dict[str, str]) -> dict:
        return {
            "row": self.number,
            "municipality": self.municipality.code if self.municipality else self.cells.get("municipality", ""),
            "municipality_name": self.municipality.name if self.municipality else "",
            "name": self.cells.get("name", ""),
            "supplier": self.cells.get("supplier", ""),
            "product": self.cells.get("product", ""),
            "version": self.cells.get("version", ""),
            "components": [names.get(o, o) for o in self.components],
            "standards": [names.get(o, o) for o in self.standards],
            "errors": self.errors,
            "warnings": self.warnings,
        }


def _resolve(text: str, table: dict[str, str]) -> tuple[list[str], list[str]]:
    found, unknown = [], []
    for token in LIST_SEPARATOR.split(text or ""):
        token = token.strip()
        if not token:
            continue
        object_id = table.get(token.casefold())
        if object_id is None:
            unknown.append(token)
        elif object_id not in found:
            found.append(object_id)
    return found, unknown


def check_rows(rows, lookup: Lookup) -> list[CheckedRow]:
    checked = []
    for number, cells in rows:
        row = CheckedRow(number=number, cells=cells)
        row.municipality = lookup.municipality(cells.get("municipality", ""))
        if row.municipality is None:
            row.errors.append(
                _("“%(code)s” is not a municipality code of the programme's division.")
                % {"code": cells.get("municipality", "")}
            )
        elif not lookup.may_edit(row.municipality):
            row.errors.append(_("You may not change the landscape of %(name)s.") % {"name": row.municipality.name})
        if not cells.get("name"):
            row.errors.append(_("The application has no name."))
        for column, limit in TEXT_LIMITS.items():
            if len(cells.get(column, "")) > limit:
                row.errors.append(_("%(column)s: at most %(max)d characters.") % {"column": column, "max": limit})
        row.components, unknown = _resolve(cells.get("components", ""), lookup.components)
        if unknown:
            row.errors.append(
                ngettext(
                    "Unknown reference component: %(names)s.", "Unknown reference components: %(names)s.", len(unknown)
                )
                % {"names": ", ".join(unknown)}
            )
        row.standards, unknown = _resolve(cells.get("standards", ""), lookup.standards)
        if unknown:
            row.errors.append(
                ngettext("Unknown standard: %(names)s.", "Unknown standards: %(names)s.", len(unknown))
                % {"names": ", ".join(unknown)}
            )
        if not row.components and not row.errors:
            row.warnings.append(_("No reference component: the application will not count in analyses."))
        checked.append(row)
    return checked


def _report(checked: list[CheckedRow], lookup: Lookup, ignored: list[str]) -> dict:
    municipalities = sorted({row.municipality.code for row in checked if row.municipality})
    return {
        "ignored_columns": ignored,
        "municipalities": municipalities,
        "counts": {
            "rows": len(checked),
            "errors": sum(1 for row in checked if row.errors),
            "warnings": sum(1 for row in checked if row.warnings),
        },
        "rows": [row.as_json(lookup.names) for row in checked],
    }


@transaction.atomic
def import_check(*, actor, file) -> LandscapeImport:
    """The dry run: read and check ``file`` and keep it with its report. Changes no landscape."""
    permissions.require_landscape_importer(actor)
    try:
        name, content = read_upload(file)
        rows, ignored = read_rows(name, content)
    except FileRefused as refused:
        raise ValidationError({"file": str(refused.message)}) from None
    lookup = Lookup.build(actor)
    report = _report(check_rows(rows, lookup), lookup, ignored)
    batch = LandscapeImport.objects.create(
        file_name=name,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        status=ImportStatus.REFUSED if report["counts"]["errors"] else ImportStatus.CHECKED,
        report=report,
        row_count=report["counts"]["rows"],
        error_count=report["counts"]["errors"],
        uploaded_by=actor,
    )
    audit.record(
        actor=actor,
        action="impact.landscape_import.check",
        target=batch,
        changes={"rows": batch.row_count, "errors": batch.error_count},
    )
    return batch


@transaction.atomic
def import_apply(*, actor, batch: LandscapeImport) -> LandscapeImport:
    """Apply a checked import: every row at once, or nothing (``ValidationError``)."""
    permissions.require_landscape_importer(actor)
    batch = LandscapeImport.objects.select_for_update().get(pk=batch.pk)
    if batch.uploaded_by_id != actor.pk and not permissions.is_programme_staff(actor):
        raise PermissionDenied(_("You may only apply your own imports."))
    if batch.status != ImportStatus.CHECKED:
        raise ValidationError({"status": _("Only a checked import that was not applied yet can be applied.")})
    rows, ignored = read_rows(batch.file_name, bytes(batch.content))
    lookup = Lookup.build(actor)
    checked = check_rows(rows, lookup)
    report = _report(checked, lookup, ignored)
    if report["counts"]["errors"]:
        batch.status, batch.report, batch.error_count = ImportStatus.REFUSED, report, report["counts"]["errors"]
        batch.save(update_fields=["status", "report", "error_count"])
        raise ValidationError({"file": _("Rows no longer pass the check; nothing was applied.")})

    municipalities = {row.municipality.pk: row.municipality for row in checked}
    replaced = Application.objects.filter(
        municipality_id__in=list(municipalities), source__in=[ApplicationSource.IMPORT, ApplicationSource.DEMO]
    )
    removed = replaced.count()
    replaced.delete()
    applications = Application.objects.bulk_create(
        [
            Application(
                municipality=row.municipality,
                name=row.cells["name"],
                supplier=row.cells.get("supplier", ""),
                product=row.cells.get("product", ""),
                version=row.cells.get("version", ""),
                source=ApplicationSource.IMPORT,
            )
            for row in checked
        ]
    )
    ApplicationReference.objects.bulk_create(
        [
            ApplicationReference(application=app, kind=kind, object_id=object_id)
            for app, row in zip(applications, checked, strict=True)
            for kind, object_ids in ((ReferenceKind.COMPONENT, row.components), (ReferenceKind.STANDARD, row.standards))
            for object_id in object_ids
        ]
    )
    batch.status, batch.report, batch.applied_at = ImportStatus.APPLIED, report, timezone.now()
    batch.save(update_fields=["status", "report", "applied_at"])
    audit.record(
        actor=actor,
        action="impact.landscape_import.apply",
        target=batch,
        changes={
            "municipalities": sorted(m.code for m in municipalities.values()),
            "added": len(checked),
            "removed": removed,
        },
    )
    return batch
