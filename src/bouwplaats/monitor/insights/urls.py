# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

urlpatterns = [
    path("bouwstenen/<str:code>/", views.block_dashboard, name="insight-block"),
    path("belemmeringen/", views.blockers, name="insight-blockers"),
    path("deadlinerisico/", views.deadline_risk, name="insight-risk"),
    path("deadlinerisico/gemeenten/", views.deadline_risk_list, name="insight-risk-list"),
]
