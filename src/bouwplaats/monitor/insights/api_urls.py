# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

router = Router()

urlpatterns = router.urls
