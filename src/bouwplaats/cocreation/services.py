# SPDX-License-Identifier: EUPL-1.2
"""Writes of co-creation: ideas, votes, official answers, consultations and ballots.

Each function checks permission once, validates (``ValidationError`` keyed by field), writes in
one transaction and records one audit entry. Double votes and double ballots are prevented by
unique constraints; a concurrent duplicate insert is caught as ``IntegrityError`` inside a
savepoint and treated as the existing vote or ballot, so it counts once.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bouwplaats.accounts.models import MembershipStatus
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.core.errors import Errors, clean_text
from bouwplaats.core.ratelimit import PostingLimit, check_posting_rate
from bouwplaats.notifications import selectors as notification_selectors
from bouwplaats.notifications import services as notifications
from bouwplaats.organisations.models import Municipality
from bouwplaats.ui.markdown import markdown_to_text

from . import permissions, selectors
from .models import (
    ADDED_VALUE_MAX_LENGTH,
    ANSWER_MAX_LENGTH,
    CLOSING_REASON_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    OPTION_MAX_LENGTH,
    THEME_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Ballot,
    CocreationSettings,
    Consultation,
    Idea,
    IdeaStatus,
    IdeaStatusChange,
    Option,
    Vote,
    VoteMode,
    Weighting,
)

# Ideas take thought; more than this in a short time is a mistake or abuse.
IDEA_LIMITS = (
    PostingLimit(count=3, window=datetime.timedelta(hours=1)),
    PostingLimit(count=10, window=datetime.timedelta(days=1)),
)
MIN_OPTIONS, MAX_OPTIONS = 2, 10
# A declined idea always says why, so every proposer can see what happened to the input.
STATUSES_NEEDING_ANSWER = {IdeaStatus.DECLINED}


# --- settings -------------------------------------------------------------------------------


@transaction.atomic
def settings_update(*, actor, programme: Programme, vote_mode: str) -> CocreationSettings:
    """Change how ideas are voted on. Only while the programme's ideas have no votes (ADR 0010)."""
    permissions.require_manager(actor)
    if vote_mode not in VoteMode.values:
        raise ValidationError({"vote_mode": _("Choose one vote per member or one vote per municipality.")})
    current, _created = CocreationSettings.objects.select_for_update().get_or_create(programme=programme)
    if current.vote_mode == vote_mode:
        return current
    if Vote.objects.filter(idea__programme=programme).exists():
        raise ValidationError(
            {
                "vote_mode": _(
                    "Ideas of this programme have votes already; changing who votes now would make "
                    "earlier and later support incomparable."
                )
            }
        )
    before = current.vote_mode
    current.vote_mode = vote_mode
    current.save(update_fields=["vote_mode"])
    audit.record(
        actor=actor, action="cocreation.settings.update", target=current, changes={"vote_mode": [before, vote_mode]}
    )
    return current


# --- ideas ----------------------------------------------------------------------------------


def _proposer_municipality(actor, programme: Programme, municipality: Municipality | None, errors: Errors):
    if municipality is None:
        return None
    if not permissions.coordinated_municipalities(actor, programme).filter(pk=municipality.pk).exists():
        errors.add("municipality", _("You can only name a municipality you are a coordinator of."))
    return municipality


@transaction.atomic
def idea_propose(
    *,
    actor,
    programme: Programme,
    theme: str,
    title: str,
    description: str,
    added_value: str,
    building_block: BuildingBlock | None = None,
    municipality: Municipality | None = None,
    now: datetime.datetime | None = None,
) -> Idea:
    """A member proposes an idea; it starts as 'received' with that as the first step of its history."""
    permissions.require_proposer(actor)
    now = now or timezone.now()
    errors = Errors()
    values = {
        "theme": clean_text(theme, field="theme", errors=errors, max_length=THEME_MAX_LENGTH),
        "title": clean_text(title, field="title", errors=errors, max_length=TITLE_MAX_LENGTH),
        "description": clean_text(description, field="description", errors=errors, max_length=DESCRIPTION_MAX_LENGTH),
        "added_value": clean_text(added_value, field="added_value", errors=errors, max_length=ADDED_VALUE_MAX_LENGTH),
    }
    if building_block is not None and building_block.programme_id != programme.pk:
        errors.add(
            "building_block",
            _("%(block)s is not part of %(programme)s.") % {"block": building_block, "programme": programme},
        )
    _proposer_municipality(actor, programme, municipality, errors)
    errors.raise_if_any()
    check_posting_rate(Idea.objects.filter(proposer=actor), limits=IDEA_LIMITS, now=now)
    idea = Idea.objects.create(
        programme=programme,
        building_block=building_block,
        municipality=municipality,
        proposer=actor,
        created_at=now,
        **values,
    )
    IdeaStatusChange.objects.create(idea=idea, from_status="", to_status=idea.status, changed_by=actor, changed_at=now)
    audit.record(
        actor=actor,
        action="cocreation.idea.propose",
        target=idea,
        changes={**values, "building_block": building_block, "municipality": municipality},
    )
    return idea


