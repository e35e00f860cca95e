from bouwplaats.core.api import Router

from .api import LandscapeViewSet, ScenarioViewSet

router = Router()
router.register("impact/scenarios", ScenarioViewSet, basename="impact-scenario")
router.register("impact/landscapes", LandscapeViewSet, basename="impact-landscape")

urlpatterns = router.urls
