# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from .open_data_api import OpenDataFileView

urlpatterns = [
    path("open-data/<slug:dataset>.<slug:fmt>", OpenDataFileView.as_view(), name="open-data-file"),
]
