# SPDX-License-Identifier: EUPL-1.2
"""Checking the rows of an import against the programme: the dry run, and again right before applying.

Every row is resolved to a municipality of the programme's division, one of its building blocks
and a level of its ladder, and compared with the pair's current state. Everything the check needs
is fetched up front (``Lookup``: a fixed number of queries, whatever the number of rows).

Each row that passes becomes a ``Planned`` event: plain values, no model instance, so that a full
survey round (thousands of rows) is checked quickly. The rules are those of ``monitor.rules``, which
the services apply to a report as well: a municipality of the division, no date in the future, the
lengths of texts, a valid web address, and the comparisons with the current state. A level is only
looked up in the programme's ladder (``Lookup``), so it always belongs to it; the budgets are
carried over from the current state, as a report that leaves them out does.

Messages are stored as a code with parameters (``Message``) and rendered in the reader's language
when shown, so that a report reads well in Dutch and English alike.

A municipality code that no longer existed on the programme's reference date is followed through
the merger table (``Municipality.merged_into``, as many mergers as it takes) to the municipality of
the division, and the resolution is reported.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from bouwplaats.catalogue.models import BuildingBlock, Programme, StatusLevel
from bouwplaats.core.tabular import Table, cell_date, cell_text, normalise_header
from bouwplaats.organisations.models import Municipality

from .. import rules
from ..constants import BLOCKERS, MAX_TEXT_LENGTH
from ..models import CurrentStatus

MAX_MERGER_CHAIN = 30


class Kind:
    """What applying a row does."""

    NEW = "new"  # the pair gets its first status
    CHANGE = "change"  # a new current status (level or other details change)
    HISTORY = "history"  # added to the history only: a newer status holds
    UNCHANGED = "unchanged"  # says what the current state says: no event
    ERROR = "error"

    WRITES = (NEW, CHANGE, HISTORY)
    ORDER = (ERROR, CHANGE, NEW, HISTORY, UNCHANGED)
    LABELS = {
        NEW: _("new"),
        CHANGE: _("will change"),
        HISTORY: _("history only"),
        UNCHANGED: _("unchanged"),
        ERROR: _("error"),
    }
    APPLIED_LABELS = {
        NEW: _("new"),
        CHANGE: _("changed"),
        HISTORY: _("history only"),
        UNCHANGED: _("unchanged"),
        ERROR: _("error"),
    }


MESSAGES = {
    "municipality_missing": _("The row names no municipality (code or name)."),
    "municipality_code_invalid": _(
        "“%(value)s” is not a municipality code: use GM followed by four digits (GM0363) or the four digits."
    ),
    "municipality_unknown": _("There is no municipality with code %(code)s."),
    "municipality_name_unknown": _("There is no municipality named “%(name)s”."),
    "municipality_name_ambiguous": _("More than one municipality is named “%(name)s”: give its code."),
    "municipality_later": _(
        "%(code)s (%(name)s) did not exist yet on %(date)s, the reference date of the programme: "
        "report for the municipalities of that division."
    ),
    "municipality_outside": _("%(code)s (%(name)s) is not one of the municipalities of the division of %(date)s."),
    "municipality_resolved": _("%(name)s merged: resolved %(chain)s."),
    "block_missing": _("The row names no building block."),
    "block_unknown": _("%(programme)s has no building block “%(value)s”."),
    "block_other_programme": _("%(value)s is a building block of another programme, not of %(programme)s."),
    "level_missing": _("The row names no status level."),
    "level_unknown": _("“%(value)s” is not a status level of %(programme)s; use one of: %(levels)s."),
    "date_invalid": _("“%(value)s” in the column “%(column)s” is not a date: use YYYY-MM-DD or DD-MM-YYYY."),
    "date_future": _("The date from which this holds (%(date)s) cannot be in the future."),
    "blocker_unknown": _("Unknown blocker category: %(values)s. Use: %(allowed)s."),
    "url_invalid": _("“%(value)s” is not a valid web address."),
    "text_too_long": _("The text in the column “%(column)s” is too long: at most %(max)d characters."),
    "duplicate": _(
        "Row %(first)d already holds %(municipality)s and %(block)s: each municipality and building block may "
        "occur once in a file."
    ),
    "rule": _("%(text)s"),
}


@dataclass
class Message:
    code: str
    params: dict = field(default_factory=dict)
    is_error: bool = True

    def text(self) -> str:
        return str(MESSAGES[self.code]) % _shown(self.params)

    def as_json(self) -> dict:
        return {"code": self.code, "params": self.params, "error": self.is_error}


def _shown(params: dict) -> dict:
    """The parameters as a page shows them: a date, stored as ISO (``date``), in the active language."""
    try:
        day = datetime.date.fromisoformat(params["date"])
    except (KeyError, TypeError, ValueError):
        return params
    return {**params, "date": date_format(day, "j F Y")}


def render_message(data: dict) -> str:
    """The text of a stored message, in the active language."""
    template = MESSAGES.get(data.get("code", ""), MESSAGES["rule"])
    try:
        return str(template) % _shown(data.get("params", {}))
    except (KeyError, TypeError, ValueError):
        return str(data.get("params", {}).get("text", data.get("code", "")))


# --- what the check needs, fetched up front -------------------------------------------------------


@lru_cache(maxsize=4096)
def _key(value: str) -> str:
    """The form in which names are compared; cached, as the same few names come back on every row."""
    return normalise_header(value)


@dataclass
class Lookup:
    programme: Programme
    levels: list[StatusLevel]
    level_by_key: dict[str, StatusLevel]
    block_by_key: dict[str, BuildingBlock]
    other_block_codes: set[str]
    period_by_pk: dict[int, Municipality]
    periods_by_code: dict[str, list[Municipality]]
    periods_by_name: dict[str, list[Municipality]]
    blocker_by_key: dict[str, int]

    @classmethod
    def fetch(cls, programme: Programme) -> Lookup:
        """Four queries: levels, blocks, other programmes' block codes, every municipality period."""
        levels = list(StatusLevel.objects.filter(programme=programme).order_by("position"))
        level_by_key: dict[str, StatusLevel] = {}
        for level in levels:
            level_by_key.setdefault(_key(level.name), level)
        for level in levels:  # a code wins over a name
            level_by_key[_key(level.code)] = level
        blocks = list(BuildingBlock.objects.filter(programme=programme).order_by("code"))
        block_by_key: dict[str, BuildingBlock] = {}
        for block in blocks:
            block.programme = programme
            block_by_key.setdefault(_key(block.name), block)
        for block in blocks:
            block_by_key[_key(block.code)] = block
        other = set(
            BuildingBlock.objects.exclude(programme=programme).values_list("code", flat=True).distinct().order_by()
        )
        periods = list(
            Municipality.objects.only("id", "code", "name", "valid_from", "valid_to", "merged_into_id").order_by(
                "code", "valid_from"
            )
        )
        by_code: dict[str, list[Municipality]] = {}
        by_name: dict[str, list[Municipality]] = {}
        for period in periods:
            by_code.setdefault(period.code, []).append(period)
            by_name.setdefault(_key(period.name), []).append(period)
        blocker_by_key: dict[str, int] = {}
        for language in ("en", "nl"):
            with translation.override(language):
                for blocker in BLOCKERS:
                    blocker_by_key[_key(str(blocker.label))] = blocker.bit
        for blocker in BLOCKERS:
            blocker_by_key[_key(blocker.code)] = blocker.bit
        return cls(
            programme=programme,
            levels=levels,
            level_by_key=level_by_key,
            block_by_key=block_by_key,
            other_block_codes={_key(code) for code in other},
            period_by_pk={period.pk: period for period in periods},
            periods_by_code=by_code,
            periods_by_name=by_name,
            blocker_by_key=blocker_by_key,
        )

    @cached_property
    def level_by_pk(self) -> dict[int, StatusLevel]:
        return {level.pk: level for level in self.levels}

    @property
    def reference_date(self) -> datetime.date:
        return self.programme.reference_date

    def current_rows(self, pairs: set[tuple[int, int]], *, lock: bool = False) -> dict[tuple[int, int], CurrentState]:
        """The current state of these pairs with their latest events, in one query (locked when applying).

        Read as plain values: building thousands of model instances would cost more than the check itself.
        """
        if not pairs:
            return {}
        rows = CurrentStatus.objects.filter(
            municipality_id__in={pair[0] for pair in pairs}, building_block_id__in={pair[1] for pair in pairs}
        )
        if lock:
            rows = rows.select_for_update(of=("self",)).order_by("pk")
        states = {}
        for values in rows.values_list(*CurrentState.COLUMNS):
            state = CurrentState(*values)
            if state.pair in pairs:
                states[state.pair] = state
        return states


