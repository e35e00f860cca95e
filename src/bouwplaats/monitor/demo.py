# SPDX-License-Identifier: EUPL-1.2
"""Generated, plausible progress histories for demonstrations (always marked ``is_demo``).

Each municipality × building block gets a monthly trajectory from January 2012 to December 2014,
drawn from a random generator seeded with the seed, the municipality and the block, so the same
seed always gives the same history. Larger municipalities start earlier; levels only go up, with
stalls; blockers are more frequent for pairs that are behind; some pairs have a budget.

``demo_progress_load`` writes these histories (with two demo survey rounds) in bulk for the
current programme, and ``demo_progress_remove`` takes them out again; both are run by the
management commands ``load_demo_progress`` and ``remove_demo_progress`` and audited as written by
the system.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import require
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme, StatusLevel
from bouwplaats.catalogue.selectors import current_programme
from bouwplaats.organisations.selectors import municipalities_on

from .constants import BLOCKER_BY_CODE, Source
from .models import CurrentStatus, StatusEvent, SurveyRound
from .monthly import rebuild_all_monthly, rebuild_monthly

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


# --- loading and removing ---------------------------------------------------------------------------------


@transaction.atomic
def demo_progress_load(*, allowed: bool, seed: int = 2014, replace: bool = False) -> dict:
    """Generate demo progress for every municipality of the current programme's division × block.

    Does nothing when demo progress exists, unless ``replace``. Pairs that already hold real
    reports are left alone. Returns counts. System actor; ``allowed`` confirms a development site.
    """
    require(allowed, _("Demo data may only be loaded on a development site."))
    if StatusEvent.objects.filter(is_demo=True).exists():
        if not replace:
            return {"events": 0, "pairs": 0, "skipped": True}
        _remove_demo()
    programme = current_programme()
    if programme is None:
        return {"events": 0, "pairs": 0, "skipped": True}
    levels = list(StatusLevel.objects.filter(programme=programme).order_by("position"))
    blocks = list(BuildingBlock.objects.filter(programme=programme).prefetch_related("depends_on").order_by("code"))
    municipalities = list(municipalities_on(programme.reference_date).order_by("code"))
    taken = set(
        CurrentStatus.objects.filter(building_block__programme=programme).values_list(
            "municipality_id", "building_block_id"
        )
    )
    timezone_now = timezone.get_current_timezone()
    events: list[StatusEvent] = []
    pair_ranges: list[tuple[int, int, int, int]] = []  # municipality, block, first index, count
    for municipality in municipalities:
        for block in blocks:
            if (municipality.pk, block.pk) in taken:
                continue
            steps = trajectory(
                seed=seed,
                municipality_code=municipality.code,
                block_code=block.code,
                inhabitants=getattr(municipality, "inhabitants", None),
                level_count=len(levels),
                has_dependency=bool(block.depends_on.all()),
            )
            if not steps:
                continue
            pair_ranges.append((municipality.pk, block.pk, len(events), len(steps)))
            for step in steps:
                recorded = datetime.datetime.combine(step.valid_from, datetime.time(10, 0), tzinfo=timezone_now)
                events.append(
                    StatusEvent(
                        municipality_id=municipality.pk,
                        building_block_id=block.pk,
                        level_id=levels[step.level_index].pk,
                        valid_from=step.valid_from,
                        recorded_at=recorded,
                        planned_date=step.planned_date,
                        budget_planned=step.budget_planned,
                        budget_spent=step.budget_spent,
                        blockers=step.blockers,
                        source=Source.DEMO,
                        is_demo=True,
                    )
                )
    rounds = _demo_survey_rounds(programme, blocks)
    _answer_demo_round(rounds[0], events)
    StatusEvent.objects.bulk_create(events, batch_size=2000)
    if any(event.pk is None for event in events[:1]):  # databases that do not return ids
        raise RuntimeError("The database did not return the ids of the demo events.")
    currents = []
    for municipality_id, block_id, first, count in pair_ranges:
        last = events[first + count - 1]
        currents.append(
            CurrentStatus(
                municipality_id=municipality_id,
                building_block_id=block_id,
                level_id=last.level_id,
                planned_date=last.planned_date,
                blockers=last.blockers,
                budget_planned=last.budget_planned,
                budget_spent=last.budget_spent,
                last_event_id=last.pk,
                version=count,
                updated_at=last.recorded_at,
                is_demo=True,
            )
        )
    CurrentStatus.objects.bulk_create(currents, batch_size=2000)
    rebuild_monthly(programme=programme)
    result = {
        "events": len(events),
        "pairs": len(currents),
        "survey_rounds": len(rounds),
        "seed": seed,
        "programme": programme.slug,
    }
    audit.record(actor=None, action="demo_progress.load", object_type="monitor.statusevent", changes=result)
    return {**result, "skipped": False}


DEMO_ROUND_BLOCKS = 6  # the first blocks by code: a round asks about a few blocks, not all


def _demo_survey_rounds(programme: Programme, blocks: list[BuildingBlock]) -> list[SurveyRound]:
    """A closed round in the autumn of 2014 (answered by the demo events of its period) and one open
    today (not answered yet), both marked as demo data."""
    today = timezone.localdate()
    asked = blocks[:DEMO_ROUND_BLOCKS]
    specs = [
        ("Uitvraag najaar 2014 (demo)", datetime.date(2014, 9, 15), datetime.date(2014, 11, 15)),
        (f"Uitvraag {today.year} (demo)", today - datetime.timedelta(days=7), today + datetime.timedelta(days=28)),
    ]
    introduction = "Demogegevens: deze uitvraag is gegenereerd om de pagina's te tonen; er is niets echt gevraagd."
    rounds = []
    for name, opens_on, closes_on in specs:
        survey_round = SurveyRound.objects.create(
            programme=programme,
            name=name,
            opens_on=opens_on,
            closes_on=closes_on,
            introduction=introduction,
            is_demo=True,
        )
        survey_round.building_blocks.set(asked)
        rounds.append(survey_round)
    return rounds


def _answer_demo_round(survey_round: SurveyRound, events: list[StatusEvent]) -> None:
    """Link the demo events of the round's period and blocks to it, as if reported in answer."""
    asked = set(survey_round.building_blocks.values_list("pk", flat=True))
    for event in events:
        if event.building_block_id in asked and survey_round.opens_on <= event.valid_from <= survey_round.closes_on:
            event.survey_round = survey_round


