# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bouwplaats.audit.models import AuditEntry
from bouwplaats.knowledge.comments import register_commentable, services, unregister_commentable
from bouwplaats.knowledge.models import Article, Comment, CommentReport
from bouwplaats.knowledge.models.comments import MAX_COMMENT_LENGTH
from bouwplaats.notifications import services as notifications
from bouwplaats.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_member_posts_a_comment_with_an_audit_entry(member, article):
    comment = services.comment_post(author=member, subject=article, body="  Mooi verhaal!  ")
    assert comment.body == "Mooi verhaal!"
    assert comment.subject == article
    entry = AuditEntry.objects.get(action="comment.post")
    assert entry.object_id == str(comment.pk)
    assert entry.changes["subject"] == f"knowledge.article:{article.pk}"


def test_anonymous_cannot_post(article):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.comment_post(author=AnonymousUser(), subject=article, body="Hallo")
    assert not Comment.objects.exists()


def test_member_cannot_comment_on_a_draft_but_staff_can_not_either_while_closed(member, staff, draft_article):
    with pytest.raises(PermissionDenied):
        services.comment_post(author=member, subject=draft_article, body="Hallo")
    with pytest.raises(ValidationError, match="closed"):
        services.comment_post(author=staff, subject=draft_article, body="Hallo")


def test_closed_article_refuses_comments(member, article):
    article.comments_open = False
    article.save()
    with pytest.raises(ValidationError, match="Comments are closed"):
        services.comment_post(author=member, subject=article, body="Hallo")


def test_unregistered_subjects_are_refused(member, other_member):
    with pytest.raises(ValidationError, match="not possible"):
        services.comment_post(author=member, subject=other_member, body="Hallo")


def test_empty_and_too_long_comments_are_refused(member, article):
    with pytest.raises(ValidationError) as raised:
        services.comment_post(author=member, subject=article, body="   ")
    assert raised.value.message_dict == {"body": ["Write a comment."]}
    with pytest.raises(ValidationError) as raised:
        services.comment_post(author=member, subject=article, body="x" * (MAX_COMMENT_LENGTH + 1))
    assert raised.value.message_dict["body"] == [
        f"Keep it to at most {MAX_COMMENT_LENGTH} characters (it has {MAX_COMMENT_LENGTH + 1})."
    ]
    services.comment_post(author=member, subject=article, body="x" * MAX_COMMENT_LENGTH)


def test_replies_go_one_level_deep(member, other_member, article):
    top = services.comment_post(author=member, subject=article, body="Eerste")
    reply = services.comment_post(author=other_member, subject=article, body="Antwoord", parent=top)
    assert reply.parent == top
    with pytest.raises(ValidationError) as raised:
        services.comment_post(author=member, subject=article, body="Dieper", parent=reply)
    assert "one level deep" in raised.value.message_dict["parent"][0]


def test_a_reply_must_stay_in_the_same_discussion(member, article):
    other = Article.objects.create(title="Ander", slug="ander", lead="x", body="x", author_name="x", is_published=True)
    top = services.comment_post(author=member, subject=other, body="Elders")
    with pytest.raises(ValidationError) as raised:
        services.comment_post(author=member, subject=article, body="Hier", parent=top)
    assert "same discussion" in raised.value.message_dict["parent"][0]


def test_rate_limit_with_a_clear_message(member, article):
    for n in range(5):
        services.comment_post(author=member, subject=article, body=f"Reactie {n}")
    with pytest.raises(ValidationError) as raised:
        services.comment_post(author=member, subject=article, body="Nog een")
    assert raised.value.message_dict["body"] == ["You are posting too quickly; try again in 10 minutes."]
    # Older posts leave the window.
    Comment.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    services.comment_post(author=member, subject=article, body="Nu weer")


def test_reply_notifies_the_parent_author_and_comment_notifies_followers(member, other_member, staff, article):
    notifications.follow_create(user=staff, target=article)
    notifications.follow_create(user=member, target=article)
    top = services.comment_post(author=member, subject=article, body="Eerste")
    # The follower staff is told; the author themself is not.
    assert list(Notification.objects.values_list("recipient__email", "kind")) == [(staff.email, "comment")]
    Notification.objects.all().delete()
    services.comment_post(author=other_member, subject=article, body="Reactie", parent=top)
    got = sorted(Notification.objects.values_list("recipient__email", "kind"))
    assert got == sorted([(member.email, "reply"), (staff.email, "comment")])
    assert Notification.objects.get(kind="reply").url.endswith(f"#comment-{top.pk + 1}")


def test_report_hide_restore_and_log(member, other_member, staff, article):
    comment = services.comment_post(author=member, subject=article, body="Onaardig")
    with pytest.raises(ValidationError, match="your own"):
        services.comment_report(reporter=member, comment=comment, reason="eigen")
    services.comment_report(reporter=other_member, comment=comment, reason="Kwetsend")
    with pytest.raises(ValidationError, match="already reported"):
        services.comment_report(reporter=other_member, comment=comment, reason="Nogmaals")
    with pytest.raises(PermissionDenied):
        services.comment_hide(actor=other_member, comment=comment, reason="ik wil het")
    with pytest.raises(ValidationError):
        services.comment_hide(actor=staff, comment=comment, reason=" ")
    services.comment_hide(actor=staff, comment=comment, reason="In strijd met de huisregels")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == staff
    assert not CommentReport.objects.filter(resolved=False).exists()
    with pytest.raises(ValidationError, match="already hidden"):
        services.comment_hide(actor=staff, comment=comment, reason="nog eens")
    with pytest.raises(ValidationError, match="hidden"):
        services.comment_post(author=other_member, subject=article, body="Antwoord", parent=comment)
    with pytest.raises(PermissionDenied):
        services.comment_restore(actor=member, comment=comment)
    services.comment_restore(actor=staff, comment=comment)
    comment.refresh_from_db()
    assert not comment.is_hidden
    actions = list(
        AuditEntry.objects.filter(object_type="knowledge.comment").order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["comment.post", "comment.report", "comment.hide", "comment.restore"]


def test_dismissing_reports(member, other_member, staff, article):
    comment = services.comment_post(author=member, subject=article, body="Twijfelachtig")
    services.comment_report(reporter=other_member, comment=comment, reason="Twijfel")
    assert services.comment_reports_dismiss(actor=staff, comment=comment) == 1
    with pytest.raises(ValidationError, match="no open reports"):
        services.comment_reports_dismiss(actor=staff, comment=comment)


def test_registering_another_model(member, other_member):
    """Any app can make its model commentable (co-creation does so for ideas)."""
    from bouwplaats.knowledge.models import Theme

    theme = Theme.objects.create(name="Test", slug="test")
    register_commentable(Theme, is_open=lambda obj: obj.slug == "test")
    try:
        comment = services.comment_post(author=member, subject=theme, body="Over dit thema")
        assert comment.subject == theme
    finally:
        unregister_commentable(Theme)
