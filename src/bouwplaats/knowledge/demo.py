# SPDX-License-Identifier: EUPL-1.2
"""Generated demo content for the knowledge centre (every row marked ``is_demo``).

Questions with answers spread over 2012–2014 and over municipalities and building blocks, guides
for a few blocks with ticks by some municipalities, three "Podium"-style articles (people are
described by their role, never named) and a few comments. The same seed gives the same data;
each part is created only when it is not there yet, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import BuildingBlock, StatusLevel
from bouwplaats.catalogue.selectors import current_programme
from bouwplaats.core import per_user
from bouwplaats.notifications.models import Notification, NotificationKind
from bouwplaats.notifications.selectors import UNREAD
from bouwplaats.organisations.models import Municipality

from . import search
from .demo_content import ARTICLES, COMMENTS, GUIDES, QUESTIONS
from .models import (
    Answer,
    Article,
    Comment,
    Guide,
    GuideStep,
    GuideVersion,
    Question,
    QuestionStatus,
    StepCompletion,
    Theme,
)

DIVISION_DATE = datetime.date(2014, 1, 1)
FIRST_DAY = datetime.datetime(2012, 1, 15, 9, tzinfo=datetime.UTC)
SPAN_DAYS = 1050  # up to late 2014
DEMO_EMAILS = (
    "coordinator.amsterdam@bouwplaats.example",
    "lid.utrecht@bouwplaats.example",
    "leverancier@bouwplaats.example",
    "programma@bouwplaats.example",
)


def _users() -> dict[str, object]:
    return {user.email: user for user in get_user_model().objects.filter(email__in=DEMO_EMAILS)}


def _questions(rng: random.Random, blocks: dict, themes: dict, municipalities: list, users: dict) -> int:
    if Question.objects.filter(is_demo=True).exists():
        return 0
    staff = users.get("programma@bouwplaats.example")
    coordinator = users.get("coordinator.amsterdam@bouwplaats.example")
    amsterdam = next((m for m in municipalities if m.code == "GM0363"), None)
    created = 0
    answered_for_coordinator = []
    for index, (title, body, answer, theme_slug, codes) in enumerate(QUESTIONS):
        for copy in range(2):
            asked = FIRST_DAY + datetime.timedelta(days=rng.randrange(SPAN_DAYS), hours=rng.randrange(8))
            asked = min(asked, timezone.now() - datetime.timedelta(days=3))
            municipality = rng.choice(municipalities)
            asker = None
            if index % 7 == 0 and copy == 0 and coordinator is not None:
                asker, municipality = coordinator, amsterdam or municipality
            roll = rng.random() if copy else 0.0  # the first copy is always a published FAQ entry
            question = Question(
                title=title if copy == 0 else f"{title} (vervolgvraag)",
                body=body,
                asker=asker,
                municipality=municipality,
                theme=themes.get(theme_slug),
                created_at=asked,
                is_demo=True,
            )
            days_to_answer = rng.randint(1, 40)
            answered = asked + datetime.timedelta(days=days_to_answer)
            if roll < 0.6:
                question.status = QuestionStatus.PUBLISHED
                question.assigned_to, question.assigned_at = staff, asked + datetime.timedelta(days=1)
                question.answered_at, question.published_at = answered, answered + datetime.timedelta(days=2)
            elif roll < 0.75:
                question.status = QuestionStatus.ANSWERED
                question.assigned_to, question.assigned_at = staff, asked + datetime.timedelta(days=1)
                question.answered_at = answered
            elif roll < 0.88:
                question.status = QuestionStatus.ASSIGNED
                question.assigned_to, question.assigned_at = staff, asked + datetime.timedelta(days=2)
            else:
                question.status = QuestionStatus.NEW
            question.save()
            question.building_blocks.set([blocks[code] for code in codes if code in blocks])
            if question.answered_at:
                Answer.objects.create(
                    question=question,
                    body=answer,
                    author=staff,
                    accepted=rng.random() < 0.3,
                    created_at=question.answered_at,
                    updated_at=question.answered_at,
                )
            created += 1
            if asker is not None and question.answered_at:
                answered_for_coordinator.append(question)
    search.index_questions(Question.objects.filter(is_demo=True, status=QuestionStatus.PUBLISHED))
    _notify_answers(coordinator, answered_for_coordinator)
    return created


def _notify_answers(recipient, questions: list) -> None:
    """What the demo coordinator was told when the questions were answered (written directly, like
    the rest of the demo content, and marked as e-mailed so that nothing is sent now)."""
    if recipient is None or not questions:
        return
    questions = sorted(questions, key=lambda question: question.answered_at)
    question_type = ContentType.objects.get_for_model(Question)
    with translation.override(recipient.preferred_language):
        subject = gettext("Your question has an answer")
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=recipient,
            kind=NotificationKind.ANSWER,
            subject=subject,
            body=f"{question.title} ({gettext('demo data')})",
            url=question.get_absolute_url(),
            target_type=question_type,
            target_id=str(question.pk),
            emailed_at=now,
        )
        for question in questions
    )
    # The notifications keep the dates of the answers; the newest stays unread.
    for notification, question in zip(notifications, questions, strict=True):
        Notification.objects.filter(pk=notification.pk).update(
            created_at=question.answered_at, read_at=None if question is questions[-1] else question.answered_at
        )
    per_user.forget(UNREAD, [recipient.pk])


def _guides(rng: random.Random, blocks: dict, levels: dict, municipalities: list, users: dict) -> int:
    created = 0
    staff = users.get("programma@bouwplaats.example")
    for code, introduction, steps in GUIDES:
        block = blocks.get(code)
        if block is None or Guide.objects.filter(building_block=block).exists():
            continue
        guide = Guide.objects.create(building_block=block)
        version = GuideVersion.objects.create(
            guide=guide,
            number=1,
            introduction=introduction,
            change_note="Eerste versie",
            published_at=datetime.datetime(2012, 3, 1, 9, tzinfo=datetime.UTC),
            published_by=staff,
            is_demo=True,
        )
        made = GuideStep.objects.bulk_create(
            GuideStep(version=version, position=position, title=title, description=description, level=levels[level])
            for position, (level, title, description) in enumerate(steps)
            if level in levels
        )
        ticking = rng.sample(municipalities, k=min(25, len(municipalities)))
        amsterdam = next((m for m in municipalities if m.code == "GM0363"), None)
        if amsterdam and amsterdam not in ticking:
            ticking.append(amsterdam)
        StepCompletion.objects.bulk_create(
            StepCompletion(
                step=step,
                municipality=municipality,
                completed_at=datetime.datetime(2013, 1, 1, tzinfo=datetime.UTC)
                + datetime.timedelta(days=rng.randrange(600)),
                is_demo=True,
            )
            for municipality in ticking
            for step in made[: rng.randint(0, len(made))]
        )
        created += 1
    return created


def _articles(blocks: dict) -> int:
    created = 0
    for slug, title, lead, body, author_name, date, codes in ARTICLES:
        if Article.objects.filter(slug=slug).exists():
            continue
        article = Article.objects.create(
            slug=slug,
            title=title,
            lead=lead.strip(),
            body=body.strip(),
            author_name=author_name,
            publication_date=date,
            is_published=True,
            is_demo=True,
        )
        article.building_blocks.set([blocks[code] for code in codes if code in blocks])
        created += 1
    return created


def _comments(users: dict) -> int:
    if Comment.objects.filter(is_demo=True).exists():
        return 0
    created = 0
    for slug, thread in COMMENTS:
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            continue
        parent = None
        for offset, (email, body, is_reply) in enumerate(thread):
            author = users.get(email)
            if author is None:
                continue
            comment = Comment.objects.create(
                subject=article,
                author=author,
                body=body,
                parent=parent if is_reply else None,
                created_at=datetime.datetime.combine(article.publication_date, datetime.time(10), tzinfo=datetime.UTC)
                + datetime.timedelta(days=1 + offset),
                is_demo=True,
            )
            if not is_reply:
                parent = comment
            created += 1
    return created


@transaction.atomic
def load(*, seed: int = 2013) -> dict[str, int]:
    """Create what is missing of the demo content; returns how many of each were made."""
    rng = random.Random(seed)
    programme = current_programme()
    blocks = {b.code: b for b in BuildingBlock.objects.filter(programme=programme)} if programme else {}
    levels = {level.code: level for level in StatusLevel.objects.filter(programme=programme)} if programme else {}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    municipalities = list(Municipality.objects.on(DIVISION_DATE).order_by("code"))
    users = _users()
    counts = {
        "questions": _questions(rng, blocks, themes, municipalities, users) if municipalities else 0,
        "guides": _guides(rng, blocks, levels, municipalities, users) if municipalities else 0,
        "articles": _articles(blocks),
        "comments": _comments(users),
    }
    if any(counts.values()):
        audit.record(actor=None, action="knowledge.demo_load", object_type="knowledge.demo", changes=counts)
    return counts
