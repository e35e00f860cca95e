# SPDX-License-Identifier: EUPL-1.2
"""Read-only admin views: the knowledge centre is edited through its pages and services."""

from django.contrib import admin

from bouwplaats.ui.admin import ReadOnlyAdmin

from .models import Article, Comment, Question, Theme


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["pk", "title", "status", "theme", "created_at", "published_at", "is_demo"]
    list_filter = ["status", "theme", "is_demo"]
    list_select_related = ["theme"]
    search_fields = ["title"]


@admin.register(Theme)
class ThemeAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "position"]


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ["title", "publication_date", "is_published", "is_demo"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["pk", "subject_type", "subject_id", "author", "created_at", "hidden_at"]
    list_select_related = ["subject_type", "author"]
