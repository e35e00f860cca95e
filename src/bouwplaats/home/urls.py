# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.municipality, name="municipality"),
]
