# SPDX-License-Identifier: EUPL-1.2
"""Writes of Gateway reviews: the review itself, its status per result agreement, its recommendations.

Every function is keyword-only, checks once that the actor is programme staff, validates all input
(messages keyed by field, raised together; nothing is written then), writes in one transaction and
appends one audit entry. An update that changes nothing writes nothing and records nothing.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bouwplaats.audit import services as audit
from bouwplaats.catalogue.models import Programme, ResultAgreement
from bouwplaats.core.errors import Errors, clean_text
from bouwplaats.core.services import model_update, snapshot, validate

from ..review_models import (
    NOTE_MAX_LENGTH,
    OWNER_MAX_LENGTH,
    REASON_MAX_LENGTH,
    RECOMMENDATION_MAX_LENGTH,
    REVIEWERS_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AgreementRating,
    FollowUp,
    GatewayReview,
    Rag,
    Recommendation,
)
from .permissions import require_review_editor

REVIEW_FIELDS = ("title", "review_date", "reviewers", "overall_status", "overall_reason", "summary")
RECOMMENDATION_FIELDS = ("text", "owner", "due_date", "follow_up", "follow_up_note")


def rating_field(agreement: ResultAgreement, name: str) -> str:
    """The key of a rating's ``name`` ("status" or "reason") in messages and forms: ``agreement-3-status``."""
    return f"agreement-{agreement.number}-{name}"


def _stripped(values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: value.strip() if isinstance(value, str) else value for name, value in values.items()}


def _long_date(day) -> str:
    return date_format(day, "j F Y")


def _check_text(row, errors: Errors, field: str, *, max_length: int, missing: str | None = None) -> None:
    """Our message instead of the model's when the text of ``field`` is missing (and ``missing`` says so)
    or too long."""
    found = Errors()
    clean_text(getattr(row, field), field=field, max_length=max_length, required=missing or False, errors=found)
    for message in found.messages.get(field, ()):
        errors.replace(field, message)


def _check_choice(row, errors: Errors, field: str, choices, message: str) -> None:
    if getattr(row, field) not in choices:
        errors.replace(field, message)


# --- reviews -----------------------------------------------------------------------------------


def _check_review(review: GatewayReview, errors: Errors) -> None:
    _check_text(
        review,
        errors,
        "title",
        max_length=TITLE_MAX_LENGTH,
        missing=_("Give the review a title, e.g. “Midterm review”."),
    )
    _check_text(
        review,
        errors,
        "reviewers",
        max_length=REVIEWERS_MAX_LENGTH,
        missing=_("Give the names and organisations of the reviewers."),
    )
    _check_choice(review, errors, "overall_status", Rag.values, _("Choose red, amber or green."))
    _check_text(
        review,
        errors,
        "overall_reason",
        max_length=REASON_MAX_LENGTH,
        missing=_("Say why the programme as a whole gets this status."),
    )
    _check_text(review, errors, "summary", max_length=SUMMARY_MAX_LENGTH)
    day = review.review_date
    if day is None:
        errors.replace("review_date", _("Enter the date of the review."))
        return
    if "review_date" in errors:  # not a date: the model has said so
        return
    programme = review.programme
    if day > timezone.localdate():
        errors.add("review_date", _("Enter the date on which the review took place: it cannot be in the future."))
    elif day < programme.start_date:
        errors.add(
            "review_date",
            _("The review cannot be before the start of %(programme)s (%(date)s).")
            % {"programme": programme.name, "date": _long_date(programme.start_date)},
        )
    clash = GatewayReview.objects.filter(programme_id=review.programme_id, review_date=day).exclude(pk=review.pk)
    if clash.exists():
        errors.add(
            "review_date",
            _("%(programme)s already has a Gateway review on %(date)s.")
            % {"programme": programme.name, "date": _long_date(day)},
        )


@transaction.atomic
def gateway_review_create(
    *,
    actor,
    programme: Programme,
    title: str,
    review_date,
    reviewers: str,
    overall_status: str,
    overall_reason: str,
    summary: str = "",
) -> GatewayReview:
    """Enter a Gateway review of ``programme``: its date, reviewers and overall status with the reason.

    The status per result agreement follows with ``agreement_ratings_update``, the recommendations
    with ``recommendation_create``.
    """
    require_review_editor(actor)
    # One review per programme and date: reviews of one programme are entered one at a time.
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    values = _stripped(
        {
            "title": title,
            "review_date": review_date,
            "reviewers": reviewers,
            "overall_status": overall_status,
            "overall_reason": overall_reason,
            "summary": summary,
        }
    )
    review = GatewayReview(programme=programme, **values)
    validate(review, _check_review)
    review.save()
    audit.record(
        actor=actor,
        action="reports.gateway_review.create",
        target=review,
        changes=audit.diff({}, {"programme": programme.slug, **snapshot(review, REVIEW_FIELDS)}),
    )
    return review


def gateway_review_update(*, actor, review: GatewayReview, **fields: Any) -> GatewayReview:
    """Change a review's title, date, reviewers, overall status and reason, or summary."""
    require_review_editor(actor)
    return model_update(
        review,
        _stripped(fields),
        fields=REVIEW_FIELDS,
        actor=actor,
        action="reports.gateway_review.update",
        clean=_check_review,
    )


# --- the status per result agreement -------------------------------------------------------------


def _rating_label(number: int, title: str) -> str:
    return f"{number}. {title}"


