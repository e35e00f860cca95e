from rest_framework.routers import SimpleRouter

from .api import MyMunicipalityViewSet

router = SimpleRouter(trailing_slash=True)
router.register("my-municipalities", MyMunicipalityViewSet, basename="api-my-municipality")

urlpatterns = router.urls
