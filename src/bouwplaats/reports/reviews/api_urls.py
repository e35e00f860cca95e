from rest_framework.routers import SimpleRouter

from .api import GatewayRecommendationViewSet, GatewayReviewViewSet

router = SimpleRouter(trailing_slash=True)
router.register("gateway-reviews", GatewayReviewViewSet, basename="gateway-review")
router.register("gateway-review-recommendations", GatewayRecommendationViewSet, basename="gateway-recommendation")

urlpatterns = router.urls
