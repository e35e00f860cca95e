# SPDX-License-Identifier: EUPL-1.2
from django.urls import include, path

from . import views

app_name = "monitor"

municipality = "gemeenten/<str:code>/"

urlpatterns = [
    path(municipality, views.municipality_progress, name="municipality-progress"),
    path(municipality + "bijwerken/", views.municipality_update, name="municipality-update"),
    path(municipality + "bijwerken/<str:block_code>/", views.block_update, name="block-update"),
    path(municipality + "<str:block_code>/", views.block_history, name="block-history"),
    path("", include("bouwplaats.monitor.dashboards.urls")),
    path("", include("bouwplaats.monitor.insights.urls")),
    path("uitvragen/", include("bouwplaats.monitor.surveys.urls")),
    path("imports/", include("bouwplaats.monitor.imports.urls")),
]
