from rest_framework.routers import SimpleRouter

from .api import ImportBatchViewSet

router = SimpleRouter(trailing_slash=True)
router.register("imports", ImportBatchViewSet, basename="import")

urlpatterns = router.urls
