# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import GatewayRecommendationViewSet, GatewayReviewViewSet

router = Router()
router.register("gateway-reviews", GatewayReviewViewSet, basename="gateway-review")
router.register("gateway-review-recommendations", GatewayRecommendationViewSet, basename="gateway-recommendation")

urlpatterns = router.urls
