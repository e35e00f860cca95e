# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import ImportBatchViewSet, MergerViewSet

router = Router()
router.register("imports", ImportBatchViewSet, basename="import")
router.register("mergers", MergerViewSet, basename="merger")

urlpatterns = router.urls
