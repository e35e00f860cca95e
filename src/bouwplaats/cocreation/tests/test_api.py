# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.urls import reverse

from bouwplaats.core.testing import invalid_params

from .. import services
from ..models import Ballot, Idea, Vote
from .conftest import make_consultation, option

pytestmark = pytest.mark.django_db

IDEAS = reverse("idea-list")


def programme_staff_voter():
    from bouwplaats.catalogue.tests.factories import StaffFactory

    return StaffFactory()


CONSULTATIONS = reverse("consultation-list")


def test_ideas_list_with_vote_counts_and_filters(
    api_client, programme, idea, member, coordinator_a, django_assert_num_queries
):
    services.idea_vote(actor=member, idea=idea)
    services.idea_vote(actor=coordinator_a, idea=idea)
    with django_assert_num_queries(3):  # data version, count, page
        response = api_client.get(IDEAS, {"buildingBlock": "ALFA", "status": "received"})
    with django_assert_num_queries(1):  # data version: the page comes from the cache
        assert api_client.get(IDEAS, {"buildingBlock": "ALFA", "status": "received"}).json() == response.json()
    assert response.status_code == 200
    row = response.json()["results"][0]
    assert row["vote_count"] == 2 and row["building_block"] == "ALFA" and row["title"] == idea.title
    assert api_client.get(IDEAS, {"status": "planned"}).json()["count"] == 0
    services.idea_vote(actor=programme_staff_voter(), idea=idea)  # a vote changes the data version
    assert api_client.get(IDEAS, {"buildingBlock": "ALFA"}).json()["results"][0]["vote_count"] == 3
    detail = api_client.get(reverse("idea-detail", args=[idea.pk])).json()
    assert detail["history"][0]["to_status"] == "received"


def test_anonymous_cannot_propose_or_vote(api_client, programme, idea):
    response = api_client.post(IDEAS, {"theme": "t", "title": "x", "description": "d", "added_value": "w"})
    assert response.status_code == 401
    assert api_client.post(reverse("idea-vote", args=[idea.pk])).status_code == 401
    assert api_client.delete(reverse("idea-vote", args=[idea.pk])).status_code == 401
    assert Idea.objects.count() == 1 and not Vote.objects.exists()


def test_propose_vote_and_unvote(api_client, programme, block, member):
    api_client.force_authenticate(member)
    response = api_client.post(
        IDEAS,
        {"building_block": "ALFA", "theme": "t", "title": "Via de API", "description": "d", "added_value": "w"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert api_client.post(reverse("idea-vote", args=[pk])).status_code == 201
    again = api_client.post(reverse("idea-vote", args=[pk]))
    assert again.status_code == 200 and again.json() == {"idea": pk, "vote_count": 1, "voted": True}
    gone = api_client.delete(reverse("idea-vote", args=[pk]))
    assert gone.status_code == 200 and gone.json()["vote_count"] == 0


def test_propose_validation_is_400(api_client, programme, member):
    api_client.force_authenticate(member)
    response = api_client.post(
        IDEAS, {"building_block": "NOPE", "theme": "t", "title": "x", "description": "d", "added_value": "w"}
    )
    assert response.status_code == 400 and "building_block" in invalid_params(response)


def test_coordinator_cannot_vote_for_another_municipality(api_client, idea, per_municipality, coordinator_a, town_b):
    api_client.force_authenticate(coordinator_a)
    response = api_client.post(reverse("idea-vote", args=[idea.pk]), {"municipality": "GM9902"})
    assert response.status_code == 403
    assert api_client.post(reverse("idea-vote", args=[idea.pk]), {"municipality": "GM9901"}).status_code == 201


def test_results_only_after_closing(api_client, programme, staff, open_consultation, coordinator_a, town_a):
    api_client.force_authenticate(staff)
    assert api_client.get(reverse("consultation-results", args=[open_consultation.pk])).status_code == 403
    closed = make_consultation(programme, staff, opens_in=-datetime.timedelta(days=8), weighting="population")
    services.ballot_cast(
        actor=coordinator_a,
        consultation=closed,
        municipality=town_a,
        option=option(closed, "Ja"),
        now=closed.opens_at + datetime.timedelta(hours=1),
    )
    api_client.force_authenticate(None)
    response = api_client.get(reverse("consultation-results", args=[closed.pk]))
    assert response.status_code == 200
    data = response.json()
    assert data["options"][0]["ballots"] == 1 and data["options"][0]["weighted_share"] == 100.0
    assert data["turnout"]["ballots"] == 1
    services.ballot_cast(
        actor=coordinator_a,
        consultation=open_consultation,
        municipality=town_a,
        option=option(open_consultation, "Ja"),
    )
    again = api_client.get(reverse("consultation-results", args=[closed.pk])).json()
    assert again == data  # a write elsewhere changes the version, not these results
    listing = api_client.get(CONSULTATIONS).json()
    assert {row["state"] for row in listing["results"]} == {"open", "closed"}


def test_cast_ballot_permissions(api_client, open_consultation, coordinator_a, town_b):
    url = reverse("consultation-ballot", args=[open_consultation.pk])
    ja = option(open_consultation, "Ja").pk
    assert api_client.post(url, {"municipality": "GM9901", "option": ja}).status_code == 401
    api_client.force_authenticate(coordinator_a)
    assert api_client.post(url, {"municipality": "GM9902", "option": ja}).status_code == 403
    assert api_client.post(url, {"municipality": "GM9901", "option": ja}).status_code == 201
    nee = option(open_consultation, "Nee").pk
    changed = api_client.post(url, {"municipality": "GM9901", "option": nee})
    assert changed.status_code == 200 and changed.json()["option"] == nee
    assert Ballot.objects.count() == 1


def test_cast_ballot_after_closing_is_400(api_client, programme, staff, coordinator_a):
    closed = make_consultation(programme, staff, opens_in=-datetime.timedelta(days=8))
    api_client.force_authenticate(coordinator_a)
    response = api_client.post(
        reverse("consultation-ballot", args=[closed.pk]), {"municipality": "GM9901", "option": option(closed, "Ja").pk}
    )
    assert response.status_code == 400
    assert "can no longer be cast" in str(response.json())


def test_staff_close_a_consultation_early_through_the_api(api_client, open_consultation, staff, coordinator_a):
    url = reverse("consultation-close", args=[open_consultation.pk])
    assert api_client.post(url, {"reason": "Ingetrokken."}).status_code == 401
    api_client.force_authenticate(coordinator_a)
    assert api_client.post(url, {"reason": "Ingetrokken."}).status_code == 403
    api_client.force_authenticate(staff)
    missing = api_client.post(url, {})
    assert missing.status_code == 400 and "reason" in invalid_params(missing)
    response = api_client.post(url, {"reason": "Ingetrokken."})
    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "closed" and data["closing_reason"] == "Ingetrokken." and data["closed_early_at"]
    assert api_client.get(reverse("consultation-results", args=[open_consultation.pk])).status_code == 200
    assert api_client.post(url, {"reason": "Nogmaals."}).status_code == 400
