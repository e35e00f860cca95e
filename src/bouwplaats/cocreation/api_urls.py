# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import ConsultationViewSet, IdeaViewSet

router = Router()
router.register("ideas", IdeaViewSet, basename="idea")
router.register("consultations", ConsultationViewSet, basename="consultation")

urlpatterns = router.urls
