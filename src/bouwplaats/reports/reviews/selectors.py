# SPDX-License-Identifier: EUPL-1.2
"""Reads of Gateway reviews for pages, the API and the programme report, in a fixed number of queries.

``latest_review(programme, as_of)`` is what a report shows of the reviews: the newest review on or
before a date, compared with the one before it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, TextChoices, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bouwplaats.catalogue.models import Programme, ResultAgreement

from ..review_models import RAG_ORDER, UNFINISHED, AgreementRating, GatewayReview, Rag, Recommendation


class Change(TextChoices):
    """How the status of a result agreement moved from the previous review to this one."""

    IMPROVED = "improved", _("improved")
    WORSE = "worse", _("worse")
    SAME = "same", _("unchanged")
    FIRST = "first", _("rated for the first time")
    DROPPED = "dropped", _("not rated this time")
    NONE = "none", _("not rated")


@dataclass(frozen=True)
class AgreementChange:
    """One result agreement in a review and in the review before it."""

    number: int
    title: str
    previous: AgreementRating | None
    current: AgreementRating | None
    in_catalogue: bool = True  # False: the agreement has left the catalogue since the review

    @property
    def change(self) -> Change:
        if self.current is None:
            return Change.DROPPED if self.previous is not None else Change.NONE
        if self.previous is None:
            return Change.FIRST
        step = RAG_ORDER[Rag(self.current.status)] - RAG_ORDER[Rag(self.previous.status)]
        return Change.IMPROVED if step > 0 else Change.WORSE if step < 0 else Change.SAME


@dataclass(frozen=True)
class ReviewPage:
    """A review with what changed since the review before it (``previous``; None for the first one)."""

    review: GatewayReview
    previous: GatewayReview | None
    later: GatewayReview | None  # the next review after this one, if any (always None "as of" a date)
    changes: list[AgreementChange]

    @property
    def ratings(self) -> list[AgreementRating]:
        return list(self.review.ratings.all())

    @property
    def recommendations(self) -> list[Recommendation]:
        return list(self.review.recommendations.all())

    @property
    def earlier_recommendations(self) -> list[Recommendation]:
        """The recommendations of the previous review, with their follow-up as it stands now."""
        return list(self.previous.recommendations.all()) if self.previous is not None else []

    @property
    def has_demo(self) -> bool:
        return self.review.is_demo or (self.previous is not None and self.previous.is_demo)

    def count(self, change: str) -> int:
        return sum(1 for row in self.changes if row.change == change)

    @property
    def improved(self) -> int:
        return self.count(Change.IMPROVED)

    @property
    def worse(self) -> int:
        return self.count(Change.WORSE)

    @property
    def same(self) -> int:
        return self.count(Change.SAME)


def _in_order(programme: Programme, until: datetime.date | None = None) -> list[GatewayReview]:
    """The reviews of ``programme``, oldest first (up to ``until``): a programme has only a few."""
    reviews = GatewayReview.objects.filter(programme=programme).select_related("programme")
    if until is not None:
        reviews = reviews.filter(review_date__lte=until)
    return list(reviews.order_by("review_date", "pk"))


def _changes(
    agreements: list[ResultAgreement], review: GatewayReview, previous: GatewayReview | None
) -> list[AgreementChange]:
    now = {rating.result_agreement_id: rating for rating in review.ratings.all()}
    before = {rating.result_agreement_id: rating for rating in previous.ratings.all()} if previous else {}
    rows = [
        AgreementChange(agreement.number, agreement.title, before.get(agreement.pk), now.get(agreement.pk))
        for agreement in agreements
    ]
    listed = {agreement.pk for agreement in agreements}
    rows += [
        AgreementChange(rating.agreement_number, rating.agreement_title, None, rating, in_catalogue=False)
        for rating in review.ratings.all()
        if rating.result_agreement_id not in listed
    ]
    return rows


def _page(reviews: list[GatewayReview], index: int) -> ReviewPage:
    review = reviews[index]
    previous = reviews[index - 1] if index > 0 else None
    later = reviews[index + 1] if index + 1 < len(reviews) else None
    prefetch_related_objects(
        [item for item in (review, previous) if item is not None],
        Prefetch("ratings", queryset=AgreementRating.objects.order_by("agreement_number", "pk")),
        Prefetch("recommendations", queryset=Recommendation.objects.order_by("number")),
    )
    agreements = list(
        ResultAgreement.objects.filter(programme_id=review.programme_id)
        .only("id", "number", "title", "programme_id")
        .order_by("number")
    )
    return ReviewPage(review=review, previous=previous, later=later, changes=_changes(agreements, review, previous))


def review_page(*, programme: Programme, pk: int) -> ReviewPage | None:
    """Review ``pk`` of ``programme`` with the review before it (None when the programme has no such review).

    Four queries: the programme's reviews, the ratings and recommendations of the two, the agreements.
    """
    reviews = _in_order(programme)
    index = next((i for i, review in enumerate(reviews) if review.pk == pk), None)
    return None if index is None else _page(reviews, index)


def latest_review(programme: Programme, as_of: datetime.date | None = None) -> ReviewPage | None:
    """The newest review of ``programme`` on or before ``as_of`` (today), compared with the one before it;
    None when there is none yet. For the report's "Gateway review" section.

    The follow-up of the recommendations is as it stands now, not as it stood on ``as_of``.
    """
    reviews = _in_order(programme, until=as_of or timezone.localdate())
    return _page(reviews, len(reviews) - 1) if reviews else None


def programme_reviews(programme: Programme) -> QuerySet[GatewayReview]:
    """The reviews of ``programme``, newest first, with their counts of statuses and recommendations."""
    return (
        GatewayReview.objects.filter(programme=programme)
        .annotate(
            red_count=Count("ratings", filter=Q(ratings__status=Rag.RED), distinct=True),
            amber_count=Count("ratings", filter=Q(ratings__status=Rag.AMBER), distinct=True),
            green_count=Count("ratings", filter=Q(ratings__status=Rag.GREEN), distinct=True),
            recommendation_count=Count("recommendations", distinct=True),
            unfinished_count=Count(
                "recommendations", filter=Q(recommendations__follow_up__in=UNFINISHED), distinct=True
            ),
        )
        .order_by("-review_date", "-pk")
    )


def programmes_with_reviews() -> QuerySet[Programme]:
    """Every programme with its number of reviews and the date, status and id of its newest one."""
    newest = GatewayReview.objects.filter(programme=OuterRef("pk")).order_by("-review_date", "-pk")
    return Programme.objects.annotate(
        review_count=Count("gateway_reviews"),
        latest_review_id=Subquery(newest.values("pk")[:1]),
        latest_review_date=Subquery(newest.values("review_date")[:1]),
        latest_review_status=Subquery(newest.values("overall_status")[:1]),
    ).order_by("-start_date", "name")


def reviews_for_api() -> QuerySet[GatewayReview]:
    """Reviews with their programme, ratings and recommendations (a fixed number of queries per page)."""
    return (
        GatewayReview.objects.select_related("programme")
        .prefetch_related(
            Prefetch("ratings", queryset=AgreementRating.objects.order_by("agreement_number", "pk")),
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("number")),
        )
        .order_by("programme", "-review_date", "-pk")
    )


def recommendations_for_api() -> QuerySet[Recommendation]:
    return Recommendation.objects.select_related("review", "review__programme").order_by(
        "review__programme", "-review__review_date", "number"
    )


def recommendation_of(review: GatewayReview, number: int) -> Recommendation | None:
    return Recommendation.objects.filter(review=review, number=number).select_related("review").first()


def agreements_to_rate(programme: Programme) -> list[ResultAgreement]:
    """The result agreements of ``programme`` that a review rates, by number."""
    return list(
        ResultAgreement.objects.filter(programme=programme)
        .only("id", "number", "title", "programme_id")
        .order_by("number")
    )