class LastEvent:
    """What the check needs of a pair's latest event."""

    __slots__ = ("pk", "valid_from", "recorded_at", "note", "evidence_url")

    def __init__(self, pk, valid_from, recorded_at, note, evidence_url):
        self.pk, self.valid_from, self.recorded_at = pk, valid_from, recorded_at
        self.note, self.evidence_url = note, evidence_url


class CurrentState:
    """A pair's current row as plain values, with the same attribute names as ``CurrentStatus``."""

    COLUMNS = (
        "pk",
        "municipality_id",
        "building_block_id",
        "level_id",
        "planned_date",
        "budget_planned",
        "budget_spent",
        "blockers",
        "version",
        "last_event_id",
        "last_event__valid_from",
        "last_event__recorded_at",
        "last_event__note",
        "last_event__evidence_url",
    )
    __slots__ = (*COLUMNS[:10], "last_event")

    def __init__(self, pk, municipality_id, building_block_id, level_id, planned_date, budget_planned, budget_spent,
                 blockers, version, last_event_id, valid_from, recorded_at, note, evidence_url):  # fmt: skip
        self.pk, self.municipality_id, self.building_block_id = pk, municipality_id, building_block_id
        self.level_id, self.planned_date, self.blockers = level_id, planned_date, blockers
        self.budget_planned, self.budget_spent = budget_planned, budget_spent
        self.version, self.last_event_id = version, last_event_id
        self.last_event = LastEvent(last_event_id, valid_from, recorded_at, note, evidence_url)

    @property
    def pair(self) -> tuple[int, int]:
        return (self.municipality_id, self.building_block_id)


