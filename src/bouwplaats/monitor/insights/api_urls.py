from bouwplaats.core.api import Router

router = Router()

urlpatterns = router.urls
