# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("gelezen/", views.mark_read, name="mark-read"),
    path("voorkeuren/", views.preferences, name="preferences"),
    path("volgen/", views.follow, name="follow"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