@dataclass
class Planned:
    """The event a row will write (unsaved, plain values); ``recorded_at`` is the moment of the check."""

    municipality_id: int
    building_block_id: int
    level_id: int
    valid_from: datetime.date
    recorded_at: datetime.datetime
    planned_date: datetime.date | None
    budget_planned: Decimal | None
    budget_spent: Decimal | None
    blockers: int
    note: str
    evidence_url: str

    @property
    def pair(self) -> tuple[int, int]:
        return (self.municipality_id, self.building_block_id)


# --- one row ---------------------------------------------------------------------------------------


@dataclass
class RowResult:
    number: int
    given_municipality: str = ""
    given_block: str = ""
    given_level: str = ""
    municipality: Municipality | None = None
    resolved_from: list[Municipality] = field(default_factory=list)  # the merger chain, when resolved
    building_block: BuildingBlock | None = None
    level: StatusLevel | None = None
    valid_from: datetime.date | None = None
    planned_date: datetime.date | None = None
    has_planned_date: bool = False
    blockers: int = 0
    has_blockers: bool = False
    note: str = ""
    evidence_url: str = ""
    messages: list[Message] = field(default_factory=list)
    kind: str = Kind.ERROR
    old_level: StatusLevel | None = None
    planned: Planned | None = None

    @property
    def has_error(self) -> bool:
        # Most rows have no message: skip building the generator (asked twice per row).
        return bool(self.messages) and any(message.is_error for message in self.messages)

    @property
    def pair(self) -> tuple[int, int] | None:
        if self.municipality is None or self.building_block is None:
            return None
        return (self.municipality.pk, self.building_block.pk)

    def error(self, message_code: str, /, **params) -> None:
        self.messages.append(Message(message_code, params))

    def as_json(self) -> dict:
        return {
            "row": self.number,
            "kind": self.kind,
            "municipality": self.municipality.code if self.municipality else self.given_municipality,
            "municipality_name": self.municipality.name if self.municipality else "",
            "resolved_from": self.resolved_from[0].code if self.resolved_from else "",
            "building_block": self.building_block.code if self.building_block else self.given_block,
            "level": self.level.code if self.level else self.given_level,
            "level_name": self.level.name if self.level else "",
            "old_level": self.old_level.code if self.old_level else "",
            "old_level_name": self.old_level.name if self.old_level else "",
            "valid_from": self.valid_from.isoformat() if self.valid_from else "",
            "messages": [message.as_json() for message in self.messages],
        }


