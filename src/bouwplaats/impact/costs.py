# SPDX-License-Identifier: EUPL-1.2
"""The cost model: an amount in euros per gap kind and municipality size class.

Staff edit the rates on the cost model page; a rate not stored falls back to ``DEFAULT_RATES``.
The defaults are rough orders of magnitude for illustration (documented in
docs/dev/impact-analysis.md), growing with the size class because larger municipalities run more
processes and more users on an application.
"""

from __future__ import annotations

from bouwplaats.organisations.constants import SIZE_CLASSES

from .models import CostRate, GapKind

SIZE_CLASS_CODES = [size_class.code for size_class in SIZE_CLASSES]

DEFAULT_RATES: dict[str, list[int]] = {
    # procure and implement an application for a reference component the municipality lacks
    GapKind.MISSING_COMPONENT: [15_000, 20_000, 30_000, 45_000, 70_000, 100_000, 140_000, 200_000],
    # upgrade or configure an application to support a required standard
    GapKind.MISSING_STANDARD: [3_000, 4_000, 6_000, 9_000, 13_000, 18_000, 25_000, 35_000],
    # adapt, test and put into use an application that is affected but has no gap
    GapKind.AFFECTED_APPLICATION: [1_000, 1_500, 2_000, 3_000, 4_500, 6_000, 8_000, 12_000],
}


def default_rate(kind: str, size_class: int) -> int:
    return DEFAULT_RATES[kind][size_class - 1]


def rates() -> dict[tuple[str, int], int]:
    """Every (kind, size class) → amount: the stored rate, else the default. One query."""
    table = {(kind, code): default_rate(kind, code) for kind in DEFAULT_RATES for code in SIZE_CLASS_CODES}
    for kind, size_class, amount in CostRate.objects.values_list("kind", "size_class", "amount"):
        table[(kind, size_class)] = amount
    return table
