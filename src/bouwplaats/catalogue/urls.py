# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "catalogue"

programme = "programmas/<slug:slug>/"
block = programme + "bouwstenen/<str:code>/"
level = programme + "statusniveaus/<slug:code>/"
agreement = programme + "resultaatafspraken/<int:number>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("bouwstenen/", views.building_block_list_current, name="building-block-list-current"),
    path("programmas/", views.programme_list, name="programme-list"),
    path("programmas/nieuw/", views.programme_create, name="programme-create"),
    path(programme, views.programme_detail, name="programme-detail"),
    path(programme + "bewerken/", views.programme_edit, name="programme-edit"),
    path(programme + "afsluiten/", views.programme_close, name="programme-close"),
    path(programme + "opvolger/", views.successor_start, name="successor-start"),
    path(programme + "statusniveaus/", views.status_level_list, name="status-level-list"),
    path(level + "bewerken/", views.status_level_edit, name="status-level-edit"),
    path(level + "verplaatsen/", views.status_level_move, name="status-level-move"),
    path(level + "verwijderen/", views.status_level_delete, name="status-level-delete"),
    path(programme + "bouwstenen/", views.building_block_list, name="building-block-list"),
    path(programme + "bouwstenen/nieuw/", views.building_block_create, name="building-block-create"),
    path(block, views.building_block_detail, name="building-block-detail"),
    path(block + "bewerken/", views.building_block_edit, name="building-block-edit"),
    path(block + "afhankelijkheden/", views.building_block_dependencies, name="building-block-dependencies"),
    path(block + "verwijderen/", views.building_block_delete, name="building-block-delete"),
    path(block + "gemma/", views.building_block_gemma, name="building-block-gemma"),
    path(
        block + "gemma/<int:link_id>/verwijderen/",
        views.building_block_gemma_remove,
        name="building-block-gemma-remove",
    ),
    path(programme + "resultaatafspraken/", views.result_agreement_list, name="result-agreement-list"),
    path(programme + "resultaatafspraken/nieuw/", views.result_agreement_create, name="result-agreement-create"),
    path(agreement + "bewerken/", views.result_agreement_edit, name="result-agreement-edit"),
    path(agreement + "verwijderen/", views.result_agreement_delete, name="result-agreement-delete"),
]
