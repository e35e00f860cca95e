# SPDX-License-Identifier: EUPL-1.2
"""Writes for questions: a member asks; programme staff triage, answer, publish, merge or close.

Every step sets its own timestamp, records one audit entry and tells the asker and the
question's followers (``answer`` for an answer, ``question_status`` for the other steps). The
full-text index follows the published questions (``search.index_question`` / ``remove_question``).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bouwplaats.accounts.permissions import is_coordinator_of, is_programme_staff, require
from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.core.errors import Errors, clean_text
from bouwplaats.core.ratelimit import PostingLimit, check_posting_rate
from bouwplaats.notifications import selectors as notification_selectors
from bouwplaats.notifications import services as notifications

from .. import search
from ..models import Answer, Question, QuestionStatus, Theme
from ..models.questions import MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH, OPEN_STATUSES
from ..permissions import require_asker, require_triager

# Questions take more thought than comments: fewer per hour are plenty.
QUESTION_LIMITS = (
    PostingLimit(count=5, window=datetime.timedelta(hours=1)),
    PostingLimit(count=20, window=datetime.timedelta(days=1)),
)
MAX_TAGS = 10
STATUS_LABELS = dict(QuestionStatus.choices)


def _locked(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


def _notify(question: Question, *, actor, kind: str, subject, body) -> None:
    recipients = list(notification_selectors.followers(question))
    if question.asker is not None:
        recipients.append(question.asker)
    notifications.notification_send(
        recipients=recipients,
        kind=kind,
        subject=subject,
        body=body,
        url=question.get_absolute_url(),
        actor=actor,
        target=question,
    )


def _status_changed(question: Question, *, actor) -> None:
    _notify(
        question,
        actor=actor,
        kind="question_status",
        subject=gettext_lazy("The status of a question changed"),
        body=f"{question.title}: {STATUS_LABELS[question.status]}",
    )


def _clean_tags(tags) -> str:
    if isinstance(tags, str):
        tags = tags.split(",")
    cleaned = []
    for tag in tags or []:
        tag = tag.strip().lower()
        if tag and tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": _("Use at most %(max)d tags.") % {"max": MAX_TAGS}})
    joined = ", ".join(cleaned)
    if len(joined) > 200:
        raise ValidationError({"tags": _("The tags are too long together (at most 200 characters).")})
    return joined


@transaction.atomic
def question_ask(*, asker, title: str, body: str = "", theme=None, building_blocks=(), municipality=None) -> Question:
    """A member asks a question; it waits for programme staff (status new)."""
    require_asker(asker)
    errors = Errors()
    title = clean_text(title, field="title", max_length=200, required=_("Write your question."), errors=errors)
    body = clean_text(body, field="body", max_length=MAX_QUESTION_LENGTH, required=False, errors=errors)
    if municipality is not None and not (is_coordinator_of(asker, municipality) or is_programme_staff(asker)):
        errors.add("municipality", _("You can only ask on behalf of a municipality you are a member of."))
    errors.raise_if_any()
    check_posting_rate(Question.objects.filter(asker=asker), limits=QUESTION_LIMITS, error_field="title")
    question = Question.objects.create(title=title, body=body, asker=asker, theme=theme, municipality=municipality)
    question.building_blocks.set(building_blocks)
    audit.record(
        actor=asker,
        action="question.ask",
        target=question,
        changes={
            "title": title,
            "theme": theme,
            "municipality": municipality,
            "building_blocks": sorted(block.code for block in building_blocks),
        },
    )
    return question


@transaction.atomic
def question_assign(*, actor, question: Question, assignee) -> Question:
    require_triager(actor)
    question = _locked(question)
    if not is_programme_staff(assignee):
        raise ValidationError({"assignee": _("Questions can only be assigned to programme staff.")})
    if question.status not in (QuestionStatus.NEW, QuestionStatus.ASSIGNED, QuestionStatus.ANSWERED):
        raise ValidationError(_("A published, closed or merged question is not assigned any more."))
    before = question.assigned_to
    question.assigned_to = assignee
    if question.status == QuestionStatus.NEW:
        question.status = QuestionStatus.ASSIGNED
        question.assigned_at = timezone.now()
    question.save(update_fields=["assigned_to", "status", "assigned_at"])
    audit.record(actor=actor, action="question.assign", target=question, changes={"assigned_to": [before, assignee]})
    _status_changed(question, actor=actor)
    return question


@transaction.atomic
def question_classify(*, actor, question: Question, theme=None, building_blocks=(), tags="") -> Question:
    """Staff set the theme, building blocks and tags (triage)."""
    require_triager(actor)
    question = _locked(question)
    tags = _clean_tags(tags)
    before = {
        "theme": question.theme,
        "tags": question.tags,
        "building_blocks": sorted(question.building_blocks.values_list("code", flat=True)),
    }
    after = {"theme": theme, "tags": tags, "building_blocks": sorted(block.code for block in building_blocks)}
    changes = audit.diff(before, after)
    if not changes:
        raise ValidationError(_("Nothing was changed."))
    question.theme = theme
    question.tags = tags
    question.save(update_fields=["theme", "tags"])
    question.building_blocks.set(building_blocks)
    audit.record(actor=actor, action="question.classify", target=question, changes=changes)
    if question.status == QuestionStatus.PUBLISHED:
        search.index_question(question)
    return question


@transaction.atomic
def question_answer(*, actor, question: Question, body: str) -> Answer:
    """Write or change the answer; a new or assigned question becomes answered."""
    require_triager(actor)
    question = _locked(question)
    if question.status in (QuestionStatus.CLOSED, QuestionStatus.MERGED):
        raise ValidationError(_("A closed or merged question cannot be answered."))
    body = clean_text(body, field="body", max_length=MAX_ANSWER_LENGTH, required=_("Write the answer."))
    now = timezone.now()
    answer = Answer.objects.filter(question=question).first()
    if answer is None:
        answer = Answer.objects.create(question=question, body=body, author=actor, created_at=now, updated_at=now)
        changes = {"answer": "new"}
    else:
        if answer.body == body:
            raise ValidationError({"body": _("The answer is unchanged.")})
        answer.body, answer.author, answer.updated_at = body, actor, now
        answer.save(update_fields=["body", "author", "updated_at"])
        changes = {"answer": "changed"}
    if question.status in (QuestionStatus.NEW, QuestionStatus.ASSIGNED):
        changes["status"] = [question.status, QuestionStatus.ANSWERED]
        question.status = QuestionStatus.ANSWERED
        question.answered_at = now
        question.assigned_at = question.assigned_at or now
        question.save(update_fields=["status", "answered_at", "assigned_at"])
    audit.record(actor=actor, action="question.answer", target=question, changes=changes)
    if question.status == QuestionStatus.PUBLISHED:
        search.index_question(question)
    _notify(
        question,
        actor=actor,
        kind="answer",
        subject=gettext_lazy("Your question has an answer"),
        body=question.title,
    )
    return answer


@transaction.atomic
def question_publish(*, actor, question: Question) -> Question:
    """Publish the question with its answer as an FAQ entry (public and searchable)."""
    require_triager(actor)
    question = _locked(question)
    if question.status != QuestionStatus.ANSWERED:
        raise ValidationError(_("Only an answered question can be published."))
    question.status = QuestionStatus.PUBLISHED
    question.published_at = timezone.now()
    question.save(update_fields=["status", "published_at"])
    audit.record(actor=actor, action="question.publish", target=question, changes={"status": ["answered", "published"]})
    search.index_question(question)
    _status_changed(question, actor=actor)
    return question


@transaction.atomic
def question_unpublish(*, actor, question: Question) -> Question:
    require_triager(actor)
    question = _locked(question)
    if question.status != QuestionStatus.PUBLISHED:
        raise ValidationError(_("This question is not published."))
    question.status = QuestionStatus.ANSWERED
    question.published_at = None
    question.save(update_fields=["status", "published_at"])
    audit.record(
        actor=actor, action="question.unpublish", target=question, changes={"status": ["published", "answered"]}
    )
    search.remove_question(question)
    return question


@transaction.atomic
def question_merge(*, actor, question: Question, into: Question) -> Question:
    """Mark ``question`` as a duplicate of ``into``; its asker is pointed to the earlier question."""
    require_triager(actor)
    question = _locked(question)
    if into.pk == question.pk:
        raise ValidationError({"into": _("A question cannot be a duplicate of itself.")})
    if into.status == QuestionStatus.MERGED:
        raise ValidationError({"into": _("That question was itself merged; choose the question it was merged into.")})
    if question.status in (QuestionStatus.PUBLISHED, QuestionStatus.MERGED):
        raise ValidationError(_("A published or already merged question cannot be merged."))
    before = question.status
    question.status = QuestionStatus.MERGED
    question.duplicate_of = into
    question.closed_at = timezone.now()
    question.save(update_fields=["status", "duplicate_of", "closed_at"])
    audit.record(
        actor=actor, action="question.merge", target=question, changes={"status": [before, "merged"], "into": into.pk}
    )
    _status_changed(question, actor=actor)
    return question


@transaction.atomic
def question_close(*, actor, question: Question) -> Question:
    """Close a question that will not be answered (out of scope, withdrawn)."""
    require_triager(actor)
    question = _locked(question)
    if question.status not in (QuestionStatus.NEW, QuestionStatus.ASSIGNED, QuestionStatus.ANSWERED):
        raise ValidationError(_("Only an open or answered question can be closed."))
    before = question.status
    question.status = QuestionStatus.CLOSED
    question.closed_at = timezone.now()
    question.save(update_fields=["status", "closed_at"])
    audit.record(actor=actor, action="question.close", target=question, changes={"status": [before, "closed"]})
    _status_changed(question, actor=actor)
    return question


@transaction.atomic
def answer_accept(*, actor, question: Question, accepted: bool = True) -> Answer:
    """The asker marks the answer as helpful (or takes that back)."""
    require_asker(actor)
    require(question.asker_id == actor.pk, _("Only the asker can accept the answer."))
    answer = Answer.objects.select_for_update().filter(question=question).first()
    if answer is None:
        raise ValidationError(_("There is no answer to accept yet."))
    if answer.accepted == accepted:
        raise ValidationError(_("Nothing was changed."))
    answer.accepted = accepted
    answer.save(update_fields=["accepted"])
    audit.record(actor=actor, action="question.accept_answer", target=question, changes={"accepted": accepted})
    return answer


@transaction.atomic
def theme_save(*, actor, name: str, description: str = "", theme: Theme | None = None) -> Theme:
    """Add a theme, or rename / describe one (staff). The address name follows the first name."""
    require_triager(actor)
    name = clean_text(name, field="name", max_length=100, required=_("Give the theme a name."))
    description = clean_text(description, field="description", max_length=1000, required=False)
    clash = Theme.objects.filter(name__iexact=name).exclude(pk=getattr(theme, "pk", None))
    if clash.exists():
        raise ValidationError({"name": _("There is already a theme with this name.")})
    if theme is None:
        slug = slugify(name)[:90] or "thema"
        if Theme.objects.filter(slug=slug).exists():
            slug = f"{slug}-{Theme.objects.count() + 1}"
        position = (Theme.objects.aggregate(last=Max("position"))["last"] or 0) + 1
        theme = Theme.objects.create(name=name, slug=slug, description=description, position=position)
        audit.record(actor=actor, action="theme.create", target=theme, changes={"name": name})
        return theme
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    changes = audit.diff(
        {"name": theme.name, "description": theme.description}, {"name": name, "description": description}
    )
    if not changes:
        return theme
    theme.name, theme.description = name, description
    theme.save(update_fields=["name", "description"])
    audit.record(actor=actor, action="theme.update", target=theme, changes=changes)
    return theme


def open_questions_relink(*, predecessor: Programme, successor: Programme, actor=None) -> int:
    """Link each open question (new or assigned) about the predecessor's blocks to the successor's blocks
    of the same codes as well (a part of a successor, registered with ``catalogue.succession``; it runs
    after the blocks). The question stays one question, with its asker, followers and links to the
    predecessor's blocks; it is now also found under the successor's blocks. Runs inside
    ``successor_start``, which checks permission and audits. Returns the number of questions.
    """
    blocks = dict(BuildingBlock.objects.filter(programme=successor).values_list("code", "pk"))
    through = Question.building_blocks.through
    links = through.objects.filter(
        question__status__in=OPEN_STATUSES, buildingblock__programme=predecessor
    ).values_list("question_id", "buildingblock__code")
    new = sorted({(question_id, blocks[code]) for question_id, code in links if code in blocks})
    through.objects.bulk_create(
        through(question_id=question_id, buildingblock_id=block_id) for question_id, block_id in new
    )
    return len({question_id for question_id, _block_id in new})
