# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import ProgrammeReportViewSet

router = Router()
router.register("programme-reports", ProgrammeReportViewSet, basename="api-programme-report")

urlpatterns = router.urls
