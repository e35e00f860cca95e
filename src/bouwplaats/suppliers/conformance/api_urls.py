# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import ConformanceReportViewSet

router = Router()
router.register("conformance-reports", ConformanceReportViewSet, basename="conformance-report")

urlpatterns = router.urls
