# SPDX-License-Identifier: EUPL-1.2
"""The status rules of the monitor, as pure functions: what a report may say, and how it compares
with the state of its pair. Nothing here reads the database or writes.

``services`` applies them to one report at a time (on model instances), ``imports.checking`` to
thousands of rows at once (on plain values, with the same attribute names), so a rule changed here
holds for both. Each words its own messages: the services' go straight to the reporter, the
import's are stored as codes and rendered in the reader's language when the report is shown.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from operator import attrgetter

from django.core.exceptions import ValidationError

from .models import StatusEvent

# The fields that carry over from one report to the next; the others belong to one event only.
STATE_FIELDS = ("level_id", "planned_date", "budget_planned", "budget_spent", "blockers")

_state_of = attrgetter(*STATE_FIELDS)


# --- comparing with the state of the pair ----------------------------------------------------------


def state(event_or_current) -> tuple:
    """The state an event (or a pair's current row) says, as a tuple in the order of ``STATE_FIELDS``."""
    return _state_of(event_or_current)


def initial_state(lowest_level_id: int | None) -> tuple:
    """The state of a pair nobody reported for: the lowest level, nothing planned, no budgets or blockers."""
    return (lowest_level_id, None, None, None, 0)


def is_newer(event, than) -> bool:
    """Whether ``event`` replaces ``than`` as the pair's latest: a later ``valid_from``, then ``recorded_at``
    (at the same moment the later report wins). A report that is not newer only adds to the history."""
    return (event.valid_from, event.recorded_at) >= (than.valid_from, than.recorded_at)


def says_nothing_of_its_own(event) -> bool:
    """Whether an event carries no note or evidence: all it says is its state."""
    return not (event.note or event.evidence_text or event.evidence_url or event.evidence_file)


def only_erases_planned_date(event, previous) -> bool:
    """Whether ``event`` differs from ``previous`` (the state it replaced) only in an erased planned date:
    the same level, budgets, blockers and explanation, no planned date where there was one, and no
    note or evidence of its own. What a save of the status form did to the blocks it did not change
    while browsers showed its dates empty."""
    return (
        previous.planned_date is not None
        and event.planned_date is None
        and (event.level_id, event.budget_planned, event.budget_spent, event.blockers)
        == (previous.level_id, previous.budget_planned, previous.budget_spent, previous.blockers)
        and event.blocker_note == previous.blocker_note
        and says_nothing_of_its_own(event)
    )


# --- what a report may say -------------------------------------------------------------------------


def is_level_of(level, building_block) -> bool:
    """Whether ``level`` is a level of the ladder of the building block's programme."""
    return level.programme_id == building_block.programme_id


def in_division(municipality, programme) -> bool:
    """Whether ``municipality`` is one of the municipalities of the programme's division (its reference date)."""
    return municipality.exists_on(programme.reference_date)


def is_future(date: datetime.date, today: datetime.date) -> bool:
    """Whether ``date`` lies after ``today``: a report says what holds, or held, not what will."""
    return date > today


def is_negative(amount: Decimal | int | str | None) -> bool:
    """Whether a budget is below zero (no budget is fine)."""
    return amount is not None and Decimal(amount) < 0


def fits_field(name: str, value: str) -> bool:
    """Whether a text passes the validators of the event's field ``name``: the length of the texts
    and a valid web address. These are the checks ``StatusEvent.clean_fields`` runs for a report,
    so the services (through ``clean_fields``, for its messages) and the import apply the same ones.
    An empty text always fits: the fields are optional."""
    if not value:
        return True
    try:
        for validator in _FIELD_VALIDATORS[name]:
            validator(value)
    except ValidationError:
        return False
    return True


_FIELD_VALIDATORS = {
    name: tuple(StatusEvent._meta.get_field(name).validators)
    for name in ("evidence_text", "evidence_url", "blocker_note", "note")
}
