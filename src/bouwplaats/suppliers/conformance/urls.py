# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "conformance"

urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("nieuw/", views.report_new, name="report-new"),
    path("<int:pk>/", views.report_detail, name="report-detail"),
]
