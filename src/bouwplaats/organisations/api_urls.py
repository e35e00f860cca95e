from rest_framework.routers import SimpleRouter

from .api import MunicipalityViewSet, ProvinceViewSet

router = SimpleRouter(trailing_slash=True)
router.register("provinces", ProvinceViewSet, basename="province")
router.register("municipalities", MunicipalityViewSet, basename="municipality")

urlpatterns = router.urls
