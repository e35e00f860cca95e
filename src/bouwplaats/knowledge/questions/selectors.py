"""Reads for questions: the public FAQ with search and filters, suggestions, the staff queue."""

from __future__ import annotations

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


def _listed(queryset: QuerySet[Question]) -> QuerySet[Question]:
    """Only what a list of results shows: title, date, theme and the answer's excerpt (one query;
    the building blocks' names are added per page by ``faq_page``)."""
    return queryset.select_related("theme", "answer").only(
        "pk", "title", "published_at", "is_demo", "theme__name", "answer__excerpt"
    )


def faq(
    *,
    text: str = "",
    building_block: BuildingBlock | None = None,
    theme: Theme | None = None,
    listing: bool = False,
):
    """Published questions with their answers; searched (best first) or newest first.

    ``listing``: each question carries only what a page of results shows (``_listed``).
    """
    details = _listed if listing else _with_details
    queryset = Question.objects.filter(status=QuestionStatus.PUBLISHED)
    if building_block is not None:
        queryset = queryset.filter(building_blocks=building_block)
    if theme is not None:
        queryset = queryset.filter(theme=theme)
    if text.strip():
        # Without a filter the index (which holds exactly the published questions) ranks alone.
        unfiltered = building_block is None and theme is None
        return search.matching(details(queryset), text, ranked_in_index=unfiltered)  # count, slices
    return details(queryset.order_by("-published_at", "-pk"))


def faq_choices() -> dict[str, list[tuple[str, str]]]:
    """The FAQ's filter lists as (code, name): the current programme's building blocks, the themes."""
    return {
        "building_blocks": list(current_blocks().values_list("code", "name")),
        "themes": list(Theme.objects.values_list("slug", "name")),
    }


def faq_page(*, text: str = "", building_block=None, theme=None, number=None, page_size: int) -> Page:
    """One page of ``faq`` as a list shows it; each question carries ``block_names``.

    The names come from one query on the page's links instead of a prefetch, which would build a
    related manager and block per question: on a page of search results, that costs more than the search.
    """
    questions = faq(text=text, building_block=building_block, theme=theme, listing=True)
    page = Paginator(questions, page_size).get_page(number)
    page.object_list = list(page.object_list)
    names: dict[int, list[str]] = {question.pk: [] for question in page.object_list}
    links = Question.building_blocks.through.objects.filter(question_id__in=names).order_by("buildingblock__name")
    for question_id, name in links.values_list("question_id", "buildingblock__name"):
        names[question_id].append(name)
    for question in page.object_list:
        question.block_names = names[question.pk]
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


def triage_queue(*, status: str = "", assigned_to=None, theme: Theme | None = None) -> QuerySet[Question]:
    """The staff's work list: open questions first (oldest first), or one status."""
    queryset = Question.objects.select_related("theme", "asker", "municipality", "assigned_to")
    if status:
        queryset = queryset.filter(status=status)
    else:
        queryset = queryset.filter(status__in=[*OPEN_STATUSES, QuestionStatus.ANSWERED])
    if assigned_to is not None:
        queryset = queryset.filter(assigned_to=assigned_to)
    if theme is not None:
        queryset = queryset.filter(theme=theme)
    return queryset.order_by("created_at", "pk")


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("position", "name")


def themes_with_counts() -> QuerySet[Theme]:
    return themes().annotate(question_count=Count("questions"))
