# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from bouwplaats.core.api import Router

from .api import MeView

router = Router()

urlpatterns = [
    path("me", MeView.as_view(), name="api-me"),
    *router.urls,
]
