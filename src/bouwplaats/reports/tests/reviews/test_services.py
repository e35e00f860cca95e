# SPDX-License-Identifier: EUPL-1.2
"""Writes of Gateway reviews: only programme staff, every message at once, nothing half-written,
one audit entry per write and none when nothing changed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue import services as catalogue_services
from bouwplaats.catalogue.tests.factories import ProgrammeFactory, ResultAgreementFactory
from bouwplaats.reports.models import AgreementRating, GatewayReview, Recommendation
from bouwplaats.reports.reviews import services

from .conftest import FIRST_DAY, enter_review, review_values

pytestmark = pytest.mark.django_db


def _entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def _messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


# --- reviews -------------------------------------------------------------------------------------


def test_staff_enter_a_review_with_one_audit_entry(staff, programme):
    review = services.gateway_review_create(
        actor=staff, programme=programme, **review_values(title="  Tussentijdse review  ", summary=" Kort. ")
    )
    review.refresh_from_db()
    assert (review.title, review.summary, review.overall_status) == ("Tussentijdse review", "Kort.", "amber")
    [entry] = _entries("reports.gateway_review.create")
    assert entry.actor == staff
    assert entry.object_id == str(review.pk)
    assert entry.changes["programme"] == [None, programme.slug]
    assert entry.changes["review_date"] == [None, FIRST_DAY.isoformat()]


def test_only_programme_staff_enter_a_review(outsiders, programme):
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            services.gateway_review_create(actor=user, programme=programme, **review_values())
    assert not GatewayReview.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="reports.").exists()


def test_every_missing_value_is_named_at_once_and_nothing_is_written(staff, programme):
    with pytest.raises(ValidationError) as raised:
        services.gateway_review_create(
            actor=staff,
            programme=programme,
            title=" ",
            review_date=None,
            reviewers="",
            overall_status="purple",
            overall_reason="",
        )
    assert _messages(raised.value) == {
        "title": ["Give the review a title, e.g. “Midterm review”."],
        "reviewers": ["Give the names and organisations of the reviewers."],
        "overall_status": ["Choose red, amber or green."],
        "overall_reason": ["Say why the programme as a whole gets this status."],
        "review_date": ["Enter the date of the review."],
    }
    assert not GatewayReview.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="reports.").exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (datetime.date(2099, 1, 1), "Enter the date on which the review took place: it cannot be in the future."),
        (datetime.date(2019, 12, 31), "The review cannot be before the start of {name} (1 January 2020)."),
    ],
)
def test_the_date_lies_between_the_start_of_the_programme_and_today(staff, programme, day, message):
    with pytest.raises(ValidationError) as raised:
        services.gateway_review_create(actor=staff, programme=programme, **review_values(review_date=day))
    assert _messages(raised.value) == {"review_date": [message.format(name=programme.name)]}


def test_one_review_per_programme_and_date(staff, programme, first_review):
    with pytest.raises(ValidationError) as raised:
        services.gateway_review_create(actor=staff, programme=programme, **review_values(title="Nog een"))
    assert _messages(raised.value) == {
        "review_date": [f"{programme.name} already has a Gateway review on 15 March 2021."]
    }
    # Another programme may have a review on that day.
    services.gateway_review_create(actor=staff, programme=ProgrammeFactory(), **review_values())


def test_texts_are_limited_in_length(staff, programme):
    with pytest.raises(ValidationError) as raised:
        services.gateway_review_create(
            actor=staff, programme=programme, **review_values(title="t" * 201, overall_reason="r" * 2001)
        )
    assert _messages(raised.value) == {
        "title": ["Keep it to at most 200 characters (it has 201)."],
        "overall_reason": ["Keep it to at most 2000 characters (it has 2001)."],
    }


def test_an_update_records_what_changed_and_an_unchanged_one_nothing(staff, first_review):
    services.gateway_review_update(actor=staff, review=first_review, **review_values(overall_status="green"))
    [entry] = _entries("reports.gateway_review.update")
    assert entry.changes == {"overall_status": ["amber", "green"]}
    first_review.refresh_from_db()
    assert first_review.overall_status == "green"

    services.gateway_review_update(actor=staff, review=first_review, **review_values(overall_status="green"))
    assert len(_entries("reports.gateway_review.update")) == 1


def test_an_invalid_update_writes_nothing(staff, first_review):
    with pytest.raises(ValidationError):
        services.gateway_review_update(actor=staff, review=first_review, title="", overall_status="green")
    first_review.refresh_from_db()
    assert (first_review.title, first_review.overall_status) == ("Tussentijdse review", "amber")
    assert not _entries("reports.gateway_review.update")


def test_only_programme_staff_change_a_review(outsiders, first_review):
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            services.gateway_review_update(actor=user, review=first_review, title="Anders")
    first_review.refresh_from_db()
    assert first_review.title == "Tussentijdse review"


# --- the status per result agreement ---------------------------------------------------------------


def test_statuses_are_set_with_their_reasons_and_audited_once(staff, agreements, first_review):
    ratings = {rating.agreement_number: rating for rating in first_review.ratings.all()}
    assert {number: (r.status, r.reason) for number, r in ratings.items()} == {
        1: ("red", "Reden 1"),
        2: ("amber", "Reden 2"),
        3: ("green", "Reden 3"),
    }
    assert ratings[2].agreement_title == "Gebruiken"
    [entry] = _entries("reports.gateway_review.ratings_update")
    assert entry.changes["1. Aansluiten"] == [None, ["red", "Reden 1"]]


def test_statuses_unchanged_write_nothing_and_a_change_only_what_changed(staff, agreements, first_review):
    same = {
        agreement: (rating.status, rating.reason)
        for agreement, rating in zip(agreements, first_review.ratings.all(), strict=True)
    }
    services.agreement_ratings_update(actor=staff, review=first_review, ratings=same)
    assert len(_entries("reports.gateway_review.ratings_update")) == 1

    changed = {**same, agreements[0]: ("amber", "Beter"), agreements[2]: ("", "")}
    services.agreement_ratings_update(actor=staff, review=first_review, ratings=changed)
    entry = _entries("reports.gateway_review.ratings_update")[-1]
    assert entry.changes == {
        "1. Aansluiten": [["red", "Reden 1"], ["amber", "Beter"]],
        "3. Terugmelden": [["green", "Reden 3"], None],
    }
    assert sorted(first_review.ratings.values_list("agreement_number", "status")) == [(1, "amber"), (2, "amber")]


def test_a_status_needs_a_reason_and_a_reason_a_status(staff, agreements, first_review):
    with pytest.raises(ValidationError) as raised:
        services.agreement_ratings_update(
            actor=staff,
            review=first_review,
            ratings={agreements[0]: ("green", " "), agreements[1]: ("", "Waarom?"), agreements[2]: ("blue", "x")},
        )
    assert _messages(raised.value) == {
        "agreement-1-reason": ["Give the reason for this status."],
        "agreement-2-status": ["Choose red, amber or green, or leave the reason empty."],
        "agreement-3-status": ["Choose red, amber or green."],
    }
    assert sorted(first_review.ratings.values_list("status", flat=True)) == ["amber", "green", "red"]
    assert len(_entries("reports.gateway_review.ratings_update")) == 1


def test_only_the_programmes_own_agreements_are_rated(staff, agreements, first_review):
    stranger = ResultAgreementFactory(number=7)
    with pytest.raises(ValidationError) as raised:
        services.agreement_ratings_update(actor=staff, review=first_review, ratings={stranger: ("red", "Nee")})
    assert _messages(raised.value) == {"ratings": [f"Result agreement 7 is not one of {first_review.programme.name}."]}
    assert not AgreementRating.objects.filter(result_agreement=stranger).exists()


def test_only_programme_staff_set_statuses(outsiders, agreements, first_review):
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            services.agreement_ratings_update(actor=user, review=first_review, ratings={agreements[0]: ("green", "Ja")})
    assert first_review.ratings.get(agreement_number=1).status == "red"


def test_a_status_stays_readable_when_its_agreement_leaves_the_catalogue(staff, agreements, first_review):
    catalogue_services.result_agreement_delete(actor=staff, agreement=agreements[0])
    rating = first_review.ratings.get(agreement_number=1)
    assert (rating.result_agreement, rating.agreement_title, rating.status) == (None, "Aansluiten", "red")
    # Setting the statuses again leaves it alone.
    services.agreement_ratings_update(
        actor=staff, review=first_review, ratings={agreements[1]: ("green", "Beter"), agreements[2]: ("", "")}
    )
    assert sorted(first_review.ratings.values_list("agreement_number", "status")) == [(1, "red"), (2, "green")]


# --- recommendations ---------------------------------------------------------------------------


def test_recommendations_are_numbered_in_order_and_start_open(staff, first_review):
    third = services.recommendation_create(
        actor=staff, review=first_review, text=" Nog een. ", owner=" KING ", due_date=datetime.date(2021, 6, 1)
    )
    assert (third.number, third.text, third.owner, third.follow_up) == (3, "Nog een.", "KING", "open")
    assert len(_entries("reports.recommendation.create")) == 3


def test_a_recommendation_needs_a_text_an_owner_and_a_due_date_not_before_the_review(staff, first_review):
    with pytest.raises(ValidationError) as raised:
        services.recommendation_create(actor=staff, review=first_review, text="", owner=" ", due_date=None)
    assert _messages(raised.value) == {
        "text": ["Write the recommendation."],
        "owner": ["Say who acts on the recommendation."],
        "due_date": ["Enter the date by which the recommendation is due."],
    }
    with pytest.raises(ValidationError) as raised:
        services.recommendation_create(
            actor=staff, review=first_review, text="Iets", owner="KING", due_date=datetime.date(2021, 3, 14)
        )
    assert _messages(raised.value) == {"due_date": ["The due date cannot be before the review (15 March 2021)."]}
    assert first_review.recommendations.count() == 2


def test_the_follow_up_is_recorded_and_a_dropped_recommendation_says_why(staff, first_review):
    recommendation = first_review.recommendations.get(number=1)
    values = {"text": recommendation.text, "owner": recommendation.owner, "due_date": recommendation.due_date}
    with pytest.raises(ValidationError) as raised:
        services.recommendation_update(
            actor=staff, recommendation=recommendation, **values, follow_up="dropped", follow_up_note=""
        )
    assert _messages(raised.value) == {"follow_up_note": ["Say why the recommendation was dropped."]}

    services.recommendation_update(
        actor=staff, recommendation=recommendation, **values, follow_up="dropped", follow_up_note="Niet meer nodig."
    )
    [entry] = _entries("reports.recommendation.update")
    assert entry.changes == {"follow_up": ["open", "dropped"], "follow_up_note": ["", "Niet meer nodig."]}
    # The same again changes nothing.
    services.recommendation_update(
        actor=staff, recommendation=recommendation, **values, follow_up="dropped", follow_up_note="Niet meer nodig."
    )
    assert len(_entries("reports.recommendation.update")) == 1


def test_only_programme_staff_add_and_change_recommendations(outsiders, first_review):
    recommendation = first_review.recommendations.get(number=1)
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            services.recommendation_create(
                actor=user, review=first_review, text="x", owner="y", due_date=datetime.date(2021, 6, 1)
            )
        with pytest.raises(PermissionDenied):
            services.recommendation_update(actor=user, recommendation=recommendation, follow_up="done")
    assert Recommendation.objects.filter(review=first_review).count() == 2
    recommendation.refresh_from_db()
    assert recommendation.follow_up == "open"


def test_entering_a_review_leaves_other_reviews_alone(staff, programme, agreements, first_review):
    later = enter_review(staff, programme, agreements, review_date=datetime.date(2022, 1, 10), statuses=("green",))
    assert list(first_review.ratings.order_by("agreement_number").values_list("status", flat=True)) == [
        "red",
        "amber",
        "green",
    ]
    assert list(later.ratings.values_list("status", flat=True)) == ["green"]
