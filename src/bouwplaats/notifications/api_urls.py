from rest_framework.routers import SimpleRouter

from .api import NotificationViewSet

router = SimpleRouter(trailing_slash=True)
router.register("notifications", NotificationViewSet, basename="api-notification")

urlpatterns = router.urls
