# SPDX-License-Identifier: EUPL-1.2
"""The suppliers' reference data: standards and the programme's supplier agreements (``data/suppliers/``),
and the standards named in the loaded GEMMA model.

``load_reference_data`` runs this as one of its steps (``catalogue.reference_steps``, registered in
``SuppliersConfig.ready``): ``read`` checks the files with everything else before anything is written;
``apply`` writes after the programme and the GEMMA model, in the same transaction. Standards and
agreements are created when missing; an agreement programme staff changed is kept. The GEMMA standards
are read from the current GEMMA release in the database, so that ``load_gemma_standards`` can bring them
up to date after a newer release is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.db import transaction
from django.utils.text import slugify

from bouwplaats.architecture.gemma import GEMMA_MODEL_NAME, gemma_online_url
from bouwplaats.architecture.models import Element
from bouwplaats.architecture.selectors import current_model
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.organisations.reference_data import Problems
from bouwplaats.organisations.reference_data.schema import (
    Column,
    choice,
    optional,
    pattern,
    read_csv,
    text,
    url,
    uuid_text,
)

from .models import Agreement, AgreementKind, SchemaSet, Standard

FOLDER = "suppliers"
STANDARDS_FILE = f"{FOLDER}/standards.csv"
AGREEMENTS_FILE = f"{FOLDER}/agreements.csv"
# The GEMMA type of the elements that are standards (their versions are "Standaardversie").
GEMMA_STANDARD_TYPE = "Standaard"
GEMMA_CODE_PREFIX = "gemma-"
CODE_LENGTH = Standard._meta.get_field("code").max_length

CODE = pattern(r"[-a-z0-9]{1,60}", "a code of lower-case letters, digits and hyphens")
STANDARD_COLUMNS = [
    Column("code", CODE),
    Column("name", text(200)),
    Column("gemma_object_id", optional(uuid_text, "")),
    Column("schema_set", optional(choice([value for value in SchemaSet.values if value]), "")),
    Column("source", optional(url, "")),
]
AGREEMENT_COLUMNS = [
    Column("programme", pattern(r"[-a-z0-9_]{1,50}", "the short name of a programme")),
    Column("kind", choice(AgreementKind.values)),
    Column("title", text(300)),
    Column("building_blocks", optional(text(), "")),
    Column("description", optional(text(4000), "")),
    Column("source", optional(url, "")),
]


@dataclass
class SupplierData:
    standards: list[SimpleNamespace] = field(default_factory=list)
    agreements: list[SimpleNamespace] = field(default_factory=list)


def _unique(rows: list[SimpleNamespace], attrs: tuple[str, ...], file: str, problems: Problems) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        key = tuple(getattr(row, attr) for attr in attrs)
        if key in seen:
            problems.add(file, row.line, attrs[-1], f"{key[-1]!r} is already used on line {seen[key]}")
        seen.setdefault(key, row.line)


def read_supplier_data(data_dir: Path, problems: Problems) -> SupplierData:
    """Read and check both files; every problem is added to ``problems``."""
    standards = read_csv(data_dir, STANDARDS_FILE, STANDARD_COLUMNS, problems=problems)
    agreements = read_csv(data_dir, AGREEMENTS_FILE, AGREEMENT_COLUMNS, problems=problems)
    _unique(standards, ("code",), STANDARDS_FILE, problems)
    for row in standards:
        if row.code.startswith(GEMMA_CODE_PREFIX):
            problems.add(STANDARDS_FILE, row.line, "code", f"codes starting with {GEMMA_CODE_PREFIX!r} are GEMMA's")
    _unique(agreements, ("programme", "title"), AGREEMENTS_FILE, problems)
    for row in agreements:
        row.codes = row.building_blocks.split()
    return SupplierData(standards=standards, agreements=agreements)


def _values(row: SimpleNamespace, names: tuple[str, ...]) -> dict:
    return {name: getattr(row, name) for name in names}


def _apply_standards(rows: list[SimpleNamespace]) -> dict[str, int]:
    existing = set(Standard.objects.filter(code__in=[row.code for row in rows]).values_list("code", flat=True))
    new = [
        Standard(**_values(row, ("code", "name", "gemma_object_id", "schema_set", "source")))
        for row in rows
        if row.code not in existing
    ]
    Standard.objects.bulk_create(new)
    return {"created": len(new), "kept": len(rows) - len(new)}


def _apply_agreements(rows: list[SimpleNamespace]) -> dict[str, int]:
    programmes = {p.slug: p for p in Programme.objects.filter(slug__in={row.programme for row in rows})}
    blocks = {
        (block.programme_id, block.code): block
        for block in BuildingBlock.objects.filter(programme__in=programmes.values()).only("id", "code", "programme_id")
    }
    existing = set(Agreement.objects.filter(programme__in=programmes.values()).values_list("programme_id", "title"))
    created = skipped = 0
    for row in rows:
        programme = programmes.get(row.programme)
        if programme is None:
            skipped += 1  # the programme is not loaded (the catalogue seeds only its own)
            continue
        if (programme.pk, row.title) in existing:
            continue
        agreement = Agreement.objects.create(
            programme=programme,
            **_values(row, ("kind", "title", "description", "source")),
        )
        # Blocks that staff removed from the catalogue are left out rather than refused.
        agreement.building_blocks.set([blocks[key] for code in row.codes if (key := (programme.pk, code)) in blocks])
        created += 1
    return {"created": created, "kept": len(rows) - created - skipped}


def gemma_standard_code(name: str) -> str:
    return (GEMMA_CODE_PREFIX + slugify(name))[:CODE_LENGTH].rstrip("-")


def gemma_standards() -> list[Element]:
    """The elements of the current GEMMA release that are standards, by name."""
    model = current_model(GEMMA_MODEL_NAME)
    if model is None:
        return []
    elements = Element.objects.filter(model=model, gemma_type=GEMMA_STANDARD_TYPE).exclude(object_id="")
    return list(elements.only("name", "object_id", "properties").order_by("name", "object_id"))


def apply_gemma_standards() -> dict[str, int]:
    """Add each standard of the current GEMMA release that is missing (by object id); rename those whose
    GEMMA name changed. Codes stay as they were made: other systems may use them."""
    elements = gemma_standards()
    by_object_id = {
        standard.gemma_object_id: standard
        for standard in Standard.objects.filter(gemma_object_id__in=[e.object_id for e in elements])
    }
    taken = set(Standard.objects.values_list("code", flat=True))
    new, updated = [], []
    for element in elements:
        name = element.name.strip()[:200]
        standard = by_object_id.get(element.object_id)
        if standard is not None:
            if standard.name != name:
                standard.name = name
                updated.append(standard)
            continue
        code = base = gemma_standard_code(name) or f"{GEMMA_CODE_PREFIX}{element.object_id[:8]}"
        number = 2
        while code in taken:
            suffix = f"-{number}"
            code = base[: CODE_LENGTH - len(suffix)] + suffix
            number += 1
        taken.add(code)
        source = element.properties.get("URL") if isinstance(element.properties, dict) else ""
        new.append(
            Standard(
                code=code,
                name=name,
                gemma_object_id=element.object_id,
                source=(source if isinstance(source, str) and source.startswith("http") else "")[:500]
                or gemma_online_url(element.object_id),
            )
        )
    Standard.objects.bulk_create(new)
    Standard.objects.bulk_update(updated, ["name"])
    return {"created": len(new), "updated": len(updated), "kept": len(elements) - len(new) - len(updated)}


def apply_supplier_data(data: SupplierData) -> dict[str, dict[str, int]]:
    """Write the files' standards and agreements, then the GEMMA standards (one transaction)."""
    with transaction.atomic():
        return {
            "standards": _apply_standards(data.standards),
            "GEMMA standards": apply_gemma_standards(),
            "supplier agreements": _apply_agreements(data.agreements),
        }


@transaction.atomic
def load_gemma_standards() -> dict[str, int]:
    """The standards of the current GEMMA release, for ``manage.py load_gemma_standards``; audited as the system."""
    counts = apply_gemma_standards()
    if counts["created"] or counts["updated"]:
        audit.record(
            actor=None, action="suppliers.gemma_standards.load", object_type="suppliers.standard", changes=counts
        )
    return counts
