# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="dashboard-overview"),
]
