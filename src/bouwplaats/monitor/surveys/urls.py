# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

urlpatterns = [
    path("", views.round_list, name="survey-list"),
    path("nieuw/", views.round_create, name="survey-create"),
    path("mijn/", views.todo, name="survey-todo"),
    path("<int:pk>/", views.round_detail, name="survey-detail"),
    path("<int:pk>/bewerken/", views.round_update, name="survey-update"),
    path("<int:pk>/herinneren/", views.round_remind, name="survey-remind"),
    path("<int:pk>/sluiten/", views.round_close, name="survey-close"),
    path("<int:pk>/<slug:table>.<slug:fmt>", views.round_export, name="survey-export"),
    path("<int:pk>/gemeenten/<str:code>/", views.answer, name="survey-answer"),
]
