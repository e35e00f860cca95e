from rest_framework.routers import SimpleRouter

from .api import CurrentStatusViewSet, StatusEventViewSet

router = SimpleRouter(trailing_slash=True)
router.register("statuses", CurrentStatusViewSet, basename="status")
router.register("status-events", StatusEventViewSet, basename="status-event")

urlpatterns = router.urls
