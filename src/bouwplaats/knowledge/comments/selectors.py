# SPDX-License-Identifier: EUPL-1.2
"""Reads for comments: a subject's thread, the moderation queue and the moderation log."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from bouwplaats.audit.models import AuditEntry

from ..models.comments import Comment, CommentReport
from .registry import content_type_of

MODERATION_ACTIONS = ("comment.report", "comment.hide", "comment.restore", "comment.dismiss_reports")


def comments_of(subject) -> QuerySet[Comment]:
    return Comment.objects.filter(subject_type=content_type_of(subject), subject_id=subject.pk)


def thread(subject) -> QuerySet[Comment]:
    """Top-level comments, oldest first, each with its replies (two queries in all)."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    return (
        comments_of(subject)
        .filter(parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )


def reported_comments() -> QuerySet[Comment]:
    """Comments with open reports, the most reported first, with the reports to read."""
    open_reports = CommentReport.objects.filter(resolved=False).select_related("reporter").order_by("created_at")
    return (
        Comment.objects.annotate(open_reports=Count("reports", filter=Q(reports__resolved=False)))
        .filter(open_reports__gt=0)
        .select_related("author", "subject_type")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_report_list"))
        .order_by("-open_reports", "created_at")
    )


def hidden_comments() -> QuerySet[Comment]:
    return Comment.objects.filter(hidden_at__isnull=False).select_related("author", "hidden_by", "subject_type")


def moderation_log() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type="knowledge.comment", action__in=MODERATION_ACTIONS).order_by(
        "-timestamp", "-pk"
    )


def public_comments(subject) -> QuerySet[Comment]:
    """Comments for the API: hidden ones keep their place but not their text (see the serializer)."""
    return comments_of(subject).select_related("author", "subject_type").order_by("created_at", "pk")