@transaction.atomic
def idea_answer(*, actor, idea: Idea, status: str, answer: str, note: str = "") -> Idea:
    """Staff give the official answer and/or a new status; the proposer and followers are notified."""
    permissions.require_manager(actor)
    errors = Errors()
    if status not in IdeaStatus.values:
        errors.add("status", _("Choose a status."))
    answer = clean_text(answer, field="answer", errors=errors, max_length=ANSWER_MAX_LENGTH, required=False)
    note = clean_text(note, field="note", errors=errors, max_length=NOTE_MAX_LENGTH, required=False)
    if status in STATUSES_NEEDING_ANSWER and not answer:
        errors.add("answer", _("Say in the official answer why the idea is declined."))
    errors.raise_if_any()
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    status_changed = status != idea.status
    answer_changed = answer != idea.answer
    if not status_changed and not answer_changed:
        return idea
    now = timezone.now()
    before = {"status": idea.status, "answer": idea.answer}
    if status_changed:
        IdeaStatusChange.objects.create(
            idea=idea, from_status=idea.status, to_status=status, note=note, changed_by=actor, changed_at=now
        )
        idea.status = status
    if answer_changed:
        idea.answer = answer
        idea.answered_by = actor
        idea.answered_at = now
    idea.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    audit.record(
        actor=actor,
        action="cocreation.idea.answer",
        target=idea,
        changes=audit.diff(before, {"status": idea.status, "answer": idea.answer}) | ({"note": note} if note else {}),
    )
    _notify_idea_status(actor=actor, idea=idea, status_changed=status_changed)
    return idea


def _notify_idea_status(*, actor, idea: Idea, status_changed: bool) -> None:
    recipients = list(notification_selectors.followers(idea))
    recipients.append(idea.proposer)
    if status_changed:
        subject = notifications.in_recipient_language(
            gettext_noop("Idea “%(title)s” is now: %(status)s"), title=idea.title, status=IdeaStatus(idea.status).label
        )
    else:
        subject = notifications.in_recipient_language(
            gettext_noop("Idea “%(title)s” has an official answer"), title=idea.title
        )
    notifications.notification_send(
        recipients=recipients,
        kind="idea_status",
        subject=subject,
        # The answer is Markdown; notifications and their e-mails are plain text.
        body=markdown_to_text(idea.answer) if idea.answer else subject,
        url=reverse("cocreation:idea-detail", args=[idea.pk]),
        actor=actor,
        target=idea,
    )


def _vote_municipality(actor, idea: Idea, municipality: Municipality | None) -> Municipality:
    """The municipality a vote is for: the one given, or the voter's only one."""
    own = permissions.coordinated_municipalities(actor, idea.programme)
    if municipality is None:
        choices = list(own[:2])
        if len(choices) == 1:
            return choices[0]
        if not choices:
            raise ValidationError(
                {"municipality": _("Ideas are supported per municipality: only municipality coordinators vote.")}
            )
        raise ValidationError({"municipality": _("Choose the municipality you vote for.")})
    permissions.require(
        own.filter(pk=municipality.pk).exists(),
        _("Only the coordinators of %(name)s may vote for it.") % {"name": municipality.name},
    )
    return municipality


@dataclass(frozen=True)
class _VotingContext:
    """How an actor's vote on an idea counts: per member, or for one municipality they coordinate."""

    mode: str
    municipality: Municipality | None  # None when votes count per member
    lookup: dict  # finds the vote that counts for the actor (theirs, or their municipality's)


