# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import NotificationViewSet

router = Router()
router.register("notifications", NotificationViewSet, basename="api-notification")

urlpatterns = router.urls
