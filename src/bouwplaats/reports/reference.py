# SPDX-License-Identifier: EUPL-1.2
"""The programme's own budget as reference data: ``data/programmes/operatie-nup-budget.csv``.

Read and checked with the other reference files, written in the same transaction by
``load_reference_data`` (registered in ``apps.py`` through ``catalogue.reference_steps``). A
budget line is created when its programme has none with its code and kept otherwise, so that a
correction made in the database is not overwritten; running the load again changes nothing.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import SimpleNamespace

from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.reference_steps import ReferenceStep
from bouwplaats.organisations.reference_data import Problems, ReferenceDataError
from bouwplaats.organisations.reference_data.schema import Column, choice, optional, pattern, read_csv, text, url

from .models import BudgetKind, ProgrammeBudget

BUDGET_FILE = "programmes/operatie-nup-budget.csv"
MAX_AMOUNT = Decimal("999999999999.99")


def amount(value) -> Decimal:
    """An amount in euros: digits with an optional decimal point, not negative."""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError):
        raise ValueError(f"{value!r} is not an amount in euros (digits, optionally with a decimal point)") from None
    if not number.is_finite() or number < 0 or number > MAX_AMOUNT or number != round(number, 2):
        raise ValueError(f"{value!r} is not an amount from 0 to {MAX_AMOUNT} with at most two decimals")
    return number


COLUMNS = [
    Column("programme", pattern(r"[-a-z0-9_]{1,50}", "the short name of a programme")),
    Column("code", pattern(r"[-a-z0-9_]{1,40}", "a code of lower-case letters, digits and hyphens")),
    Column("kind", choice(BudgetKind.values)),
    Column("amount", amount),
    Column("description", text(300)),
    Column("description_en", optional(text(300), "")),
    Column("source_url", url),
]


def read_budgets(data_dir: Path, problems: Problems) -> list[SimpleNamespace]:
    rows = read_csv(data_dir, BUDGET_FILE, COLUMNS, problems=problems)
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row.programme, row.code)
        if key in seen:
            problems.add(BUDGET_FILE, row.line, "code", f"{row.code!r} is already used on line {seen[key]}")
        seen.setdefault(key, row.line)
    return rows


def apply_budgets(rows: list[SimpleNamespace]) -> dict[str, dict[str, int]]:
    """Create the budget lines that are missing; raises ``ReferenceDataError`` for an unknown programme."""
    programmes = Programme.objects.in_bulk({row.programme for row in rows}, field_name="slug")
    problems = Problems()
    for row in rows:
        if row.programme not in programmes:
            problems.add(BUDGET_FILE, row.line, "programme", f"{row.programme!r} is not the short name of a programme")
    if problems:
        raise ReferenceDataError(problems)
    existing = set(
        ProgrammeBudget.objects.filter(programme__in=programmes.values()).values_list("programme__slug", "code")
    )
    new = [
        ProgrammeBudget(
            programme=programmes[row.programme],
            code=row.code,
            kind=row.kind,
            amount=row.amount,
            description=row.description,
            description_en=row.description_en,
            source_url=row.source_url,
            position=position,
        )
        for position, row in enumerate(rows)
        if (row.programme, row.code) not in existing
    ]
    ProgrammeBudget.objects.bulk_create(new)
    return {"programme budgets": {"created": len(new), "kept": len(rows) - len(new)}}


STEP = ReferenceStep("reports.programme_budgets", read=read_budgets, apply=apply_budgets)
