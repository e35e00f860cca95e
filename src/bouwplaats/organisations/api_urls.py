# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import MunicipalityViewSet, ProvinceViewSet

router = Router()
router.register("provinces", ProvinceViewSet, basename="province")
router.register("municipalities", MunicipalityViewSet, basename="municipality")

urlpatterns = router.urls
