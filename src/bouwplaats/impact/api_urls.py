from rest_framework.routers import SimpleRouter

from .api import LandscapeViewSet, ScenarioViewSet, WaitingViewSet

router = SimpleRouter(trailing_slash=True)
router.register("impact/scenarios", ScenarioViewSet, basename="impact-scenario")
router.register("impact/landscapes", LandscapeViewSet, basename="impact-landscape")
router.register("impact/waiting", WaitingViewSet, basename="impact-waiting")

urlpatterns = router.urls
