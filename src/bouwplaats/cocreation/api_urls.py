from rest_framework.routers import SimpleRouter

from .api import ConsultationViewSet, IdeaViewSet

router = SimpleRouter(trailing_slash=True)
router.register("ideas", IdeaViewSet, basename="idea")
router.register("consultations", ConsultationViewSet, basename="consultation")

urlpatterns = router.urls