def _resolve_chain(start: Municipality, lookup: Lookup) -> list[Municipality] | None:
    """``start`` and the municipalities it merged into, up to one of the division (None if none is)."""
    chain = [start]
    current = start
    while current.merged_into_id and len(chain) < MAX_MERGER_CHAIN:
        current = lookup.period_by_pk.get(current.merged_into_id)
        if current is None or current in chain:
            return None
        chain.append(current)
        if rules.in_division(current, lookup.programme):
            return chain
    return None


def _resolve_periods(result: RowResult, periods: list[Municipality], lookup: Lookup) -> None:
    """Pick the period of the division, or follow the mergers of the latest earlier period."""
    on = lookup.reference_date
    for period in periods:
        if rules.in_division(period, lookup.programme):
            result.municipality = period
            return
    earlier = [period for period in periods if period.valid_to is not None and period.valid_to <= on]
    latest = max(periods, key=lambda period: period.valid_from)
    params = {"code": latest.code, "name": latest.name, "date": on.isoformat()}
    if not earlier:
        result.error("municipality_later", **params)
        return
    chain = _resolve_chain(max(earlier, key=lambda period: period.valid_from), lookup)
    if chain is None:
        result.error("municipality_outside", **params)
        return
    result.municipality = chain[-1]
    result.resolved_from = chain[:-1]
    result.messages.append(
        Message(
            "municipality_resolved",
            {"name": chain[0].name, "chain": " → ".join(period.code for period in chain)},
            is_error=False,
        )
    )


def normalise_code(value: str) -> str | None:
    """GM0363 from "GM0363", "gm363", "0363" or 363; None when it is no municipality code."""
    text = value.strip().upper().replace(" ", "")
    if text.startswith("GM"):
        text = text[2:]
    if not text.isdigit() or not 1 <= len(text) <= 4:
        return None
    return f"GM{int(text):04d}"


def _municipality(result: RowResult, cells: dict, lookup: Lookup) -> None:
    code_text = cell_text(cells.get("municipality"))
    name_text = cell_text(cells.get("municipality_name"))
    result.given_municipality = code_text or name_text
    if code_text:
        code = normalise_code(code_text)
        if code is None:
            result.error("municipality_code_invalid", value=code_text)
            return
        periods = lookup.periods_by_code.get(code)
        if not periods:
            result.error("municipality_unknown", code=code)
            return
        _resolve_periods(result, periods, lookup)
        return
    if not name_text:
        result.error("municipality_missing")
        return
    periods = lookup.periods_by_name.get(_key(name_text), [])
    in_division = [period for period in periods if rules.in_division(period, lookup.programme)]
    codes = {period.code for period in (in_division or periods)}
    if not codes:
        result.error("municipality_name_unknown", name=name_text)
    elif len(codes) > 1:
        result.error("municipality_name_ambiguous", name=name_text)
    else:
        _resolve_periods(result, in_division or periods, lookup)


def _building_block(result: RowResult, cells: dict, lookup: Lookup) -> None:
    value = cell_text(cells.get("building_block"))
    result.given_block = value
    if not value:
        result.error("block_missing")
        return
    block = lookup.block_by_key.get(_key(value))
    if block is not None:
        result.building_block = block
    elif _key(value) in lookup.other_block_codes:
        result.error("block_other_programme", value=value, programme=lookup.programme.name)
    else:
        result.error("block_unknown", value=value, programme=lookup.programme.name)


def _level(result: RowResult, cells: dict, lookup: Lookup) -> None:
    value = cell_text(cells.get("level"))
    result.given_level = value
    if not value:
        result.error("level_missing")
        return
    result.level = lookup.level_by_key.get(_key(value))
    if result.level is None:
        result.error(
            "level_unknown",
            value=value,
            programme=lookup.programme.name,
            levels=", ".join(level.code for level in lookup.levels),
        )


def _date(result: RowResult, cells: dict, name: str, column: str) -> datetime.date | None:
    try:
        return cell_date(cells.get(name))
    except ValueError:
        result.error("date_invalid", value=cell_text(cells.get(name)), column=column)
        return None


