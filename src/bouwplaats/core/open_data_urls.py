# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "open_data"

urlpatterns = [
    path("", views.open_data, name="index"),
    path("catalogus.jsonld", views.open_data_catalog, name="catalog"),
]
