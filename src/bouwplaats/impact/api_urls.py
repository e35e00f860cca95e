# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import LandscapeViewSet, ScenarioViewSet, WaitingViewSet

router = Router()
router.register("impact/scenarios", ScenarioViewSet, basename="impact-scenario")
router.register("impact/landscapes", LandscapeViewSet, basename="impact-landscape")
router.register("impact/waiting", WaitingViewSet, basename="impact-waiting")

urlpatterns = router.urls