def _remove_demo() -> dict:
    """Delete demo events and rebuild the current rows of their pairs from the real events left."""
    demo_pairs = set(
        StatusEvent.objects.filter(is_demo=True).values_list("municipality_id", "building_block_id").distinct()
    )
    current_ids = [
        pk
        for pk, municipality_id, block_id in CurrentStatus.objects.values_list(
            "pk", "municipality_id", "building_block_id"
        )
        if (municipality_id, block_id) in demo_pairs
    ]
    for start in range(0, len(current_ids), 500):
        CurrentStatus.objects.filter(pk__in=current_ids[start : start + 500]).delete()
    deleted, _details = StatusEvent.objects.filter(is_demo=True).delete()
    # A demo round that real reports answered (on a development site) stays with them.
    answered = StatusEvent.objects.filter(survey_round=OuterRef("pk"))
    SurveyRound.objects.filter(is_demo=True).exclude(Exists(answered)).delete()
    remaining: dict[tuple[int, int], list[StatusEvent]] = {}
    municipality_ids = {pair[0] for pair in demo_pairs}
    real = StatusEvent.objects.filter(municipality_id__in=municipality_ids).order_by("valid_from", "recorded_at", "pk")
    for event in real.iterator():
        pair = (event.municipality_id, event.building_block_id)
        if pair in demo_pairs:
            remaining.setdefault(pair, []).append(event)
    CurrentStatus.objects.bulk_create(
        [
            CurrentStatus(
                municipality_id=pair[0],
                building_block_id=pair[1],
                level_id=events[-1].level_id,
                planned_date=events[-1].planned_date,
                blockers=events[-1].blockers,
                budget_planned=events[-1].budget_planned,
                budget_spent=events[-1].budget_spent,
                last_event=events[-1],
                version=len(events),
                updated_at=max(event.recorded_at for event in events),
            )
            for pair, events in remaining.items()
        ]
    )
    return {"events": deleted, "pairs": len(demo_pairs), "rebuilt": len(remaining)}


@transaction.atomic
def demo_progress_remove(*, allowed: bool) -> dict:
    """Remove all demo progress (system actor); real reports stay and their current rows are rebuilt."""
    require(allowed, _("Demo data may only be removed on a development site."))
    result = _remove_demo()
    rebuild_all_monthly()
    audit.record(actor=None, action="demo_progress.remove", object_type="monitor.statusevent", changes=result)
    return result
