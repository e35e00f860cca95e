from rest_framework.routers import SimpleRouter

from .api import ProgrammeReportViewSet

router = SimpleRouter(trailing_slash=True)
router.register("programme-reports", ProgrammeReportViewSet, basename="api-programme-report")

urlpatterns = router.urls