def _voting_context(actor, idea: Idea, municipality: Municipality | None) -> _VotingContext:
    """Check that ``actor`` may vote on ``idea`` and say which vote is theirs; the same for voting and withdrawing."""
    permissions.require_voter(actor)
    mode = selectors.settings_for(programme=idea.programme).vote_mode
    if mode == VoteMode.MUNICIPALITY:
        municipality = _vote_municipality(actor, idea, municipality)
        return _VotingContext(mode, municipality, {"idea": idea, "mode": mode, "municipality": municipality})
    return _VotingContext(mode, None, {"idea": idea, "mode": mode, "user": actor})


def _count_vote_change(*, actor, idea: Idea, context: _VotingContext, change: int, action: str) -> None:
    """Keep the idea's stored count in step with its votes, and audit the vote or withdrawal."""
    Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") + change)
    audit.record(
        actor=actor, action=action, target=idea, changes={"mode": context.mode, "municipality": context.municipality}
    )


@transaction.atomic
def idea_vote(*, actor, idea: Idea, municipality: Municipality | None = None) -> tuple[Vote, bool]:
    """Support an idea; returns (vote, created). Voting twice, even at the same moment, counts once."""
    context = _voting_context(actor, idea, municipality)
    existing = Vote.objects.filter(**context.lookup).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            vote = Vote.objects.create(idea=idea, mode=context.mode, user=actor, municipality=context.municipality)
    except IntegrityError:
        # Someone (the same member, or a colleague of the same municipality) voted at the same moment.
        return Vote.objects.get(**context.lookup), False
    _count_vote_change(actor=actor, idea=idea, context=context, change=1, action="cocreation.idea.vote")
    return vote, True


@transaction.atomic
def idea_unvote(*, actor, idea: Idea, municipality: Municipality | None = None) -> bool:
    """Withdraw a vote (per municipality: any of its coordinators may). Returns whether one was removed."""
    context = _voting_context(actor, idea, municipality)
    removed, _detail = Vote.objects.filter(**context.lookup).delete()
    if removed:
        _count_vote_change(actor=actor, idea=idea, context=context, change=-removed, action="cocreation.idea.unvote")
    return bool(removed)


# --- consultations --------------------------------------------------------------------------


def _clean_consultation(
    *, title, question, description, opens_at, closes_at, weighting, options: Sequence[str], now
) -> tuple[dict, list[str]]:
    """The validated fields of a new or changed consultation, and its option labels in order."""
    errors = Errors()
    values = {
        "title": clean_text(title, field="title", errors=errors, max_length=TITLE_MAX_LENGTH),
        "question": clean_text(question, field="question", errors=errors, max_length=300),
        "description": clean_text(
            description, field="description", errors=errors, max_length=DESCRIPTION_MAX_LENGTH, required=False
        ),
        "opens_at": opens_at,
        "closes_at": closes_at,
        "weighting": weighting,
    }
    if weighting not in Weighting.values:
        errors.add("weighting", _("Choose a weighting."))
    if opens_at is None:
        errors.add("opens_at", _("This field is required."))
    elif opens_at <= now:
        errors.add("opens_at", _("The consultation must open in the future."))
    if closes_at is None:
        errors.add("closes_at", _("This field is required."))
    elif opens_at is not None and closes_at <= opens_at:
        errors.add("closes_at", _("The consultation must close after it opens."))
    labels = [label.strip() for label in options if label and label.strip()]
    if not MIN_OPTIONS <= len(labels) <= MAX_OPTIONS:
        errors.add("options", _("Give between %(min)d and %(max)d options.") % {"min": MIN_OPTIONS, "max": MAX_OPTIONS})
    if len({label.casefold() for label in labels}) != len(labels):
        errors.add("options", _("Each option must be different."))
    if any(len(label) > OPTION_MAX_LENGTH for label in labels):
        errors.add("options", _("An option has at most %(max)d characters.") % {"max": OPTION_MAX_LENGTH})
    errors.raise_if_any()
    return values, labels


def _add_options(consultation: Consultation, labels: Sequence[str]) -> None:
    Option.objects.bulk_create(
        Option(consultation=consultation, position=index, label=label) for index, label in enumerate(labels)
    )


