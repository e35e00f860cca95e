# SPDX-License-Identifier: EUPL-1.2
"""Carrying status over at a merger of municipalities (herindeling).

A municipality that came into existence by a merger (it has predecessors: ``merged_into`` points
at it) starts, per building block, from the state of its predecessors: the LOWEST level among
them (a predecessor that never reported counts as the lowest level, "not started"), the latest
planned date, the union of their blockers plus "merger". This is recorded as a ``StatusEvent``
with source "merger", valid from the day the new municipality came into existence, linked through
``derived_from`` to the predecessors' latest events.

A predecessor without a status of its own that itself came from a merger stands for its own
predecessors, so a programme whose reference date moves past several mergers at once still
finds the reported history. A block for which the new municipality already has a status of its
own is left alone, so carrying over twice changes nothing.

Programmes run on the division of their reference date: the new municipalities only take part
once the reference date lies on or after the merger.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import is_programme_staff, require
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme, StatusLevel
from bouwplaats.catalogue.rules import require_open
from bouwplaats.organisations.models import Municipality
from bouwplaats.organisations.selectors import PredecessorNode, predecessor_tree

from ..constants import BLOCKER_BY_CODE, Source
from ..models import CurrentStatus, StatusEvent
from ..monthly import rebuild_monthly
from ..services import apply_event, locked_current, require_in_division, validated_event

MERGER_BLOCKER = BLOCKER_BY_CODE["merger"].bit


def require_merger_runner(actor) -> None:
    """Programme staff, or the system itself (``actor`` None: a management command)."""
    require(actor is None or is_programme_staff(actor), _("Only programme staff may carry statuses over."))


@dataclass
class Derived:
    """The state a (group of) predecessor(s) hands over for one building block."""

    level: StatusLevel
    planned_date: object = None
    blockers: int = 0
    events: list[StatusEvent] = field(default_factory=list)


@dataclass
class CarryOver:
    municipality: Municipality
    events: list[StatusEvent] = field(default_factory=list)  # the carried-over events, one per block
    kept: list[BuildingBlock] = field(default_factory=list)  # blocks with a status of its own already
    nothing: list[BuildingBlock] = field(default_factory=list)  # blocks none of the predecessors reported

    def as_json(self) -> dict:
        return {
            "municipality": self.municipality.code,
            "carried_over": {event.building_block.code: event.level.code for event in self.events},
            "kept": [block.code for block in self.kept],
            "nothing_to_carry_over": [block.code for block in self.nothing],
        }


def _combine(states: list[Derived | None], lowest: StatusLevel) -> Derived | None:
    """The lowest level of the states (a missing state counts as the lowest level), latest planned
    date and all blockers; None when none of them holds a state."""
    known = [state for state in states if state is not None]
    if not known:
        return None
    level = lowest if len(known) < len(states) else min((state.level for state in known), key=lambda x: x.position)
    blockers = 0
    for state in known:
        blockers |= state.blockers
    return Derived(
        level=level,
        planned_date=max((state.planned_date for state in known if state.planned_date), default=None),
        blockers=blockers,
        events=[event for state in known for event in state.events],
    )


def _effective(node: PredecessorNode, block_id: int, current: dict, lowest: StatusLevel) -> Derived | None:
    own = current.get((node.municipality.pk, block_id))
    if own is not None:
        return Derived(level=own.level, planned_date=own.planned_date, blockers=own.blockers, events=[own.last_event])
    if node.children:
        return _combine([_effective(child, block_id, current, lowest) for child in node.children], lowest)
    return None


def _tree_ids(nodes: list[PredecessorNode]) -> list[int]:
    ids = []
    for node in nodes:
        ids.append(node.municipality.pk)
        ids.extend(_tree_ids(node.children))
    return ids


def _carry_over(*, actor, programme: Programme, municipality: Municipality) -> CarryOver:
    require_in_division(municipality, programme)
    result = CarryOver(municipality=municipality)
    roots = predecessor_tree([municipality])
    levels = list(StatusLevel.objects.filter(programme=programme).order_by("position"))
    if not roots or not levels:
        return result
    blocks = list(BuildingBlock.objects.filter(programme=programme).order_by("code"))
    for block in blocks:
        block.programme = programme
    own = locked_current(municipality, blocks)
    current = {
        (row.municipality_id, row.building_block_id): row
        for row in CurrentStatus.objects.filter(
            municipality_id__in=_tree_ids(roots), building_block__programme=programme
        ).select_related("level", "last_event")
    }
    derived_links = []
    for block in blocks:
        if block.pk in own:
            result.kept.append(block)
            continue
        state = _combine([_effective(root, block.pk, current, levels[0]) for root in roots], levels[0])
        if state is None:
            result.nothing.append(block)
            continue
        event = validated_event(
            actor=actor,
            municipality=municipality,
            building_block=block,
            source=Source.MERGER,
            values={
                "level": state.level,
                "valid_from": municipality.valid_from,
                "planned_date": state.planned_date,
                "blockers": state.blockers | MERGER_BLOCKER,
            },
            prefix=f"{block.code}-",
        )
        apply_event(event, None, None)
        result.events.append(event)
        derived_links.extend(
            StatusEvent.derived_from.through(from_statusevent_id=event.pk, to_statusevent_id=source.pk)
            for source in state.events
        )
    StatusEvent.derived_from.through.objects.bulk_create(derived_links)
    rebuild_monthly({(municipality.pk, event.building_block_id) for event in result.events}, programme=programme)
    return result


@transaction.atomic
def carry_over_merger(*, actor, programme: Programme, municipality: Municipality) -> CarryOver:
    """Give ``municipality`` the status of its predecessors for every block it has none of its own for."""
    require_merger_runner(actor)
    require_open(programme)
    result = _carry_over(actor=actor, programme=programme, municipality=municipality)
    audit.record(actor=actor, action="merger.carry_over", target=municipality, changes=result.as_json())
    return result


def merged_municipalities(programme: Programme):
    """The municipalities of the programme's division that came into existence by a merger during the
    programme (from its start date on): an earlier merger has no status to carry over. The mergers
    page and "carry over for all" both take these."""
    return (
        Municipality.objects.on(programme.reference_date)
        .filter(
            valid_from__gte=programme.start_date,
            pk__in=Municipality.objects.filter(merged_into__isnull=False).values("merged_into_id"),
        )
        .order_by("code")
    )


@transaction.atomic
def carry_over_mergers(*, actor, programme: Programme) -> list[CarryOver]:
    """Carry over for every municipality that merged during the programme; one audit entry."""
    require_merger_runner(actor)
    require_open(programme)
    results = [
        _carry_over(actor=actor, programme=programme, municipality=municipality)
        for municipality in merged_municipalities(programme)
    ]
    audit.record(
        actor=actor,
        action="merger.carry_over_all",
        target=programme,
        changes={
            "events": sum(len(result.events) for result in results),
            "municipalities": [result.as_json() for result in results if result.events],
        },
    )
    return results


def carry_over_by_code(*, actor, programme: Programme, code: str = "") -> list[CarryOver]:
    """Carry over for the municipality ``code`` that merged during the programme, or for all of them
    when ``code`` is empty (the mergers page and the API). Raises ``Municipality.DoesNotExist`` when
    ``code`` names no such municipality."""
    require_merger_runner(actor)
    if not code:
        return carry_over_mergers(actor=actor, programme=programme)
    municipality = merged_municipalities(programme).filter(code=code).first()
    if municipality is None:
        raise Municipality.DoesNotExist(code)
    return [carry_over_merger(actor=actor, programme=programme, municipality=municipality)]
