# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from .articles import views as articles
from .comments import views as comments
from .guides import views as guides
from .insight import views as insight
from .questions import views as questions

app_name = "knowledge"

comment = "reacties/<int:pk>/"
guide = "handreikingen/<str:code>/"

urlpatterns = [
    path("", questions.home, name="home"),
    path("vragen/nieuw/", questions.ask, name="ask"),
    path("vragen/vergelijkbaar/", questions.similar, name="similar"),
    path("vragen/mijn/", questions.my_questions, name="my-questions"),
    path("vragen/<int:pk>/", questions.question_detail, name="question-detail"),
    path("vragen/<int:pk>/nuttig/", questions.accept_answer, name="question-accept"),
    path("behandelen/", questions.triage_list, name="triage-list"),
    path("behandelen/<int:pk>/", questions.triage_detail, name="triage-detail"),
    path("themas/", questions.themes, name="themes"),
    path("themas/<int:pk>/", questions.themes, name="theme-edit"),
    path("inzicht/", insight.insight, name="insight"),
    path("handreikingen/", guides.guide_list, name="guide-list"),
    path("handreikingen/nieuw/", guides.guide_new, name="guide-new"),
    path(guide, guides.guide_detail, name="guide-detail"),
    path(guide + "nieuwe-versie/", guides.guide_publish, name="guide-publish"),
    path(guide + "gemeenten/<str:municipality_code>/", guides.guide_ticks, name="guide-ticks"),
    path("artikelen/", articles.article_list, name="article-list"),
    path("artikelen/nieuw/", articles.article_edit, name="article-create"),
    path("artikelen/<slug:slug>/", articles.article_detail, name="article-detail"),
    path("artikelen/<slug:slug>/bewerken/", articles.article_edit, name="article-edit"),
    path("reacties/", comments.post_comment, name="comment-post"),
    path(comment + "melden/", comments.report_comment, name="comment-report"),
    path(comment + "verbergen/", comments.hide_comment, name="comment-hide"),
    path(comment + "herstellen/", comments.restore_comment, name="comment-restore"),
    path(comment + "meldingen-sluiten/", comments.dismiss_reports, name="comment-dismiss"),
    path("moderatie/", comments.moderation, name="moderation"),
]
