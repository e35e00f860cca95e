# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bouwplaats.core.testing import warmed_query_count
from bouwplaats.knowledge.models import Article

from ..factories import ArticleFactory, QuestionFactory

pytestmark = pytest.mark.django_db

ARTICLES = reverse("knowledge:article-list")


def test_article_list_hides_drafts_and_counts_queries(
    client, staff, article, draft_article, blocks, django_assert_num_queries
):
    article.building_blocks.set(blocks)
    html = client.get(ARTICLES).content.decode()
    assert article.title in html and draft_article.title not in html
    assert client.get(reverse("knowledge:article-detail", args=[draft_article.slug])).status_code == 404
    with CaptureQueriesContext(connection) as few:
        client.get(ARTICLES)
    for _n in range(4):
        ArticleFactory().building_blocks.set(blocks)
    with django_assert_num_queries(len(few)):
        client.get(ARTICLES)
    client.force_login(staff)
    assert draft_article.title in client.get(ARTICLES).content.decode()


def test_staff_write_and_edit_articles_members_cannot(client, staff, member, blocks):
    data = {
        "title": "Podium: samen",
        "lead": "Inleiding",
        "body": "Tekst",
        "author_name": "een i-adviseur",
        "publication_date": "2014-01-02",
        "is_published": "on",
        "comments_open": "on",
        "building_blocks": [blocks[0].pk],
    }
    client.force_login(member)
    assert client.post(reverse("knowledge:article-create"), data).status_code == 403
    assert not Article.objects.exists()
    client.force_login(staff)
    response = client.post(reverse("knowledge:article-create"), data)
    article = Article.objects.get()
    assert response.status_code == 302 and article.slug == "podium-samen"
    client.force_login(member)
    edit = reverse("knowledge:article-edit", args=[article.slug])
    assert client.post(edit, {**data, "title": "Gekaapt"}).status_code == 403
    client.force_login(staff)
    client.post(edit, {**data, "title": "Podium: samen sterk"})
    article.refresh_from_db()
    assert article.title == "Podium: samen sterk"


def test_my_questions_query_count(client, member, themes, django_assert_num_queries):
    QuestionFactory(asker=member, theme=themes[0])
    client.force_login(member)
    few = warmed_query_count(client, reverse("knowledge:my-questions"))
    for _n in range(4):
        QuestionFactory(asker=member, theme=themes[1])
    with django_assert_num_queries(few):
        client.get(reverse("knowledge:my-questions"))
