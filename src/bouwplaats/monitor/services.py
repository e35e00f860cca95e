# SPDX-License-Identifier: EUPL-1.2
"""Writes of the monitor: reporting the status of a municipality for building blocks.

Every report appends a ``StatusEvent`` and updates the pair's ``CurrentStatus`` in the same
transaction. Nothing updates or deletes events (except ``demo.demo_progress_remove``, which
removes generated demo rows only).

Optimistic concurrency: ``CurrentStatus.version`` counts the events of a pair (0 when there is
none). A caller that passes ``expected_version`` gets a ``StatusConflict`` and nothing is written
when someone reported since that version. The current row is locked (``select_for_update``)
before the check, so the check holds for parallel requests on PostgreSQL; SQLite serialises
writers (``transaction_mode`` IMMEDIATE).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import is_programme_staff, require
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme, StatusLevel
from bouwplaats.catalogue.rules import require_open
from bouwplaats.core.errors import Errors
from bouwplaats.organisations.models import Municipality

from . import rules
from .constants import BLOCKER_BY_CODE, Source, encode_blockers
from .models import CurrentStatus, StatusEvent
from .monthly import rebuild_all_monthly, rebuild_monthly, rebuild_monthly_for_events
from .permissions import default_source, require_status_reporter

REPORT_FIELDS = (
    "level",
    "valid_from",
    "planned_date",
    "budget_planned",
    "budget_spent",
    "evidence_text",
    "evidence_url",
    "evidence_file",
    "blockers",
    "blocker_note",
    "note",
)
_FK_FIELDS = {"municipality", "building_block", "level", "author"}


# --- conflicts ---------------------------------------------------------------------------------


@dataclass
class BlockConflict:
    """Someone reported for ``building_block`` after the version the caller saw."""

    building_block: BuildingBlock
    expected_version: int
    current: CurrentStatus | None
    changes: list[StatusEvent] = field(default_factory=list)  # recorded since, newest first
    seen: StatusEvent | None = None  # the event that was current at the version seen

    @property
    def current_version(self) -> int:
        return self.current.version if self.current else 0


class StatusConflict(Exception):
    """Raised instead of writing when a pair changed since the caller's ``expected_version``."""

    def __init__(self, conflicts: list[BlockConflict]):
        self.conflicts = conflicts
        names = ", ".join(conflict.building_block.name for conflict in conflicts)
        super().__init__(_("The status of %(blocks)s changed while you were editing.") % {"blocks": names})

    @property
    def current(self) -> CurrentStatus | None:
        return self.conflicts[0].current

    @property
    def events(self) -> list[StatusEvent]:
        return self.conflicts[0].changes

    def by_block(self) -> dict[int, BlockConflict]:
        return {conflict.building_block.pk: conflict for conflict in self.conflicts}


def _conflict(block: BuildingBlock, municipality: Municipality, expected: int, current) -> BlockConflict:
    """What happened to the pair after version ``expected`` (each event adds one version)."""
    events = StatusEvent.objects.filter(municipality=municipality, building_block=block).select_related(
        "level", "author"
    )
    current_version = current.version if current else 0
    newer = max(current_version - expected, 0) or 1
    changes = list(events.order_by("-recorded_at", "-pk")[:newer])
    seen_candidates = list(events.order_by("recorded_at", "pk")[:expected]) if expected > 0 else []
    seen = max(seen_candidates, key=lambda e: (e.valid_from, e.recorded_at, e.pk), default=None)
    return BlockConflict(building_block=block, expected_version=expected, current=current, changes=changes, seen=seen)


# --- validation (the rules themselves are in ``rules``) ------------------------------------------


def _blocker_mask(blockers: Iterable[str] | int, errors: Errors) -> int:
    if isinstance(blockers, int):
        return blockers
    codes = list(blockers)
    unknown = [code for code in codes if code not in BLOCKER_BY_CODE]
    if unknown:
        errors.add("blockers", _("Unknown blocker category: %(codes)s.") % {"codes": ", ".join(unknown)})
        return 0
    return encode_blockers(codes)


