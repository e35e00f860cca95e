# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import BuildingBlockViewSet, ProgrammeViewSet, ResultAgreementViewSet

router = Router()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("building-blocks", BuildingBlockViewSet, basename="building-block")
router.register("result-agreements", ResultAgreementViewSet, basename="result-agreement")

urlpatterns = router.urls
