from rest_framework.routers import SimpleRouter

from .api import BuildingBlockViewSet, ProgrammeViewSet, ResultAgreementViewSet

router = SimpleRouter(trailing_slash=True)
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("building-blocks", BuildingBlockViewSet, basename="building-block")
router.register("result-agreements", ResultAgreementViewSet, basename="result-agreement")

urlpatterns = router.urls
