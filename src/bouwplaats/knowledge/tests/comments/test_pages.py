# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from bouwplaats.core.testing import warmed_query_count
from bouwplaats.knowledge.comments import services
from bouwplaats.knowledge.models import Comment, CommentReport

pytestmark = pytest.mark.django_db

POST = reverse("knowledge:comment-post")


def article_url(article):
    return reverse("knowledge:article-detail", args=[article.slug])


def post_data(article, body="Goed stuk", **extra):
    return {
        "subject": "knowledge.article",
        "subject_id": article.pk,
        "body": body,
        "next": article_url(article),
        **extra,
    }


def test_anonymous_reads_and_is_invited_to_log_in(client, article, member):
    services.comment_post(author=member, subject=article, body="Een *eerste* reactie")
    response = client.get(article_url(article))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<em>eerste</em>" in html
    assert "to post a comment" in html
    assert f'href="{reverse("accounts:login")}?next={article_url(article)}"' in html
    assert f"{reverse('accounts:register')}?next=" in html
    assert 'name="body"' not in html


def test_anonymous_cannot_post_through_the_page(client, article):
    response = client.post(POST, post_data(article))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Comment.objects.exists()


def test_member_posts_and_replies_without_javascript(client, member, other_member, article):
    client.force_login(member)
    page = client.get(article_url(article)).content.decode()
    assert 'name="body"' in page and "Post comment" in page
    response = client.post(POST, post_data(article))
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{article_url(article)}#comment-{comment.pk}"
    client.force_login(other_member)
    client.post(POST, post_data(article, body="Eens", parent=comment.pk))
    reply = Comment.objects.get(parent=comment)
    page = client.get(article_url(article)).content.decode()
    assert f'id="comment-{reply.pk}"' in page
    assert "2 comments" in page


def test_errors_come_back_in_a_form_with_the_text_kept(client, member, article):
    client.force_login(member)
    response = client.post(POST, post_data(article, body="x" * 5001))
    assert response.status_code == 400
    assert "Ensure this value has at most 5000 characters" in response.content.decode()
    for n in range(5):
        services.comment_post(author=member, subject=article, body=f"r{n}")
    response = client.post(POST, post_data(article, body="Nog een"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "You are posting too quickly; try again in 10 minutes." in html
    assert "Nog een" in html


def test_changing_the_subject_fields_cannot_reach_other_things(client, member, draft_article, article):
    client.force_login(member)
    assert client.post(POST, post_data(draft_article)).status_code == 403
    data = post_data(article, subject="accounts.user", subject_id=member.pk)
    assert client.post(POST, data).status_code == 404
    data = post_data(article, subject_id=999999)
    assert client.post(POST, data).status_code == 404
    assert not Comment.objects.exists()


def test_open_redirect_is_refused(client, member, article):
    client.force_login(member)
    response = client.post(POST, post_data(article, next="https://evil.example/"))
    assert response["Location"].startswith(f"{article_url(article)}#comment-")


def test_markdown_payloads_are_sanitised_on_the_page(client, member, article):
    client.force_login(member)
    client.post(
        POST,
        post_data(article, body="<script>alert(1)</script>[x](javascript:alert(2)) <img src=x onerror=alert(3)>"),
    )
    html = client.get(article_url(article)).content.decode()
    assert "alert(" not in html


def test_report_then_staff_hides_on_the_moderation_page(client, member, other_member, staff, article):
    comment = services.comment_post(author=member, subject=article, body="Vervelend")
    client.force_login(other_member)
    assert client.get(reverse("knowledge:comment-report", args=[comment.pk])).status_code == 200
    response = client.post(reverse("knowledge:comment-report", args=[comment.pk]), {"reason": "Beledigend"})
    assert response.status_code == 302
    assert CommentReport.objects.filter(comment=comment, reporter=other_member).exists()
    # A member cannot moderate, whatever the id.
    assert client.get(reverse("knowledge:moderation")).status_code == 403
    assert client.post(reverse("knowledge:comment-hide", args=[comment.pk]), {"reason": "x"}).status_code == 403
    assert client.post(reverse("knowledge:comment-restore", args=[comment.pk])).status_code == 403
    client.force_login(staff)
    page = client.get(reverse("knowledge:moderation")).content.decode()
    assert "Beledigend" in page and "1 open report" in page
    response = client.post(reverse("knowledge:comment-hide", args=[comment.pk]), {"reason": "Huisregels"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden
    page = client.get(reverse("knowledge:moderation")).content.decode()
    assert "There are no open reports." in page
    assert "Huisregels" in page and "hid" in page
    client.force_login(other_member)
    article_page = client.get(article_url(article)).content.decode()
    assert "Vervelend" not in article_page
    assert "hidden by a moderator" in article_page
    client.force_login(staff)
    client.post(reverse("knowledge:comment-restore", args=[comment.pk]))
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_only_staff_close_reports(client, member, other_member, staff, article):
    comment = services.comment_post(author=member, subject=article, body="Scherp")
    services.comment_report(reporter=other_member, comment=comment, reason="Te scherp")
    url = reverse("knowledge:comment-dismiss", args=[comment.pk])
    client.force_login(other_member)
    assert client.post(url).status_code == 403
    assert CommentReport.objects.filter(resolved=False).count() == 1
    client.force_login(staff)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not CommentReport.objects.filter(resolved=False).exists()
    assert not Comment.objects.get(pk=comment.pk).is_hidden
    # Nothing left to close: the moderation page says so.
    page = client.post(url, follow=True).content.decode()
    assert "There are no open reports on this comment." in page
    assert client.post(reverse("knowledge:comment-dismiss", args=[999999])).status_code == 404


def test_anonymous_cannot_report(client, member, article):
    comment = services.comment_post(author=member, subject=article, body="Tekst")
    response = client.post(reverse("knowledge:comment-report", args=[comment.pk]), {"reason": "x"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert not CommentReport.objects.exists()


def test_article_page_query_count_does_not_grow_with_comments(
    client, member, other_member, article, django_assert_num_queries
):
    def add_thread(n):
        top = Comment.objects.create(subject=article, author=member, body=f"top {n}")
        Comment.objects.create(subject=article, author=other_member, body="re", parent=top)

    add_thread(0)
    client.force_login(member)
    few = warmed_query_count(client, article_url(article))
    for n in range(1, 6):
        add_thread(n)
    with django_assert_num_queries(few):
        client.get(article_url(article))


def test_moderation_page_query_count(client, staff, member, other_member, article, django_assert_max_num_queries):
    for n in range(4):
        comment = services.comment_post(author=member, subject=article, body=f"c{n}")
        services.comment_report(reporter=other_member, comment=comment, reason="r")
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("knowledge:moderation"))
    assert response.status_code == 200


def test_a_comment_on_a_subject_one_cannot_read_cannot_be_reported(client, staff, member, draft_article):
    secret = Comment.objects.create(subject=draft_article, author=staff, body="Nog geheim concept")
    client.force_login(member)
    page = client.get(reverse("knowledge:comment-report", args=[secret.pk]))
    assert page.status_code == 403 and "Nog geheim concept" not in page.content.decode()
    assert client.post(reverse("knowledge:comment-report", args=[secret.pk]), {"reason": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.comment_report(reporter=member, comment=secret, reason="x")
    assert not CommentReport.objects.exists()
