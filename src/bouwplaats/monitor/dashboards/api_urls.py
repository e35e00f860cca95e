# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from bouwplaats.core.api import Router

from .api import BuildingBlockStatisticsViewSet, OpenDataProgressView, ProvinceStatisticsViewSet

router = Router()
router.register("statistics/building-blocks", BuildingBlockStatisticsViewSet, basename="statistics-building-block")
router.register("statistics/provinces", ProvinceStatisticsViewSet, basename="statistics-province")

urlpatterns = [
    *router.urls,
    path("open-data/progress.csv", OpenDataProgressView.as_view(), name="open-data-progress"),
]