@transaction.atomic
def agreement_ratings_update(
    *, actor, review: GatewayReview, ratings: Mapping[ResultAgreement, tuple[str, str]]
) -> GatewayReview:
    """Set the status of the programme's result agreements in ``review``.

    ``ratings`` maps a result agreement of the programme to its (status, reason); an agreement that
    is left out, or given an empty status and reason, is not rated in this review. A status needs a
    reason. Ratings of agreements that have since left the catalogue are kept as they are.
    """
    require_review_editor(actor)
    review = GatewayReview.objects.select_for_update().select_related("programme").get(pk=review.pk)
    errors = Errors()
    wanted: dict[int, tuple[ResultAgreement, str, str]] = {}
    for agreement, (status, reason) in ratings.items():
        if agreement.programme_id != review.programme_id:
            errors.add(
                "ratings",
                _("Result agreement %(number)s is not one of %(programme)s.")
                % {"number": agreement.number, "programme": review.programme.name},
            )
            continue
        status, reason = (status or "").strip(), (reason or "").strip()
        status_field, reason_field = rating_field(agreement, "status"), rating_field(agreement, "reason")
        if status and status not in Rag.values:
            errors.add(status_field, _("Choose red, amber or green."))
        elif reason and not status:
            errors.add(status_field, _("Choose red, amber or green, or leave the reason empty."))
        elif status and not reason:
            errors.add(reason_field, _("Give the reason for this status."))
        clean_text(reason, field=reason_field, max_length=REASON_MAX_LENGTH, required=False, errors=errors)
        if status:
            wanted[agreement.pk] = (agreement, status, reason)
    errors.raise_if_any()

    current = {rating.result_agreement_id: rating for rating in review.ratings.exclude(result_agreement=None)}
    before = {
        _rating_label(rating.agreement_number, rating.agreement_title): [rating.status, rating.reason]
        for rating in current.values()
    }
    after = dict.fromkeys(before)
    after |= {
        _rating_label(agreement.number, agreement.title): [status, reason]
        for agreement, status, reason in wanted.values()
    }
    changes = audit.diff(before, after)
    if not changes:
        return review
    AgreementRating.objects.filter(pk__in=[r.pk for pk, r in current.items() if pk not in wanted]).delete()
    for pk, (agreement, status, reason) in wanted.items():
        rating = current.get(pk) or AgreementRating(review=review, result_agreement=agreement)
        if rating.pk and (rating.status, rating.reason, rating.agreement_number, rating.agreement_title) == (
            status,
            reason,
            agreement.number,
            agreement.title,
        ):
            continue
        rating.status, rating.reason = status, reason
        rating.agreement_number, rating.agreement_title = agreement.number, agreement.title
        rating.save()
    audit.record(actor=actor, action="reports.gateway_review.ratings_update", target=review, changes=changes)
    return review


# --- recommendations -------------------------------------------------------------------------------


def _check_recommendation(recommendation: Recommendation, errors: Errors) -> None:
    _check_text(
        recommendation, errors, "text", max_length=RECOMMENDATION_MAX_LENGTH, missing=_("Write the recommendation.")
    )
    _check_text(
        recommendation, errors, "owner", max_length=OWNER_MAX_LENGTH, missing=_("Say who acts on the recommendation.")
    )
    _check_choice(
        recommendation,
        errors,
        "follow_up",
        FollowUp.values,
        _("Choose the follow-up: open, in progress, done or dropped."),
    )
    _check_text(recommendation, errors, "follow_up_note", max_length=NOTE_MAX_LENGTH)
    if recommendation.follow_up == FollowUp.DROPPED and not recommendation.follow_up_note:
        errors.add("follow_up_note", _("Say why the recommendation was dropped."))
    if recommendation.due_date is None:
        errors.replace("due_date", _("Enter the date by which the recommendation is due."))
    elif "due_date" not in errors and recommendation.due_date < recommendation.review.review_date:
        errors.add(
            "due_date",
            _("The due date cannot be before the review (%(date)s).")
            % {"date": _long_date(recommendation.review.review_date)},
        )


@transaction.atomic
def recommendation_create(
    *,
    actor,
    review: GatewayReview,
    text: str,
    owner: str,
    due_date,
    follow_up: str = FollowUp.OPEN,
    follow_up_note: str = "",
) -> Recommendation:
    """Add a recommendation to ``review``, numbered after the ones it has."""
    require_review_editor(actor)
    review = GatewayReview.objects.select_for_update().get(pk=review.pk)
    values = _stripped(
        {"text": text, "owner": owner, "due_date": due_date, "follow_up": follow_up, "follow_up_note": follow_up_note}
    )
    number = (review.recommendations.aggregate(last=Max("number"))["last"] or 0) + 1
    recommendation = Recommendation(review=review, number=number, **values)
    validate(recommendation, _check_recommendation)
    recommendation.save()
    audit.record(
        actor=actor,
        action="reports.recommendation.create",
        target=recommendation,
        changes=audit.diff(
            {}, {"review": str(review), "number": number, **snapshot(recommendation, RECOMMENDATION_FIELDS)}
        ),
    )
    return recommendation


def recommendation_update(*, actor, recommendation: Recommendation, **fields: Any) -> Recommendation:
    """Change a recommendation, or record its follow-up (with a note; a dropped one says why)."""
    require_review_editor(actor)
    return model_update(
        recommendation,
        _stripped(fields),
        fields=RECOMMENDATION_FIELDS,
        actor=actor,
        action="reports.recommendation.update",
        clean=_check_recommendation,
    )
