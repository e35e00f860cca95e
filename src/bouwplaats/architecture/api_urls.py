# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import ArchitectureModelViewSet, ElementViewSet

router = Router()
router.register("architecture-models", ArchitectureModelViewSet, basename="architecture-model")
router.register("elements", ElementViewSet, basename="element")

urlpatterns = router.urls
