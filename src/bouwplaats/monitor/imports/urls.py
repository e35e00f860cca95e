# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

urlpatterns = [
    path("", views.import_list, name="import-list"),
    path("nieuw/", views.import_new, name="import-new"),
    path("voorbeeld.csv", views.import_example, name="import-example"),
    path("<int:pk>/", views.import_detail, name="import-detail"),
    path("<int:pk>/verwerken/", views.import_apply, name="import-apply"),
    path("herindelingen/", views.merger_list, name="import-mergers"),
    path("herindelingen/overnemen/", views.merger_carry_over, name="import-mergers-carry-over"),
    path("herindelingen/<str:code>/<str:block_code>/", views.merger_history, name="import-merger-history"),
]
