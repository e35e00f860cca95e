from django.urls import path

from . import views

app_name = "reports"

report = "<slug:slug>/<slug:template_code>/"

urlpatterns = [
    path("", views.index, name="index"),
    path(report, views.report_page, name="report-page"),
    path(report + "rapportage.pdf", views.report_pdf, name="report-pdf"),
    path(report + "rapportage.xlsx", views.report_xlsx, name="report-xlsx"),
]
