from rest_framework.routers import SimpleRouter

from .api import ConformanceReportViewSet

router = SimpleRouter(trailing_slash=True)
router.register("conformance-reports", ConformanceReportViewSet, basename="conformance-report")

urlpatterns = router.urls
