# SPDX-License-Identifier: EUPL-1.2
from django.urls import include, path

from . import views

app_name = "reports"

report = "<slug:slug>/<slug:template_code>/"

urlpatterns = [
    path("", views.index, name="index"),
    # Before the reports: "gateway-reviews" would otherwise be read as a programme's short name.
    path("gateway-reviews/", include("bouwplaats.reports.reviews.urls")),
    path(report, views.report_page, name="report-page"),
    path(report + "rapportage.pdf", views.report_pdf, name="report-pdf"),
    path(report + "pdf-maken/", views.report_pdf_job, name="report-pdf-job"),
    path(report + "rapportage.xlsx", views.report_xlsx, name="report-xlsx"),
]
