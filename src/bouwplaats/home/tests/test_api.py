# SPDX-License-Identifier: EUPL-1.2
"""The API of "My municipality": the same data as the page, for the signed-in user."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from bouwplaats.knowledge.tests.factories import QuestionFactory
from bouwplaats.notifications import services as notification_services

pytestmark = pytest.mark.django_db

LIST = reverse("api-my-municipality-list")


def detail(code):
    return reverse("api-my-municipality-detail", args=[code])


def test_the_list_gives_the_own_municipalities(api_client, coordinator_a, member, programme):
    assert api_client.get(LIST).status_code in (401, 403)
    api_client.force_authenticate(coordinator_a)
    data = api_client.get(LIST).json()
    assert data == [{"code": "GM9901", "name": "Aadorp", "url": "http://testserver/api/v1/my-municipalities/GM9901"}]
    api_client.force_authenticate(member)
    assert api_client.get(LIST).json() == []


def test_the_detail_gives_the_risk_with_its_reasons(api_client, coordinator_a, progress):
    question = QuestionFactory(asker=coordinator_a, title="Hoe sluiten wij aan?")
    notification_services.follow_create(user=coordinator_a, target=question)
    api_client.force_authenticate(coordinator_a)
    response = api_client.get(detail("GM9901"))
    assert response.status_code == 200
    data = response.json()
    assert data["code"] == "GM9901" and data["name"] == "Aadorp"
    assert data["risk_on"] == "2022-12-31"
    blocks = {block["code"]: block for block in data["building_blocks"]}
    alfa = blocks["AAA"]
    assert alfa["level"] == "oriëntatie" and alfa["reported"] is True
    assert alfa["risk"] == "high"
    assert [reason["code"] for reason in alfa["risks"][0]["reasons"]] == ["stalled", "blockers"]
    assert alfa["risks"][0]["reasons"][1]["text"] == "blockers: capacity, budget"
    bravo = blocks["BBB"]
    assert bravo["planned_date"] == "2023-06-01" and bravo["planned_after_deadline"] is True
    assert "planned_late" in [reason["code"] for reason in bravo["risks"][0]["reasons"]]
    charlie = blocks["CCC"]
    assert charlie["reported"] is False and charlie["level"] == "niet gestart"
    assert data["my_open_questions"][0]["title"] == "Hoe sluiten wij aan?"
    assert data["following"] == [
        {"kind": "question", "title": "Hoe sluiten wij aan?", "url": f"http://testserver/kennis/vragen/{question.pk}/"}
    ]


def test_another_municipality_is_refused_and_staff_see_every_one(api_client, coordinator_b, staff, progress):
    api_client.force_authenticate(coordinator_b)
    assert api_client.get(detail("GM9901")).status_code == 403
    assert api_client.get(detail("GM9902")).status_code == 200
    api_client.force_authenticate(staff)
    assert api_client.get(detail("GM9901")).status_code == 200
    assert api_client.get(detail("GM0000")).status_code == 404


def test_anonymous_callers_are_refused(api_client, progress):
    assert api_client.get(detail("GM9901")).status_code in (401, 403)


def test_the_detail_takes_a_fixed_number_of_queries(api_client, coordinator_a, progress, django_assert_num_queries):
    api_client.force_authenticate(coordinator_a)
    url = detail("GM9901")
    api_client.get(url)
    # current programme, periods of the code, membership check, data version, consultations,
    # own questions, follows (the municipality's part is cached; the user's municipalities not read)
    with django_assert_num_queries(7):
        api_client.get(url)
    cache.clear()
    for _ in range(3):
        notification_services.follow_create(user=coordinator_a, target=QuestionFactory(asker=coordinator_a))
    api_client.get(url)
    with django_assert_num_queries(7 + 1):  # one more: the followed questions (one query for them all)
        api_client.get(url)
