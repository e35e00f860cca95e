# SPDX-License-Identifier: EUPL-1.2
"""Reported blockers borne out or questioned by the facts of the apps above the monitor
(``extensions.BlockerVerdictSource``; the landscapes weigh "supplier not ready").

A verdict is about now: the pages show it with the current state only (a block's history, a block's page
without a past date, the blockers overview). Each registered source costs its own constant number of queries,
and nothing when no pair reports its blocker.
"""

from __future__ import annotations

from dataclasses import dataclass

from .constants import BLOCKER_BY_CODE
from .extensions import BlockerVerdictSource, blocker_verdict_sources
from .models import CurrentStatus

__all__ = ["Verdict", "blocker_verdicts", "current_verdicts"]


@dataclass(frozen=True)
class Verdict:
    source: BlockerVerdictSource
    confirmed: bool  # False: questioned


def blocker_verdicts(reported: dict[tuple[int, int], int], blocks) -> dict[tuple[int, int], list[Verdict]]:
    """The verdicts on the pairs in ``reported`` ((municipality id, block id) -> their blocker mask, as stored)
    that report a blocker a source weighs; ``blocks`` are the building blocks of the pairs."""
    by_block = {block.pk: block for block in blocks}
    result: dict[tuple[int, int], list[Verdict]] = {}
    for source in blocker_verdict_sources():
        bit = BLOCKER_BY_CODE[source.blocker].bit
        pairs = {pair for pair, mask in reported.items() if mask & bit}
        if not pairs:
            continue
        municipality_ids = sorted({municipality_id for municipality_id, _block_id in pairs})
        weighed = [
            by_block[block_id] for block_id in sorted({block_id for _m, block_id in pairs}) if block_id in by_block
        ]
        for pair, confirmed in source.verdicts(municipality_ids, weighed).items():
            if pair in pairs:
                result.setdefault(pair, []).append(Verdict(source, confirmed))
    return result


def current_verdicts(*, municipality, building_block) -> list[Verdict]:
    """The verdicts on the blockers that ``municipality`` reports now for ``building_block`` (one query, and
    those of the sources whose blocker it reports)."""
    if not blocker_verdict_sources():
        return []
    mask = (
        CurrentStatus.objects.filter(municipality=municipality, building_block=building_block)
        .values_list("blockers", flat=True)
        .first()
    )
    if not mask:
        return []
    return blocker_verdicts({(municipality.pk, building_block.pk): mask}, [building_block]).get(
        (municipality.pk, building_block.pk), []
    )
