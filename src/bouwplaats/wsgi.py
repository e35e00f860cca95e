# SPDX-License-Identifier: EUPL-1.2
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bouwplaats.conf.production")

application = get_wsgi_application()

if settings.STUF_SCHEMAS_PRELOAD:
    # Only now are the apps loaded. A serving process parses the StUF schemas in the background as it
    # starts (docs/admin/stuf-conformance.md), so that the first conformance check need not wait for them.
    from bouwplaats.suppliers.conformance.schemas import warm_up_in_background

    warm_up_in_background()
