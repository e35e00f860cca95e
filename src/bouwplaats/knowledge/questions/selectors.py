# SPDX-License-Identifier: EUPL-1.2
"""Reads for questions: the public FAQ with search and filters, suggestions, the staff queue."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from bouwplaats.accounts.permissions import is_authenticated, is_programme_staff
from bouwplaats.audit.selectors import data_version_of
from bouwplaats.catalogue.models import BuildingBlock

from .. import search
from ..models import Question, QuestionStatus, Theme
from ..models.questions import OPEN_STATUSES
from ..selectors import current_blocks

SUGGESTION_COUNT = 5
# What the FAQ, its search and the suggestions show: questions (with their answers, audited on the
# question), themes, building blocks and the current programme; and the demo data loaded at once.
FAQ_SOURCES = (
    "knowledge.question",
    "knowledge.theme",
    "knowledge.demo",
    "catalogue.buildingblock",
    "catalogue.programme",
)


def faq_version(request) -> int:
    """The data version of the FAQ's cached parts (ADR 13): writes about anything else leave them be."""
    return data_version_of(request, FAQ_SOURCES)


def _with_details(queryset: QuerySet[Question]) -> QuerySet[Question]:
    blocks = BuildingBlock.objects.order_by("name").only("pk", "code", "name")
    return queryset.select_related("theme", "answer").prefetch_related(Prefetch("building_blocks", queryset=blocks))


def visible_questions(user) -> QuerySet[Question]:
    """Published questions for everyone; the asker's own too; staff see all."""
    if is_programme_staff(user):
        return Question.objects.all()
    if is_authenticated(user):
        return Question.objects.filter(Q(status=QuestionStatus.PUBLISHED) | Q(asker=user))
    return Question.objects.filter(status=QuestionStatus.PUBLISHED)


def question_for(user, pk: int) -> Question | None:
    return (
        _with_details(visible_questions(user))
        .select_related("asker", "municipality", "assigned_to", "duplicate_of", "answer__author")
        .filter(pk=pk)
        .first()
    )


@dataclass
class ListedQuestion:
    """What a list of results shows of a question."""

    pk: int
    title: str
    published_at: datetime.datetime | None
    is_demo: bool
    theme: str
    excerpt: str
    block_names: list[str] = field(default_factory=list)


def faq(*, text: str = "", building_block: BuildingBlock | None = None, theme: Theme | None = None):
    """Published questions with their answers; searched (best first) or newest first."""
    return _faq(text, building_block, theme, ids_only=False)


def _faq(text: str, building_block, theme, *, ids_only: bool):
    queryset = Question.objects.filter(status=QuestionStatus.PUBLISHED)
    if building_block is not None:
        queryset = queryset.filter(building_blocks=building_block)
    if theme is not None:
        queryset = queryset.filter(theme=theme)
    if text.strip():
        # Without a filter the index (which holds exactly the published questions) ranks alone.
        unfiltered = building_block is None and theme is None
        details = queryset if ids_only else _with_details(queryset)
        return search.matching(details, text, ranked_in_index=unfiltered, ids_only=ids_only)  # count, slices
    newest = queryset.order_by("-published_at", "-pk")
    return newest.values_list("pk", flat=True) if ids_only else _with_details(newest)


def faq_choices() -> dict[str, list[tuple[str, str]]]:
    """The FAQ's filter lists as (code, name): the current programme's building blocks, the themes."""
    return {
        "building_blocks": list(current_blocks().values_list("code", "name")),
        "themes": list(Theme.objects.values_list("slug", "name")),
    }


def faq_page(*, text: str = "", building_block=None, theme=None, number=None, page_size: int) -> Page:
    """One page of ``faq`` as a list shows it: ``ListedQuestion`` rows.

    The page's ids come first (from the index when the search has no filter), then one query reads
    what the rows show, the building blocks' names included: building model instances, a prefetch
    and a query per kind of detail would cost more than the search itself.
    """
    page = Paginator(_faq(text, building_block, theme, ids_only=True), page_size).get_page(number)
    ids = list(page.object_list)
    found: dict[int, ListedQuestion] = {}
    shown = ("pk", "title", "published_at", "is_demo", "theme__name", "answer__excerpt", "building_blocks__name")
    rows = Question.objects.filter(pk__in=ids, status=QuestionStatus.PUBLISHED).values_list(*shown)
    for pk, title, published_at, is_demo, theme_name, excerpt, block_name in rows:
        question = found.get(pk)
        if question is None:
            question = found[pk] = ListedQuestion(pk, title, published_at, is_demo, theme_name or "", excerpt or "")
        if block_name:
            question.block_names.append(block_name)
    for question in found.values():
        question.block_names.sort()
    # A question that left the published state without leaving the index is left out.
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


def similar_questions(text: str, *, limit: int = SUGGESTION_COUNT) -> list[Question]:
    """Published questions that share words with ``text`` (any of them), best first."""
    ids = search.best_ids(text, limit=limit, any_word=True)
    found = Question.objects.filter(pk__in=ids, status=QuestionStatus.PUBLISHED).only("pk", "title", "published_at")
    by_id = {question.pk: question for question in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def my_questions(user) -> QuerySet[Question]:
    if not is_authenticated(user):
        return Question.objects.none()
    return Question.objects.filter(asker=user).select_related("theme").order_by("-created_at", "-pk")


def open_questions_of(user) -> QuerySet[Question]:
    """The user's own questions that still wait for an answer (new or assigned), newest first."""
    return my_questions(user).filter(status__in=OPEN_STATUSES)


def triage_queue(*, status: str = "", assigned_to=None) -> QuerySet[Question]:
    """The staff's work list: open questions first (oldest first), or one status."""
    queryset = Question.objects.select_related("theme", "asker", "municipality", "assigned_to")
    if status:
        queryset = queryset.filter(status=status)
    else:
        queryset = queryset.filter(status__in=[*OPEN_STATUSES, QuestionStatus.ANSWERED])
    if assigned_to is not None:
        queryset = queryset.filter(assigned_to=assigned_to)
    return queryset.order_by("created_at", "pk")


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("position", "name")


def themes_with_counts() -> QuerySet[Theme]:
    return themes().annotate(question_count=Count("questions"))
