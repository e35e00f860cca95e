# SPDX-License-Identifier: EUPL-1.2
"""The Gateway review API: reading for everyone, writing for programme staff, through the services."""

import pytest
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.tests.factories import ProgrammeFactory
from bouwplaats.core.testing import invalid_params
from bouwplaats.reports.models import GatewayReview, Recommendation

pytestmark = pytest.mark.django_db

REVIEWS = reverse("gateway-review-list")
RECOMMENDATIONS = reverse("gateway-recommendation-list")


def _review_url(review) -> str:
    return reverse("gateway-review-detail", args=[review.pk])


def _ratings_url(review) -> str:
    return reverse("gateway-review-ratings", args=[review.pk])


def _recommendation_url(recommendation) -> str:
    return reverse("gateway-recommendation-detail", args=[recommendation.pk])


NEW_REVIEW = {
    "title": "Tussentijdse review",
    "review_date": "2021-03-15",
    "reviewers": "Voorzitter, Rijk",
    "overall_status": "amber",
    "overall_reason": "Redelijk op koers.",
}


def test_everyone_reads_the_reviews_of_a_programme(api_client, programme, first_review, second_review):
    ProgrammeFactory()  # another programme, without reviews
    data = api_client.get(REVIEWS, {"programme": programme.slug}).json()
    assert data["count"] == 2
    newest = data["results"][0]
    assert (newest["id"], newest["programme"], newest["overall_status"]) == (second_review.pk, programme.slug, "green")
    assert [(r["agreement_number"], r["status"]) for r in newest["ratings"]] == [(1, "amber"), (2, "red")]
    assert [r["text"] for r in newest["recommendations"]] == ["Borg de aanpak."]
    assert api_client.get(REVIEWS, {"overallStatus": "amber"}).json()["count"] == 1


def test_a_review_says_what_changed_since_the_previous_one(api_client, first_review, second_review):
    data = api_client.get(_review_url(second_review)).json()
    assert data["previous_review"] == first_review.pk
    assert data["changes"] == [
        {
            "number": 1,
            "title": "Aansluiten",
            "previous_status": "red",
            "status": "amber",
            "change": "improved",
            "in_catalogue": True,
        },
        {
            "number": 2,
            "title": "Gebruiken",
            "previous_status": "amber",
            "status": "red",
            "change": "worse",
            "in_catalogue": True,
        },
        {
            "number": 3,
            "title": "Terugmelden",
            "previous_status": "green",
            "status": None,
            "change": "dropped",
            "in_catalogue": True,
        },
    ]
    assert api_client.get(_review_url(first_review)).json()["previous_review"] is None


def test_the_list_takes_the_same_number_of_queries_whatever_its_size(
    api_client, staff, programme, first_review, second_review, django_assert_num_queries
):
    # Count, page, ratings, recommendations (the programmes come with the page).
    with django_assert_num_queries(4):
        api_client.get(REVIEWS)
    with django_assert_num_queries(5):  # and the agreements, for the comparison
        api_client.get(_review_url(second_review))


def test_staff_enter_a_review_with_statuses_and_recommendations(api_client, staff, programme, agreements):
    api_client.force_login(staff)
    response = api_client.post(REVIEWS, {**NEW_REVIEW, "programme": programme.slug}, format="json")
    assert response.status_code == 201, response.json()
    review = GatewayReview.objects.get(pk=response.json()["id"])

    response = api_client.put(
        _ratings_url(review),
        {
            "ratings": [
                {"agreement": 1, "status": "green", "reason": "Klaar."},
                {"agreement": 3, "status": "red", "reason": "Niet begonnen."},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert [(r["agreement_number"], r["status"]) for r in response.json()["ratings"]] == [(1, "green"), (3, "red")]

    response = api_client.post(
        RECOMMENDATIONS,
        {"review": review.pk, "text": "Behoud de machinerie.", "owner": "VNG", "due_date": "2021-07-01"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    recommendation = Recommendation.objects.get(pk=response.json()["id"])
    assert (recommendation.number, recommendation.follow_up) == (1, "open")

    response = api_client.patch(
        _recommendation_url(recommendation), {"follow_up": "done", "follow_up_note": "Besloten."}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["follow_up"] == "done"
    assert AuditEntry.objects.filter(action__startswith="reports.").count() == 4


def test_changes_that_change_nothing_write_nothing(api_client, staff, first_review):
    api_client.force_login(staff)
    audited = AuditEntry.objects.count()
    assert (
        api_client.patch(_review_url(first_review), {"title": "Tussentijdse review"}, format="json").status_code == 200
    )
    recommendation = first_review.recommendations.get(number=1)
    assert (
        api_client.patch(_recommendation_url(recommendation), {"follow_up": "open"}, format="json").status_code == 200
    )
    ratings = [
        {"agreement": 1, "status": "red", "reason": "Reden 1"},
        {"agreement": 2, "status": "amber", "reason": "Reden 2"},
        {"agreement": 3, "status": "green", "reason": "Reden 3"},
    ]
    assert api_client.put(_ratings_url(first_review), {"ratings": ratings}, format="json").status_code == 200
    assert AuditEntry.objects.count() == audited


def test_invalid_input_is_refused_with_messages_by_field(api_client, staff, programme, first_review):
    api_client.force_login(staff)
    response = api_client.post(REVIEWS, {**NEW_REVIEW, "programme": programme.slug}, format="json")
    assert response.status_code == 400
    assert "review_date" in invalid_params(response)  # already a review on that day
    response = api_client.put(
        _ratings_url(first_review), {"ratings": [{"agreement": 9, "status": "red", "reason": "x"}]}, format="json"
    )
    assert response.status_code == 400 and "ratings" in invalid_params(response)
    response = api_client.put(
        _ratings_url(first_review), {"ratings": [{"agreement": 1, "status": "red", "reason": ""}]}, format="json"
    )
    assert response.status_code == 400 and "agreement-1-reason" in invalid_params(response)
    recommendation = first_review.recommendations.get(number=1)
    response = api_client.patch(_recommendation_url(recommendation), {"follow_up": "dropped"}, format="json")
    assert response.status_code == 400 and "follow_up_note" in invalid_params(response)
    assert first_review.ratings.count() == 3
    recommendation.refresh_from_db()
    assert recommendation.follow_up == "open"


def test_only_programme_staff_write(api_client, staff, coordinator, programme, agreements, first_review):
    recommendation = first_review.recommendations.get(number=1)
    writes = [
        ("post", REVIEWS, {**NEW_REVIEW, "review_date": "2021-04-01", "programme": programme.slug}),
        ("patch", _review_url(first_review), {"title": "Anders"}),
        ("put", _ratings_url(first_review), {"ratings": []}),
        ("post", RECOMMENDATIONS, {"review": first_review.pk, "text": "x", "owner": "y", "due_date": "2021-07-01"}),
        ("patch", _recommendation_url(recommendation), {"follow_up": "done"}),
    ]
    audited = AuditEntry.objects.count()
    for user in (None, coordinator):
        if user is not None:
            api_client.force_login(user)
        for method, url, data in writes:
            response = getattr(api_client, method)(url, data, format="json")
            assert response.status_code in (401, 403), (method, url, response.status_code)
    assert AuditEntry.objects.count() == audited
    assert first_review.ratings.count() == 3
    # Reviews stay: not even staff delete them.
    api_client.force_login(staff)
    assert api_client.delete(_review_url(first_review)).status_code == 405