def _outside_division(municipality: Municipality, programme: Programme) -> str:
    return _("%(name)s is not one of the municipalities of %(programme)s (the division of %(date)s).") % {
        "name": municipality,
        "programme": programme,
        "date": date_format(programme.reference_date, "j F Y"),
    }


def require_in_division(municipality: Municipality, programme: Programme) -> None:
    """Raise ``ValidationError`` unless ``municipality`` belongs to the programme's division
    (``rules.in_division``), with the message a report for it would get."""
    if not rules.in_division(municipality, programme):
        raise ValidationError(_outside_division(municipality, programme))


def _build_event(
    *, actor, municipality: Municipality, building_block: BuildingBlock, source: str, values: dict, errors: Errors
) -> StatusEvent:
    """An unsaved event from ``values``, checked against the rules (``rules``); problems go to ``errors``.

    The lengths of the texts and the web address are checked by ``clean_fields``, with Django's
    messages: the field validators that ``rules.fits_field`` runs for the import.
    """
    programme: Programme = building_block.programme
    level: StatusLevel | None = values.get("level")
    if level is None:
        errors.add("level", _("Choose a status level."))
    elif not rules.is_level_of(level, building_block):
        errors.add(
            "level", _("%(level)s is not a status level of %(programme)s.") % {"level": level, "programme": programme}
        )
    if not rules.in_division(municipality, programme):
        errors.add("municipality", _outside_division(municipality, programme))
    today = timezone.localdate()
    valid_from = values.get("valid_from") or today
    if rules.is_future(valid_from, today):
        errors.add("valid_from", _("The date from which this holds cannot be in the future."))
    for budget in ("budget_planned", "budget_spent"):
        if rules.is_negative(values.get(budget)):
            errors.add(budget, _("A budget cannot be negative."))
    event = StatusEvent(
        municipality=municipality,
        building_block=building_block,
        level=level,
        valid_from=valid_from,
        recorded_at=timezone.now(),
        planned_date=values.get("planned_date"),
        budget_planned=values.get("budget_planned"),
        budget_spent=values.get("budget_spent"),
        evidence_text=values.get("evidence_text") or "",
        evidence_url=values.get("evidence_url") or "",
        evidence_file=values.get("evidence_file") or None,
        blockers=_blocker_mask(values.get("blockers") or (), errors),
        blocker_note=values.get("blocker_note") or "",
        note=values.get("note") or "",
        source=source,
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        event.clean_fields(exclude=_FK_FIELDS | {"source"})
    except ValidationError as error:
        errors.merge(error)
    return event


def validated_event(
    *, actor, municipality: Municipality, building_block: BuildingBlock, source: str, values: dict, prefix: str = ""
) -> StatusEvent:
    """An unsaved event of ``municipality`` for ``building_block`` from ``values`` (the names of
    ``REPORT_FIELDS``; missing ones are empty, the date today).

    Raises ``ValidationError`` with messages keyed ``<prefix><field>`` when it breaks a rule. Checks
    no permission and saves nothing: for the writes of the monitor, which save it with ``apply_event``.
    """
    errors = Errors(prefix)
    event = _build_event(
        actor=actor,
        municipality=municipality,
        building_block=building_block,
        source=source,
        values=values,
        errors=errors,
    )
    errors.raise_if_any()
    return event


def _changes_anything(event: StatusEvent, current: CurrentStatus | None, lowest_level_id: int | None) -> bool:
    """Whether ``event`` says something that the current state does not."""
    if event.note or event.evidence_text or event.evidence_url or event.evidence_file:
        return True
    if current is None:
        return rules.state(event) != rules.initial_state(lowest_level_id) or bool(event.blocker_note)
    return rules.state(event) != rules.state(current) or event.blocker_note != current.last_event.blocker_note


# --- survey rounds -----------------------------------------------------------------------------


def _check_survey_round(survey_round, blocks: list[BuildingBlock]) -> None:
    """Answers to a survey round: only while it is open, and only for the round's building blocks."""
    today = timezone.localdate()
    if today < survey_round.opens_on:
        raise ValidationError(
            _("The survey round %(name)s opens on %(date)s; it cannot be answered yet.")
            % {"name": survey_round.name, "date": date_format(survey_round.opens_on, "j F Y")}
        )
    if today > survey_round.closes_on:
        raise ValidationError(
            _("The survey round %(name)s closed on %(date)s; it can no longer be answered.")
            % {"name": survey_round.name, "date": date_format(survey_round.closes_on, "j F Y")}
        )
    asked = set(survey_round.building_blocks.values_list("pk", flat=True))
    others = [block.name for block in blocks if block.pk not in asked]
    if others:
        raise ValidationError(
            _("The survey round %(name)s does not ask about %(blocks)s.")
            % {"name": survey_round.name, "blocks": ", ".join(others)}
        )


# --- writing -----------------------------------------------------------------------------------


def locked_current(municipality: Municipality, blocks: list[BuildingBlock]) -> dict[int, CurrentStatus]:
    """The current rows of ``municipality`` for ``blocks`` by block id, locked until the end of the
    transaction (``select_for_update``); a block without a status has none."""
    rows = (
        CurrentStatus.objects.select_for_update(of=("self",))
        .select_related("last_event", "level")
        .filter(municipality=municipality, building_block__in=blocks)
        .order_by("pk")
    )
    return {row.building_block_id: row for row in rows}


def new_current_row(event: StatusEvent) -> CurrentStatus:
    """The (unsaved) current row of a pair whose first event is ``event``."""
    return CurrentStatus(
        municipality_id=event.municipality_id,
        building_block_id=event.building_block_id,
        level_id=event.level_id,
        planned_date=event.planned_date,
        blockers=event.blockers,
        budget_planned=event.budget_planned,
        budget_spent=event.budget_spent,
        last_event=event,
        version=1,
        updated_at=event.recorded_at,
        is_demo=event.is_demo,
    )


def advance_current(current: CurrentStatus, event: StatusEvent) -> bool:
    """Bring an (unsaved) current row up to date with a new event of its pair.

    Returns whether ``event`` is now the pair's latest; a back-dated event stays in the history
    only, but the pair's version moves on either way.
    """
    is_latest = rules.is_newer(event, current.last_event)
    if is_latest:
        current.level_id = event.level_id
        current.planned_date = event.planned_date
        current.blockers = event.blockers
        current.budget_planned = event.budget_planned
        current.budget_spent = event.budget_spent
        current.last_event = event
    current.version += 1
    current.updated_at = event.recorded_at
    current.is_demo = current.is_demo and event.is_demo
    return is_latest


def apply_event(event: StatusEvent, current: CurrentStatus | None, expected_version: int | None) -> CurrentStatus:
    """Save ``event`` and bring the pair's current row up to date (one version more); returns that row.

    ``current`` is the pair's row as locked by ``locked_current`` (None when it has none). When a
    parallel first report created the row meanwhile and the caller passed ``expected_version``,
    raises ``StatusConflict``. The caller checks permission, validates (``validated_event``),
    rebuilds the monthly rows and audits.
    """
    event.save()
    if current is None:
        try:
            with transaction.atomic():
                current = new_current_row(event)
                current.save()
                return current
        except IntegrityError:
            # A parallel first report won the race: treat it like any other concurrent change.
            current = locked_current(event.municipality, [event.building_block])[event.building_block_id]
            if expected_version is not None:
                raise StatusConflict(
                    [_conflict(event.building_block, event.municipality, expected_version, current)]
                ) from None
    advance_current(current, event)
    current.save()
    return current


def _audit_values(event: StatusEvent) -> dict[str, Any]:
    return {
        "building_block": event.building_block.code,
        "level": event.level.code,
        "valid_from": event.valid_from,
        "planned_date": event.planned_date,
        "budget_planned": event.budget_planned,
        "budget_spent": event.budget_spent,
        "blockers": event.blocker_codes,
        "source": event.source,
        "evidence_file": event.evidence_file.name if event.evidence_file else "",
    }


@transaction.atomic
def status_report(
    *,
    actor,
    municipality: Municipality,
    building_block: BuildingBlock,
    level: StatusLevel,
    valid_from: datetime.date | None = None,
    planned_date: datetime.date | None = None,
    budget_planned: Decimal | None = None,
    budget_spent: Decimal | None = None,
    evidence_text: str = "",
    evidence_url: str = "",
    evidence_file=None,
    blockers: Iterable[str] = (),
    blocker_note: str = "",
    note: str = "",
    source: str | None = None,
    expected_version: int | None = None,
    survey_round=None,
) -> StatusEvent:
    """Report the status of ``municipality`` for one building block; returns the new event.

    With ``survey_round`` the report answers that round (source "survey"; the round must be open
    and ask about the block); coordinators may answer for their own municipality.
    Raises ``PermissionDenied``, ``ValidationError`` (messages by field) or ``StatusConflict``.
    """
    source = Source.SURVEY if survey_round is not None else (source or default_source(actor))
    require_status_reporter(actor, municipality, source, survey_round=survey_round)
    require_open(building_block.programme_id)
    if survey_round is not None:
        _check_survey_round(survey_round, [building_block])
    values = {
        "level": level,
        "valid_from": valid_from,
        "planned_date": planned_date,
        "budget_planned": budget_planned,
        "budget_spent": budget_spent,
        "evidence_text": evidence_text,
        "evidence_url": evidence_url,
        "evidence_file": evidence_file,
        "blockers": blockers,
        "blocker_note": blocker_note,
        "note": note,
    }
    event = validated_event(
        actor=actor, municipality=municipality, building_block=building_block, source=source, values=values
    )
    event.survey_round = survey_round
    current = locked_current(municipality, [building_block]).get(building_block.pk)
    if expected_version is not None and expected_version != (current.version if current else 0):
        raise StatusConflict([_conflict(building_block, municipality, expected_version, current)])
    current = apply_event(event, current, expected_version)
    rebuild_monthly([(municipality.pk, building_block.pk)], programme=building_block.programme)
    audit.record(
        actor=actor,
        action="status.report",
        target=event,
        object_label=f"{municipality} – {building_block}",
        changes={
            **_audit_values(event),
            "version": current.version,
            **({"survey_round": survey_round.pk} if survey_round is not None else {}),
        },
    )
    return event


@dataclass
class ReportResult:
    events: list[StatusEvent]
    unchanged: list[BuildingBlock]


@transaction.atomic
def status_report_many(
    *,
    actor,
    municipality: Municipality,
    changes: list[dict],
    source: str | None = None,
    survey_round=None,
):
    """Report several blocks of one municipality at once (the one-page form).

    Each item of ``changes`` holds ``building_block`` and the arguments of ``status_report``
    (including ``expected_version``). Only blocks whose values differ from their current state get
    an event, unless the item says ``confirm``: then the report is recorded as an explicit
    confirmation even when nothing changed. When any block changed since its expected version,
    nothing is written and one ``StatusConflict`` lists every such block. Validation messages are
    keyed ``<block code>-<field>``. With ``survey_round`` the reports answer that round (see
    ``status_report``).
    """
    source = Source.SURVEY if survey_round is not None else (source or default_source(actor))
    require_status_reporter(actor, municipality, source, survey_round=survey_round)
    blocks = [item["building_block"] for item in changes]
    if len({block.pk for block in blocks}) != len(blocks):
        raise ValidationError(_("Each building block may occur only once."))
    for programme_id in sorted({block.programme_id for block in blocks}):
        require_open(programme_id)
    if survey_round is not None:
        _check_survey_round(survey_round, blocks)
    programme_ids = {block.programme_id for block in blocks}
    lowest = {
        level.programme_id: level.pk
        for level in StatusLevel.objects.filter(programme_id__in=programme_ids).order_by("-position")
    }

    errors = Errors()
    events = []
    for item in changes:
        block = item["building_block"]
        errors.prefix = f"{block.code}-"
        values = {name: item.get(name) for name in REPORT_FIELDS}
        events.append(
            _build_event(
                actor=actor,
                municipality=municipality,
                building_block=block,
                source=source,
                values=values,
                errors=errors,
            )
        )
    errors.raise_if_any()
    for event in events:
        event.survey_round = survey_round

    current_rows = locked_current(municipality, blocks)
    conflicts = []
    for item in changes:
        expected = item.get("expected_version")
        current = current_rows.get(item["building_block"].pk)
        if expected is not None and expected != (current.version if current else 0):
            conflicts.append(_conflict(item["building_block"], municipality, expected, current))
    if conflicts:
        raise StatusConflict(conflicts)

    saved, unchanged = [], []
    for item, event in zip(changes, events, strict=True):
        block = item["building_block"]
        current = current_rows.get(block.pk)
        if not item.get("confirm") and not _changes_anything(event, current, lowest.get(block.programme_id)):
            unchanged.append(block)
            continue
        apply_event(event, current, item.get("expected_version"))
        saved.append(event)
    rebuild_monthly_for_events(saved)
    audit_changes = {
        "events": [_audit_values(event) for event in saved],
        "unchanged": [block.code for block in unchanged],
    }
    if survey_round is not None:
        audit_changes["survey_round"] = survey_round.pk
    confirmed = [item["building_block"].code for item in changes if item.get("confirm")]
    if confirmed:
        audit_changes["confirmed"] = confirmed
    audit.record(actor=actor, action="status.report_many", target=municipality, changes=audit_changes)
    return ReportResult(events=saved, unchanged=unchanged)


# --- corrections ---------------------------------------------------------------------------------


@transaction.atomic
def erased_planned_dates_restore(*, actor=None, findings) -> list[StatusEvent]:
    """Give back the planned dates that the status form erased (``selectors.erased_planned_dates``).

    For each finding whose event still holds for its pair, a correction is appended: the same state
    with the lost planned date, valid from the same date, source "correction", linked to the event it
    repairs (``corrects``). A finding whose pair was reported for since is left for a person to judge.
    The current rows and monthly rows follow as for every report. For the system (``actor`` None, the
    management command) or programme staff. Returns the corrections.
    """
    require(
        actor is None or is_programme_staff(actor),
        _("Only programme staff may restore the planned dates that were erased."),
    )
    corrections = []
    for finding in findings:
        erased = finding.event
        if erased.building_block.programme.is_closed:
            continue  # a closed programme is not changed any more (catalogue.rules)
        current = locked_current(erased.municipality, [erased.building_block]).get(erased.building_block_id)
        if current is None or current.last_event_id != erased.pk or erased.corrections.exists():
            continue  # reported for since, or already corrected
        values = {
            "level": erased.level,
            "valid_from": erased.valid_from,
            "planned_date": finding.lost_date,
            "budget_planned": erased.budget_planned,
            "budget_spent": erased.budget_spent,
            "blockers": erased.blockers,
            "blocker_note": erased.blocker_note,
        }
        event = validated_event(
            actor=actor,
            municipality=erased.municipality,
            building_block=erased.building_block,
            source=Source.CORRECTION,
            values=values,
        )
        event.corrects = erased
        apply_event(event, current, current.version)
        corrections.append(event)
    rebuild_monthly_for_events(corrections)
    audit.record(
        actor=actor,
        action="status.restore_planned_dates",
        object_type="monitor.statusevent",
        changes={
            "corrections": [
                {
                    "municipality": event.municipality.code,
                    "building_block": event.building_block.code,
                    "planned_date": event.planned_date,
                    "corrects": event.corrects_id,
                }
                for event in corrections
            ]
        },
    )
    return corrections


@transaction.atomic
def monthly_status_rebuild(*, actor=None, programme: Programme | None = None) -> dict[str, int]:
    """Rebuild the monthly status table (all programmes, or one) from the events.

    For the system (``actor`` None, e.g. the management command) or programme staff. Returns the
    number of rows per programme slug.
    """
    require(
        actor is None or is_programme_staff(actor),
        _("Only programme staff may rebuild the monthly status table."),
    )
    result = rebuild_all_monthly() if programme is None else {programme.slug: rebuild_monthly(programme=programme)}
    audit.record(actor=actor, action="monthly_status.rebuild", object_type="monitor.monthlystatus", changes=result)
    return result


# --- successors ------------------------------------------------------------------------------------


def statuses_copy(*, predecessor: Programme, successor: Programme, actor=None) -> int:
    """Take over each municipality's current status per building block from ``predecessor`` (a part of a
    successor, registered with ``catalogue.succession``; it runs after the ladder and the blocks).

    For every pair of the predecessor with a status, of a municipality in the successor's division, the
    successor's block of the same code gets a new event at the level of the same code: source
    "predecessor", valid from the successor's start (or today, when it starts later), with the planned
    date, budgets, blockers and evidence of the current state, a note that names the predecessor (in
    the site's language) and a link to the event it was taken from (``derived_from``). The current and
    monthly rows follow. Runs inside ``successor_start``, which checks permission and audits; the
    predecessor's rows are only read. Returns the number of events.
    """
    blocks = dict(BuildingBlock.objects.filter(programme=successor).values_list("code", "pk"))
    levels = dict(StatusLevel.objects.filter(programme=successor).values_list("code", "pk"))
    division = Municipality.objects.on(successor.reference_date).values("pk")
    rows = CurrentStatus.objects.filter(building_block__programme=predecessor, municipality__in=division)
    valid_from = min(successor.start_date, timezone.localdate())
    recorded_at = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Taken over from %(programme)s.") % {"programme": predecessor.name}
    author = actor if getattr(actor, "is_authenticated", False) else None
    events, origins = [], []
    for row in rows.values(
        "municipality_id",
        "building_block__code",
        "level__code",
        "planned_date",
        "budget_planned",
        "budget_spent",
        "blockers",
        "is_demo",
        "last_event_id",
        "last_event__evidence_text",
        "last_event__evidence_url",
        "last_event__evidence_file",
        "last_event__blocker_note",
    ).order_by("municipality_id", "building_block__code"):
        block_id, level_id = blocks.get(row["building_block__code"]), levels.get(row["level__code"])
        if block_id is None or level_id is None:
            continue
        events.append(
            StatusEvent(
                municipality_id=row["municipality_id"],
                building_block_id=block_id,
                level_id=level_id,
                valid_from=valid_from,
                recorded_at=recorded_at,
                planned_date=row["planned_date"],
                budget_planned=row["budget_planned"],
                budget_spent=row["budget_spent"],
                evidence_text=row["last_event__evidence_text"],
                evidence_url=row["last_event__evidence_url"],
                evidence_file=row["last_event__evidence_file"],
                blockers=row["blockers"],
                blocker_note=row["last_event__blocker_note"],
                note=note,
                source=Source.PREDECESSOR,
                author=author,
                is_demo=row["is_demo"],
            )
        )
        origins.append(row["last_event_id"])
    StatusEvent.objects.bulk_create(events, batch_size=2000)
    CurrentStatus.objects.bulk_create([new_current_row(event) for event in events], batch_size=2000)
    through = StatusEvent.derived_from.through
    through.objects.bulk_create(
        [
            through(from_statusevent_id=event.pk, to_statusevent_id=origin)
            for event, origin in zip(events, origins, strict=True)
        ],
        batch_size=2000,
    )
    rebuild_monthly(programme=successor)
    return len(events)