def _details(
    result: RowResult, cells: dict, table: Table, lookup: Lookup, valid_on: datetime.date, today: datetime.date
) -> None:
    columns = table.columns
    result.valid_from = valid_on
    if "valid_from" in columns:
        result.valid_from = _date(result, cells, "valid_from", columns["valid_from"]) or valid_on
    if rules.is_future(result.valid_from, today):
        result.error("date_future", date=result.valid_from.isoformat())
    if "planned_date" in columns:
        result.has_planned_date = True
        result.planned_date = _date(result, cells, "planned_date", columns["planned_date"])
    if "blockers" in columns:
        result.has_blockers = True
        text = cell_text(cells.get("blockers"))
        values = [part.strip() for part in text.replace(";", ",").replace("|", ",").split(",") if part.strip()]
        unknown = [value for value in values if _key(value) not in lookup.blocker_by_key]
        if unknown:
            result.error(
                "blocker_unknown",
                values=", ".join(unknown),
                allowed=", ".join(blocker.code for blocker in BLOCKERS),
            )
        for value in values:
            result.blockers |= lookup.blocker_by_key.get(_key(value), 0)
    result.note = cell_text(cells.get("note"))
    if not rules.fits_field("note", result.note):
        result.error("text_too_long", column=columns.get("note", "note"), max=MAX_TEXT_LENGTH)
    result.evidence_url = cell_text(cells.get("evidence_url"))
    if not rules.fits_field("evidence_url", result.evidence_url):
        result.error("url_invalid", value=result.evidence_url[:200])


def _classify(result: RowResult, current: CurrentState | None, lookup: Lookup, recorded_at: datetime.datetime) -> None:
    """Plan the row's event and say what applying it does (the comparisons of ``monitor.rules``).

    Unlike a report, a row that repeats the note and web address of the pair's latest event says
    nothing new: importing the same rows again writes nothing.
    """
    planned = Planned(
        municipality_id=result.municipality.pk,
        building_block_id=result.building_block.pk,
        level_id=result.level.pk,
        valid_from=result.valid_from,
        recorded_at=recorded_at,
        planned_date=result.planned_date if result.has_planned_date or current is None else current.planned_date,
        blockers=result.blockers if result.has_blockers or current is None else current.blockers,
        budget_planned=current.budget_planned if current else None,
        budget_spent=current.budget_spent if current else None,
        note=result.note,
        evidence_url=result.evidence_url,
    )
    result.planned = planned
    if current is None:
        said = rules.state(planned) != rules.initial_state(lookup.levels[0].pk) or planned.note or planned.evidence_url
        result.kind = Kind.NEW if said else Kind.UNCHANGED
        return
    said = (current.last_event.note, current.last_event.evidence_url)
    if rules.state(planned) == rules.state(current) and (planned.note, planned.evidence_url) in (said, ("", "")):
        result.kind = Kind.UNCHANGED
    elif rules.is_newer(planned, current.last_event):
        result.kind = Kind.CHANGE
        result.old_level = lookup.level_by_pk.get(current.level_id)
    else:
        result.kind = Kind.HISTORY
        result.old_level = lookup.level_by_pk.get(current.level_id)


@dataclass
class Check:
    lookup: Lookup
    rows: list[RowResult]
    current: dict[tuple[int, int], CurrentState]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.kind == Kind.ERROR)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Kind.ORDER, 0)
        for row in self.rows:
            counts[row.kind] += 1
        counts["resolved"] = sum(1 for row in self.rows if row.resolved_from)
        return counts

    def writing(self) -> list[RowResult]:
        return [row for row in self.rows if row.kind in Kind.WRITES]


def check_table(*, table: Table, lookup: Lookup, valid_on: datetime.date, lock: bool = False) -> Check:
    """Check every row; one more query (the current rows of the pairs named), whatever the number of rows."""
    results: list[RowResult] = []
    now = timezone.now()
    today = timezone.localdate(now)
    for row in table.rows:
        result = RowResult(number=row.number)
        _municipality(result, row.cells, lookup)
        _building_block(result, row.cells, lookup)
        _level(result, row.cells, lookup)
        _details(result, row.cells, table, lookup, valid_on, today)
        results.append(result)
    first_row: dict[tuple[int, int], RowResult] = {}
    for result in results:
        pair = result.pair
        if pair is None:
            continue
        if pair in first_row:
            result.error(
                "duplicate",
                first=first_row[pair].number,
                municipality=result.municipality.code,
                block=result.building_block.code,
            )
        else:
            first_row[pair] = result
    current = lookup.current_rows(set(first_row), lock=lock)
    for result in results:
        if not result.has_error:
            _classify(result, current.get(result.pair), lookup, now)
        if result.has_error:
            result.kind = Kind.ERROR
            result.planned = None
    return Check(lookup=lookup, rows=results, current=current)
