# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import landscape_views, report_views, supplier_link_views, views

app_name = "impact"

scenario = "<int:pk>/"

urlpatterns = [
    path("", views.scenario_list, name="scenario-list"),
    path("nieuw/", views.scenario_new, name="scenario-new"),
    path("kostenmodel/", views.cost_model, name="cost-model"),
    path(scenario, views.scenario_detail, name="scenario-detail"),
    path(scenario + "bewerken/", views.scenario_edit, name="scenario-edit"),
    path(scenario + "uitvoeren/", views.scenario_run, name="scenario-run"),
    path(scenario + "verwijderen/", views.scenario_delete, name="scenario-delete"),
    path(scenario + "gemeenten/<str:code>/", views.scenario_municipality, name="scenario-municipality"),
    path(scenario + "rapport/", report_views.report_page, name="report"),
    path(scenario + "rapport/bewerken/", report_views.report_edit, name="report-edit"),
    path(scenario + "rapport.pdf", report_views.report_pdf, name="report-pdf"),
    path(scenario + "rapport.xlsx", report_views.report_table, {"fmt": "xlsx"}, name="report-xlsx"),
    path(scenario + "rapport.ods", report_views.report_table, {"fmt": "ods"}, name="report-ods"),
    path(scenario + "subgraaf.xml", report_views.report_ameff, name="report-ameff"),
    path("landschap/", landscape_views.landscape_index, name="landscape-index"),
    path("landschap/importeren/", landscape_views.import_new, name="import-new"),
    path("landschap/importeren/<int:pk>/", landscape_views.import_detail, name="import-detail"),
    path("landschap/importeren/<int:pk>/toepassen/", landscape_views.import_apply, name="import-apply"),
    path("landschap/leveranciers-koppelen/", supplier_link_views.supplier_links, name="supplier-links"),
    path("landschap/<str:code>/", landscape_views.landscape, name="landscape"),
    path("landschap/<str:code>/toevoegen/", landscape_views.application_new, name="application-new"),
    path("landschap/<str:code>/<int:pk>/bewerken/", landscape_views.application_edit, name="application-edit"),
    path("landschap/<str:code>/<int:pk>/verwijderen/", landscape_views.application_delete, name="application-delete"),
]
