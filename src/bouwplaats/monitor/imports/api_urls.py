from rest_framework.routers import SimpleRouter

from .api import ImportBatchViewSet, MergerViewSet

router = SimpleRouter(trailing_slash=True)
router.register("imports", ImportBatchViewSet, basename="import")
router.register("mergers", MergerViewSet, basename="merger")

urlpatterns = router.urls
