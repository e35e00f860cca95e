# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import CurrentStatusViewSet, StatusEventViewSet

router = Router()
router.register("statuses", CurrentStatusViewSet, basename="status")
router.register("status-events", StatusEventViewSet, basename="status-event")

urlpatterns = router.urls
