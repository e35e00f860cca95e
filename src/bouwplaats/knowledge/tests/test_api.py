# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bouwplaats.core.testing import invalid_params
from bouwplaats.knowledge.comments import services as comment_services
from bouwplaats.knowledge.guides import services as guide_services
from bouwplaats.knowledge.models import Comment, Question
from bouwplaats.knowledge.questions import services

from .factories import QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db

QUESTIONS = reverse("knowledge-question-list")
COMMENTS = reverse("knowledge-comment-list")
ARTICLES = reverse("knowledge-article-list")


def published(staff, member, title, **kwargs):
    question = services.question_ask(asker=member, title=title, **kwargs)
    services.question_answer(actor=staff, question=question, body="Het antwoord op " + title)
    return services.question_publish(actor=staff, question=question)


def test_anonymous_sees_published_only(api_client, staff, member, blocks):
    open_one = published(staff, member, "Digipoort aansluiting", building_blocks=[blocks[0]])
    secret = QuestionFactory(asker=member, title="Geheim")
    data = api_client.get(QUESTIONS).json()
    assert [row["id"] for row in data["results"]] == [open_one.pk]
    assert data["results"][0]["answer"]["body"].startswith("Het antwoord")
    assert api_client.get(reverse("knowledge-question-detail", args=[secret.pk])).status_code == 404
    assert api_client.get(QUESTIONS, {"q": "digipoort"}).json()["count"] == 1
    assert api_client.get(QUESTIONS, {"buildingBlock": "BBB"}).json()["count"] == 0
    # An unknown code or slug matches nothing: it is not dropped to return every question.
    assert api_client.get(QUESTIONS, {"buildingBlock": "NOPE"}).json()["count"] == 0
    assert api_client.get(QUESTIONS, {"theme": "nope", "q": "digipoort"}).json()["count"] == 0
    similar = api_client.get(reverse("knowledge-question-similar"), {"q": "aansluiting regelen"}).json()
    assert similar == [
        {"id": open_one.pk, "title": open_one.title, "url": reverse("knowledge:question-detail", args=[open_one.pk])}
    ]


def test_member_sees_own_unpublished_but_not_others(api_client, member, other_member):
    mine = QuestionFactory(asker=member)
    theirs = QuestionFactory(asker=other_member)
    api_client.force_authenticate(member)
    ids = [row["id"] for row in api_client.get(QUESTIONS).json()["results"]]
    assert ids == [mine.pk]
    assert api_client.get(reverse("knowledge-question-detail", args=[theirs.pk])).status_code == 404


def test_asking_through_the_api(api_client, member, blocks):
    response = api_client.post(QUESTIONS, {"title": "Vraag via API"}, format="json")
    assert response.status_code == 401
    assert not Question.objects.exists()
    api_client.force_authenticate(member)
    response = api_client.post(QUESTIONS, {"title": "Vraag via API", "building_blocks": ["AAA"]}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "new" and response.json()["building_blocks"] == ["AAA"]
    response = api_client.post(QUESTIONS, {"title": " "}, format="json")
    assert response.status_code == 400


def test_comments_through_the_api(api_client, member, other_member, staff, article, draft_article):
    payload = {"subject": "knowledge.article", "subject_id": article.pk, "body": "Via de API"}
    assert api_client.post(COMMENTS, payload, format="json").status_code == 401
    api_client.force_authenticate(member)
    response = api_client.post(COMMENTS, payload, format="json")
    assert response.status_code == 201
    comment = Comment.objects.get()
    draft = {"subject": "knowledge.article", "subject_id": draft_article.pk, "body": "x"}
    assert api_client.post(COMMENTS, draft, format="json").status_code == 403
    too_long = {**payload, "body": "x" * 5001}
    assert api_client.post(COMMENTS, too_long, format="json").status_code == 400
    comment_services.comment_hide(actor=staff, comment=comment, reason="Huisregels")
    api_client.force_authenticate(None)
    rows = api_client.get(COMMENTS, {"subject": "knowledge.article", "subjectId": article.pk})
    assert rows.json()["results"][0]["body"] is None and rows.json()["results"][0]["hidden"] is True
    listing = {"subject": "knowledge.article", "subject_id": draft_article.pk}
    assert api_client.get(COMMENTS, listing).status_code == 404
    assert api_client.get(COMMENTS, {"subject": "accounts.user", "subjectId": 1}).status_code == 404


def test_rate_limit_through_the_api(api_client, member, article):
    api_client.force_authenticate(member)
    payload = {"subject": "knowledge.article", "subject_id": article.pk, "body": "Snel"}
    for _n in range(5):
        assert api_client.post(COMMENTS, payload, format="json").status_code == 201
    response = api_client.post(COMMENTS, payload, format="json")
    assert response.status_code == 400
    assert invalid_params(response) == {"body": ["You are posting too quickly; try again in 10 minutes."]}


def test_articles_and_guides(api_client, staff, article, draft_article, blocks, levels, django_assert_max_num_queries):
    slugs = [row["slug"] for row in api_client.get(ARTICLES).json()["results"]]
    assert slugs == [article.slug]
    assert api_client.get(reverse("knowledge-article-detail", args=[draft_article.slug])).status_code == 404
    guide_services.guide_version_publish(
        actor=staff, building_block=blocks[0], steps=[{"title": "Stap", "level": levels[1]}]
    )
    with django_assert_max_num_queries(6):
        guides = api_client.get(reverse("knowledge-guide-list")).json()
    assert guides == [
        {
            "building_block": "AAA",
            "building_block_name": "Alfa",
            "version": 1,
            "published_at": guides[0]["published_at"],
            "step_count": 1,
        }
    ]
    detail = api_client.get(reverse("knowledge-guide-detail", args=["AAA"])).json()
    assert detail["steps"][0]["title"] == "Stap" and detail["steps"][0]["level"] == levels[1].code
    assert api_client.get(reverse("knowledge-guide-detail", args=["BBB"])).status_code == 404
    assert api_client.post(ARTICLES, {}).status_code in (401, 405)


def test_question_list_query_count(api_client, staff, member, blocks, themes, django_assert_max_num_queries):
    for n in range(6):
        published(staff, UserFactory(), f"Vraag {n}", building_blocks=list(blocks), theme=themes[0])
    with django_assert_max_num_queries(6):
        assert api_client.get(QUESTIONS).json()["count"] == 6


def test_comment_list_query_count_does_not_grow(
    api_client, staff, member, other_member, article, django_assert_num_queries
):
    listing = {"subject": "knowledge.article", "subjectId": article.pk}
    top = Comment.objects.create(subject=article, author=member, body="top")
    comment_services.comment_hide(actor=staff, comment=top, reason="Huisregels")
    with CaptureQueriesContext(connection) as few:
        assert api_client.get(COMMENTS, listing).json()["count"] == 1
    for n in range(5):
        author = member if n % 2 else other_member
        Comment.objects.create(subject=article, author=author, body=f"re {n}", parent=top)
    with django_assert_num_queries(len(few)):
        rows = api_client.get(COMMENTS, listing).json()["results"]
    assert [row["hidden"] for row in rows] == [True] + [False] * 5
