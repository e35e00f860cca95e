from rest_framework.routers import SimpleRouter

from .api import SurveyRoundViewSet

router = SimpleRouter(trailing_slash=True)
router.register("survey-rounds", SurveyRoundViewSet, basename="survey-round")

urlpatterns = router.urls
