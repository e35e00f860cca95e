# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import MyMunicipalityViewSet

router = Router()
router.register("my-municipalities", MyMunicipalityViewSet, basename="api-my-municipality")

urlpatterns = router.urls