@transaction.atomic
def consultation_create(
    *,
    actor,
    programme: Programme,
    title: str,
    question: str,
    description: str = "",
    opens_at: datetime.datetime | None,
    closes_at: datetime.datetime | None,
    weighting: str = Weighting.NONE,
    options: Sequence[str],
    now: datetime.datetime | None = None,
) -> Consultation:
    """Staff set up a consultation that opens in the future, with its options in the given order."""
    permissions.require_manager(actor)
    values, labels = _clean_consultation(
        title=title,
        question=question,
        description=description,
        opens_at=opens_at,
        closes_at=closes_at,
        weighting=weighting,
        options=options,
        now=now or timezone.now(),
    )
    consultation = Consultation.objects.create(programme=programme, created_by=actor, **values)
    _add_options(consultation, labels)
    audit.record(
        actor=actor, action="cocreation.consultation.create", target=consultation, changes={**values, "options": labels}
    )
    return consultation


@transaction.atomic
def consultation_update(
    *,
    actor,
    consultation: Consultation,
    title: str,
    question: str,
    description: str = "",
    opens_at: datetime.datetime | None,
    closes_at: datetime.datetime | None,
    weighting: str = Weighting.NONE,
    options: Sequence[str],
    now: datetime.datetime | None = None,
) -> Consultation:
    """Change a consultation that has not opened yet (once open, municipalities rely on it as it is)."""
    permissions.require_manager(actor)
    now = now or timezone.now()
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.has_opened(now):
        raise ValidationError(_("This consultation has opened: it can no longer be changed."))
    values, labels = _clean_consultation(
        title=title,
        question=question,
        description=description,
        opens_at=opens_at,
        closes_at=closes_at,
        weighting=weighting,
        options=options,
        now=now,
    )
    before = {name: getattr(consultation, name) for name in values}
    before["options"] = list(consultation.options.values_list("label", flat=True))
    changes = audit.diff(before, {**values, "options": labels})
    if not changes:
        return consultation
    for name, value in values.items():
        setattr(consultation, name, value)
    consultation.save(update_fields=list(values))
    if "options" in changes:
        # No ballots exist before opening, so the options can simply be replaced.
        consultation.options.all().delete()
        _add_options(consultation, labels)
    audit.record(actor=actor, action="cocreation.consultation.update", target=consultation, changes=changes)
    return consultation


@transaction.atomic
def consultation_close_early(
    *, actor, consultation: Consultation, reason: str, now: datetime.datetime | None = None
) -> Consultation:
    """Staff end an open consultation before its planned closing, saying why.

    The consultation then closes at this moment: ballots can no longer be cast or changed, the
    results are published as after a normal close, and the closing is announced to the
    coordinators by ``consultation_announcements_send`` as usual. The reason is shown with the results.
    """
    permissions.require_manager(actor)
    now = now or timezone.now()
    reason = clean_text(reason, field="reason", max_length=CLOSING_REASON_MAX_LENGTH)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if now <= consultation.opens_at:
        raise ValidationError(_("This consultation has not opened yet: change its period instead of closing it."))
    if consultation.is_closed(now):
        raise ValidationError(_("This consultation closed on %(date)s already.") % _when(consultation.closes_at))
    planned = consultation.closes_at
    consultation.closes_at = now
    consultation.closed_early_at = now
    consultation.closed_early_by = actor
    consultation.closing_reason = reason
    consultation.save(update_fields=["closes_at", "closed_early_at", "closed_early_by", "closing_reason"])
    audit.record(
        actor=actor,
        action="cocreation.consultation.close_early",
        target=consultation,
        changes={"closes_at": [planned, now], "closing_reason": reason},
    )
    return consultation


