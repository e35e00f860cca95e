# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "suppliers"

supplier = "<int:pk>/"
product = supplier + "pakketten/<int:product_id>/"
version = product + "versies/<int:version_id>/"
readiness = version + "gereedheid/<int:readiness_id>/"
agreement = "afspraken/<int:pk>/"

urlpatterns = [
    path("", views.supplier_list, name="supplier-list"),
    path("nieuw/", views.supplier_create, name="supplier-create"),
    path("vertegenwoordigers/", views.membership_requests, name="membership-requests"),
    path("vertegenwoordigers/<int:membership_id>/besluit/", views.membership_decide, name="membership-decide"),
    path("vertegenwoordigers/<int:membership_id>/beeindigen/", views.membership_end, name="membership-end"),
    path("afspraken/", views.agreement_list, name="agreement-list"),
    path(agreement, views.agreement_detail, name="agreement-detail"),
    path(
        agreement + "ondertekeningen/<int:signature_id>/leverdatum/",
        views.commitment_create,
        name="commitment-create",
    ),
    path(agreement + "leverdata/<int:commitment_id>/bewerken/", views.commitment_edit, name="commitment-edit"),
    path(supplier, views.supplier_detail, name="supplier-detail"),
    path(supplier + "bewerken/", views.supplier_edit, name="supplier-edit"),
    path(supplier + "geschiedenis/", views.supplier_history, name="supplier-history"),
    path(supplier + "vertegenwoordigen/", views.representation_request, name="representation-request"),
    path(supplier + "pakketten/nieuw/", views.product_create, name="product-create"),
    path(product + "bewerken/", views.product_edit, name="product-edit"),
    path(product + "versies/nieuw/", views.version_create, name="version-create"),
    path(version, views.version_detail, name="version-detail"),
    path(version + "bewerken/", views.version_edit, name="version-edit"),
    path(version + "gereedheid/nieuw/", views.readiness_create, name="readiness-create"),
    path(readiness + "bewerken/", views.readiness_edit, name="readiness-edit"),
    path(readiness + "verwijderen/", views.readiness_delete, name="readiness-delete"),
]
