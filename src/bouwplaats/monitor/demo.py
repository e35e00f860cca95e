"""Generated, plausible progress histories for demonstrations (always marked ``is_demo``).

Each municipality × building block gets a monthly trajectory from January 2012 to December 2014,
drawn from a random generator seeded with the seed, the municipality and the block, so the same
seed always gives the same history. Larger municipalities start earlier; levels only go up, with
stalls; blockers are more frequent for pairs that are behind; some pairs have a budget.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from .constants import BLOCKER_BY_CODE

FIRST_MONTH = datetime.date(2012, 1, 1)
MONTHS = 36

# Monthly chance that a category holds a pair back; multiplied when the pair is behind.
BLOCKER_FREQUENCY = {
    "supplier_not_ready": 0.16,
    "facility_not_ready": 0.08,
    "capacity": 0.2,
    "budget": 0.1,
    "decentralisations": 0.06,
    "merger": 0.02,
    "knowledge": 0.1,
    "dependency": 0.12,
}


@dataclass
class DemoEvent:
    level_index: int
    valid_from: datetime.date
    planned_date: datetime.date | None
    blockers: int
    budget_planned: Decimal | None
    budget_spent: Decimal | None


def month(index: int) -> datetime.date:
    year, month0 = divmod(FIRST_MONTH.month - 1 + index, 12)
    return datetime.date(FIRST_MONTH.year + year, month0 + 1, 1)


def size_score(inhabitants: int | None) -> float:
    """0 for a village of 1,000 inhabitants, 1 for a city of 800,000 (log scale)."""
    if not inhabitants:
        return 0.3
    return min(max((math.log10(inhabitants) - 3) / (math.log10(800_000) - 3), 0.0), 1.0)


def trajectory(
    *,
    seed: int,
    municipality_code: str,
    block_code: str,
    inhabitants: int | None,
    level_count: int,
    has_dependency: bool,
) -> list[DemoEvent]:
    """The events of one pair: one per month in which its level or its blockers changed."""
    rng = random.Random(f"{seed}:{municipality_code}:{block_code}")
    block_rng = random.Random(f"{seed}:{block_code}")
    difficulty = block_rng.uniform(0.6, 1.4)  # the same for every municipality
    size = size_score(inhabitants)
    start = max(0, round(rng.gauss(12 * difficulty - 10 * size, 6)))
    speed = (0.05 + 0.08 * size + rng.uniform(-0.02, 0.04)) / difficulty
    top = level_count - 1
    has_budget = rng.random() < 0.35
    budget = Decimal(round(rng.uniform(5_000, 40_000) * (1 + 6 * size), -2)) if has_budget else None

    events: list[DemoEvent] = []
    level, blockers, stall = 0, 0, 0
    for index in range(start, MONTHS):
        expected = min(top, (index - start) * speed * 1.2)
        behind = level + 0.5 < expected
        if stall > 0:
            stall -= 1
            moved = False
        elif level < top and rng.random() < speed:
            level += 1
            moved = True
            if rng.random() < 0.12:
                stall = rng.randint(2, 6)
        else:
            moved = index == start and level == 0
            if moved:
                level = 1
        if not moved and rng.random() > 0.06:
            continue  # most months nothing is reported
        new_blockers = 0
        if level < top:
            factor = 1.8 if behind or stall else 1.0
            for code, frequency in BLOCKER_FREQUENCY.items():
                if code == "dependency" and not has_dependency:
                    continue
                if code == "decentralisations" and index >= 24:
                    frequency *= 2.5  # 2014: the decentralisations take priority
                if rng.random() < frequency * factor * 0.8:
                    new_blockers |= BLOCKER_BY_CODE[code].bit
        if not moved and new_blockers == blockers:
            continue
        blockers = new_blockers
        day = month(index) + datetime.timedelta(days=rng.randint(0, 27))
        planned = None if level == top else month(min(index + rng.randint(3, 18), MONTHS + 12))
        spent = None
        if budget is not None:
            spent = (budget * Decimal(level) / Decimal(top) * Decimal(str(rng.uniform(0.7, 1.1)))).quantize(
                Decimal("1.00")
            )
        events.append(DemoEvent(level, day, planned, blockers, budget, spent))
    return events
