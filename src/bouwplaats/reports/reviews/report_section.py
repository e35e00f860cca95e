# SPDX-License-Identifier: EUPL-1.2
"""The "Gateway review" section of the Gateway review report (the slot ``sections.GATEWAY_REVIEWS``).

It shows the newest review on or before the report's date compared with the one before it
(``ReportScope.review``, read with ``selectors.latest_review``): the overall status of both, the
status of each result agreement in both with how it changed, and the recommendations of both with
their follow-up as it stands now. The tables hold these figures for the XLSX and the API; the page
and the PDF show the same review through the reviews' own ``_review_body.html`` (``detail``). With no
review yet, the section has no tables and its page says so.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from bouwplaats.core.tabular import DATE, INTEGER, TEXT, Column, Sheet

from ..review_models import FollowUp, Rag
from ..sections import GATEWAY_REVIEW, GATEWAY_REVIEWS, GATEWAY_REVIEWS_POSITION, Section
from .selectors import Change, ReviewPage

# Writes about these change what the section shows.
OBJECT_TYPES = ("reports.gatewayreview", "reports.recommendation", "reports.demo")


def _rag(status: str | None) -> str:
    return str(Rag(status).label) if status in Rag.values else _("not rated")


def _recommendations(title: str, recommendations) -> Sheet:
    return Sheet(
        title,
        [
            Column(_("No."), INTEGER),
            Column(_("Recommendation"), TEXT),
            Column(_("Owner"), TEXT),
            Column(_("Due date"), DATE),
            Column(_("Follow-up"), TEXT),
            Column(_("Note on the follow-up"), TEXT),
        ],
        [
            [
                recommendation.number,
                recommendation.text,
                recommendation.owner,
                recommendation.due_date,
                str(FollowUp(recommendation.follow_up).label),
                recommendation.follow_up_note,
            ]
            for recommendation in recommendations
        ],
    )


def review_figures(scope) -> list[Sheet]:
    """The review's tables; none when the programme had no review by the report's date."""
    page: ReviewPage | None = scope.review
    if page is None:
        return []
    reviews = [(_("This review"), page.review)]
    if page.previous is not None:
        reviews.append((_("Previous review"), page.previous))
    overall = Sheet(
        _("Overall status in this review and the previous one"),
        [
            Column(_("Review"), TEXT),
            Column(_("Title"), TEXT),
            Column(_("Date of the review"), DATE),
            Column(_("Overall status"), TEXT),
            Column(_("Reason"), TEXT),
        ],
        [
            [which, review.title, review.review_date, _rag(review.overall_status), review.overall_reason]
            for which, review in reviews
        ],
    )
    agreements = Sheet(
        _("Status per result agreement in the previous review and in this one"),
        [
            Column(_("Result agreement"), TEXT),
            Column(_("Previous review"), TEXT),
            Column(_("This review"), TEXT),
            Column(pgettext("how a status moved between two reviews", "Change"), TEXT),
            Column(_("Reason"), TEXT),
        ],
        [
            [
                f"{row.number}. {row.title}",
                _rag(row.previous.status if row.previous else None),
                _rag(row.current.status if row.current else None),
                str(Change(row.change).label),
                row.current.reason if row.current else "",
            ]
            for row in page.changes
        ],
    )
    tables = [overall, agreements, _recommendations(_("Recommendations of this review"), page.recommendations)]
    if page.previous is not None:
        tables.append(_recommendations(_("Recommendations of the previous review"), page.earlier_recommendations))
    return tables


def review_detail(scope) -> ReviewPage | None:
    """The review for the page and the PDF (``reports/reviews/_review_body.html``)."""
    return scope.review


SECTION = Section(
    GATEWAY_REVIEWS,
    gettext_lazy("Gateway review"),
    review_figures,
    GATEWAY_REVIEWS_POSITION,
    frozenset({GATEWAY_REVIEW}),
    template="reports/sections/gateway_review.html",
    object_types=OBJECT_TYPES,
    detail=review_detail,
)
