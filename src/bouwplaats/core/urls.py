# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("<int:pk>/", views.job_detail, name="job-detail"),
    path("<int:pk>/bestand/", views.job_download, name="job-download"),
]
