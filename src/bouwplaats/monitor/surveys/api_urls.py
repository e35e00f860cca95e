# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import SurveyRoundViewSet

router = Router()
router.register("survey-rounds", SurveyRoundViewSet, basename="survey-round")

urlpatterns = router.urls
