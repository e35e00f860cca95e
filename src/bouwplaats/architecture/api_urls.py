from rest_framework.routers import SimpleRouter

from .api import ArchitectureModelViewSet, ElementViewSet

router = SimpleRouter(trailing_slash=True)
router.register("architecture-models", ArchitectureModelViewSet, basename="architecture-model")
router.register("elements", ElementViewSet, basename="element")

urlpatterns = router.urls