@transaction.atomic
def ballot_cast(
    *,
    actor,
    consultation: Consultation,
    municipality: Municipality,
    option: Option,
    now: datetime.datetime | None = None,
) -> tuple[Ballot, bool]:
    """Cast or change a municipality's ballot; returns (ballot, created). Refused outside the open period."""
    permissions.require_ballot_caster(actor, municipality)
    now = now or timezone.now()
    if not municipality.exists_on(consultation.programme.reference_date):
        raise ValidationError(
            {"municipality": _("%(name)s is not one of the municipalities of this programme.") % {"name": municipality}}
        )
    if option.consultation_id != consultation.pk:
        raise ValidationError({"option": _("Choose one of the options of this consultation.")})
    if not consultation.has_opened(now):
        raise ValidationError(
            _("This consultation has not opened yet: you can vote from %(date)s.") % _when(consultation.opens_at)
        )
    if consultation.is_closed(now):
        raise ValidationError(
            _("This consultation closed on %(date)s: ballots can no longer be cast or changed.")
            % _when(consultation.closes_at)
        )
    lookup = {"consultation": consultation, "municipality": municipality}
    ballot = Ballot.objects.select_for_update().filter(**lookup).first()
    created = False
    if ballot is None:
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(option=option, cast_by=actor, cast_at=now, **lookup)
                created = True
        except IntegrityError:
            # A colleague cast the municipality's ballot at the same moment: this becomes a change of it.
            ballot = Ballot.objects.select_for_update().get(**lookup)
    if created:
        audit.record(
            actor=actor,
            action="cocreation.ballot.cast",
            target=ballot,
            changes={"municipality": municipality.code, "option": option.label},
        )
        return ballot, True
    before = ballot.option.label
    ballot.option = option
    ballot.cast_by = actor
    ballot.changed_at = now
    ballot.save(update_fields=["option", "cast_by", "changed_at"])
    audit.record(
        actor=actor,
        action="cocreation.ballot.change",
        target=ballot,
        changes={"municipality": municipality.code, "option": [before, option.label]},
    )
    return ballot, False


def _when(moment: datetime.datetime) -> dict:
    """The moment as the reader's language writes it ("1 juni 2014 17:00"), worked out when the text is
    (a notification's text is written in each recipient's language)."""
    local = timezone.localtime(moment)
    return {"date": lazy(lambda: date_format(local, "j F Y H:i"), str)()}


def _coordinators():
    """Active users with an approved membership: the people who speak for a municipality."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__status=MembershipStatus.APPROVED)
        .distinct()
        .order_by("pk")
    )


def consultation_announcements_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Announce consultations that opened or closed, each once (safe to run often and in parallel)."""
    now = now or timezone.now()
    opened = closed = 0
    for consultation in Consultation.objects.filter(opens_at__lte=now, opening_announced_at__isnull=True):
        opened += _announce(consultation, field="opening_announced_at", kind="consultation_opened", now=now)
    for consultation in Consultation.objects.filter(closes_at__lte=now, closing_announced_at__isnull=True):
        closed += _announce(consultation, field="closing_announced_at", kind="consultation_closed", now=now)
    return {"opened": opened, "closed": closed}


@transaction.atomic
def _announce(consultation: Consultation, *, field: str, kind: str, now) -> int:
    # The conditional update claims the announcement: a parallel run updates no row and sends nothing.
    claimed = Consultation.objects.filter(pk=consultation.pk, **{f"{field}__isnull": True}).update(**{field: now})
    if not claimed:
        return 0
    url = reverse("cocreation:consultation-detail", args=[consultation.pk])
    if kind == "consultation_opened":
        subject = notifications.in_recipient_language(
            gettext_noop("Member consultation opened: %(title)s"), title=consultation.title
        )
        body = notifications.in_recipient_language(
            gettext_noop("%(question)s Your municipality's coordinator can vote until %(date)s."),
            question=consultation.question,
            **_when(consultation.closes_at),
        )
    else:
        subject = notifications.in_recipient_language(
            gettext_noop("Member consultation closed: %(title)s"), title=consultation.title
        )
        if consultation.closed_early_at:
            body = notifications.in_recipient_language(
                gettext_noop(
                    "Closed early by programme staff: %(reason)s The results of “%(question)s” are published."
                ),
                reason=consultation.closing_reason,
                question=consultation.question,
            )
        else:
            body = notifications.in_recipient_language(
                gettext_noop("The results of “%(question)s” are published."), question=consultation.question
            )
    notifications.notification_send(
        recipients=list(_coordinators()), kind=kind, subject=subject, body=body, url=url, target=consultation
    )
    audit.record(
        actor=None, action=f"cocreation.consultation.{kind.removeprefix('consultation_')}", target=consultation
    )
    return 1
