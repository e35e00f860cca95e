# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.municipality_list, name="municipality-list"),
    path("<str:code>/", views.municipality_detail, name="municipality-detail"),
]
