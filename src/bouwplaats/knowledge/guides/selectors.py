# SPDX-License-Identifier: EUPL-1.2
"""Reads for guides and their progress per municipality."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery

from bouwplaats.catalogue.models import BuildingBlock

from ..models import Guide, GuideStep, GuideVersion, StepCompletion


@dataclass
class GuideSummary:
    guide: Guide
    version: GuideVersion | None
    step_count: int


def _latest_version_ids(guides: QuerySet[Guide]):
    latest = GuideVersion.objects.filter(guide=OuterRef("pk")).order_by("-number").values("pk")[:1]
    return guides.annotate(current_version_id=Subquery(latest))


def guide_summaries(blocks: QuerySet[BuildingBlock]) -> list[GuideSummary]:
    """The guides of ``blocks`` with their current version and its number of steps (three queries)."""
    guides = list(_latest_version_ids(Guide.objects.filter(building_block__in=blocks).select_related("building_block")))
    versions = GuideVersion.objects.filter(pk__in=[g.current_version_id for g in guides]).annotate(
        step_count=Count("steps")
    )
    by_id = {version.pk: version for version in versions}
    summaries = []
    for guide in sorted(guides, key=lambda g: g.building_block.name):
        version = by_id.get(guide.current_version_id)
        summaries.append(GuideSummary(guide=guide, version=version, step_count=version.step_count if version else 0))
    return summaries


def guide_for(block: BuildingBlock) -> Guide | None:
    return Guide.objects.filter(building_block=block).select_related("building_block").first()


def versions_of(guide: Guide) -> list[GuideVersion]:
    return list(guide.versions.select_related("published_by").order_by("-number"))


def steps_of(version: GuideVersion) -> list[GuideStep]:
    return list(version.steps.select_related("level").order_by("level__position", "position"))


def ticked_steps(version: GuideVersion, municipality) -> dict[int, StepCompletion]:
    completions = StepCompletion.objects.filter(step__version=version, municipality=municipality).select_related(
        "completed_by"
    )
    return {completion.step_id: completion for completion in completions}


def guide_progress(municipality, building_blocks) -> dict[int, tuple[int, int]]:
    """Per building block with a guide: (steps done, steps in all) of its current version.

    One query when none of the blocks has a guide, three otherwise."""
    guides = _latest_version_ids(Guide.objects.filter(building_block__in=building_blocks))
    current = {guide.current_version_id: guide.building_block_id for guide in guides if guide.current_version_id}
    if not current:
        return {}
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    steps = GuideStep.objects.filter(version_id__in=current).values("version_id").annotate(total=Count("pk"))
    done_counts = dict(
        StepCompletion.objects.filter(step__version_id__in=current, municipality=municipality)
        .values("step__version_id")
        .annotate(n=Count("pk"))
        .values_list("step__version_id", "n")
    )
    for row in steps:
        block_id = current[row["version_id"]]
        totals[block_id] = [done_counts.get(row["version_id"], 0), row["total"]]
    return {block_id: (done, total) for block_id, (done, total) in totals.items()}


@dataclass
class GuideToTick:
    building_block: BuildingBlock
    done: int
    total: int


def guides_to_tick(municipality, building_blocks: list[BuildingBlock]) -> list[GuideToTick]:
    """The guides of ``building_blocks`` whose current version ``municipality`` has not ticked off
    completely, in the order of the blocks (the queries of ``guide_progress``)."""
    progress = guide_progress(municipality, [block.pk for block in building_blocks])
    return [
        GuideToTick(block, *progress[block.pk])
        for block in building_blocks
        if block.pk in progress and progress[block.pk][0] < progress[block.pk][1]
    ]
