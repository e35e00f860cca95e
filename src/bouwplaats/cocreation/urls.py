# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "cocreation"

idea = "ideeen/<int:pk>/"
consultation = "raadplegingen/<int:pk>/"

urlpatterns = [
    path("", views.idea_list, name="idea-list"),
    path("ideeen/nieuw/", views.idea_create, name="idea-create"),
    path(idea, views.idea_detail, name="idea-detail"),
    path(idea + "steunen/", views.idea_vote, name="idea-vote"),
    path(idea + "steun-intrekken/", views.idea_unvote, name="idea-unvote"),
    path(idea + "beantwoorden/", views.idea_answer, name="idea-answer"),
    path("instellingen/", views.settings_edit, name="settings"),
    path("raadplegingen/", views.consultation_list, name="consultation-list"),
    path("raadplegingen/nieuw/", views.consultation_create, name="consultation-create"),
    path(consultation, views.consultation_detail, name="consultation-detail"),
    path(consultation + "bewerken/", views.consultation_edit, name="consultation-edit"),
    path(consultation + "sluiten/", views.consultation_close, name="consultation-close"),
    path(consultation + "stemmen/", views.consultation_ballot, name="consultation-ballot"),
]
