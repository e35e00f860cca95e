from django.urls import include, path

app_name = "reports"

urlpatterns = [
    path("gateway-reviews/", include("bouwplaats.reports.reviews.urls")),
]
