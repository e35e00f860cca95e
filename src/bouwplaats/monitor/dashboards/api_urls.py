from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import BuildingBlockStatisticsViewSet, OpenDataProgressView, ProvinceStatisticsViewSet

router = SimpleRouter(trailing_slash=True)
router.register("statistics/building-blocks", BuildingBlockStatisticsViewSet, basename="statistics-building-block")
router.register("statistics/provinces", ProvinceStatisticsViewSet, basename="statistics-province")

urlpatterns = [
    *router.urls,
    path("open-data/progress.csv", OpenDataProgressView.as_view(), name="open-data-progress"),
]
