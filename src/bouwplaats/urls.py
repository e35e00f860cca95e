# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView, SpectacularYAMLAPIView

from bouwplaats.core.health import HealthView
from bouwplaats.core.private_media import private_file
from bouwplaats.core.views import live
from bouwplaats.ui.views import api_reference

api_v1 = [
    path("", include("bouwplaats.organisations.api_urls")),
    path("", include("bouwplaats.catalogue.api_urls")),
    path("", include("bouwplaats.accounts.api_urls")),
    path("", include("bouwplaats.monitor.api_urls")),
    path("", include("bouwplaats.monitor.dashboards.api_urls")),
    path("", include("bouwplaats.monitor.insights.api_urls")),
    path("", include("bouwplaats.monitor.surveys.api_urls")),
    path("", include("bouwplaats.monitor.imports.api_urls")),
    path("", include("bouwplaats.suppliers.conformance.api_urls")),
    path("", include("bouwplaats.architecture.api_urls")),
    path("", include("bouwplaats.impact.api_urls")),
    path("", include("bouwplaats.knowledge.api_urls")),
    path("", include("bouwplaats.cocreation.api_urls")),
    path("", include("bouwplaats.notifications.api_urls")),
    path("", include("bouwplaats.reports.api_urls")),
    path("", include("bouwplaats.home.api_urls")),
    path("", include("bouwplaats.reports.reviews.api_urls")),
    path("", include("bouwplaats.suppliers.api_urls")),
    # After the monitor's: its open-data/progress.csv keeps its own view (and ?programme=).
    path("", include("bouwplaats.core.open_data_api_urls")),
    path("openapi.json", SpectacularJSONAPIView.as_view(api_version="v1"), name="api-schema"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(api_version="v1"), name="api-schema-yaml"),
    path("docs", api_reference, name="api-docs"),
    # Swagger UI, to try requests in the browser; the reference above is the accessible documentation.
    path("docs/swagger", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs-swagger"),
]

urlpatterns = [
    path("health/", HealthView.as_view(), name="health"),
    path("health/live/", live, name="health-live"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Private files (evidence, imports), after the permission check of the app that owns them.
    path("bestanden/<path:name>", private_file, name="private-file"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("account/", include("bouwplaats.accounts.urls")),
    path("gemeenten/", include("bouwplaats.organisations.urls")),
    path("voortgang/", include("bouwplaats.monitor.urls")),
    path("architectuur/", include("bouwplaats.architecture.urls")),
    path("conformiteit/", include("bouwplaats.suppliers.conformance.urls")),
    path("impactanalyse/", include("bouwplaats.impact.urls")),
    path("kennis/", include("bouwplaats.knowledge.urls")),
    path("cocreatie/", include("bouwplaats.cocreation.urls")),
    path("meldingen/", include("bouwplaats.notifications.urls")),
    path("rapportages/", include("bouwplaats.reports.urls")),
    path("taken/", include("bouwplaats.core.urls")),
    path("open-data/", include("bouwplaats.core.open_data_urls")),
    path("mijn-gemeente/", include("bouwplaats.home.urls")),
    path("leveranciers/", include("bouwplaats.suppliers.urls")),
    path("", include("bouwplaats.catalogue.urls")),
]

# 503 when the database is out of reach, also for errors raised outside a view (core.failures).
handler500 = "bouwplaats.core.failures.server_error"
# Under /api/ a problem (RFC 9457): a path with a trailing slash is a 404, not a redirect.
handler404 = "bouwplaats.core.failures.not_found"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
