# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "reviews"

programme = "<slug:slug>/"
review = programme + "<int:pk>/"

urlpatterns = [
    path("", views.review_index, name="index"),
    path(programme, views.review_list, name="list"),
    path(programme + "nieuw/", views.review_create, name="create"),
    path(review, views.review_detail, name="detail"),
    path(review + "bewerken/", views.review_edit, name="edit"),
    path(review + "resultaatafspraken/", views.ratings_edit, name="ratings"),
    path(review + "aanbevelingen/nieuw/", views.recommendation_create, name="recommendation-create"),
    path(review + "aanbevelingen/<int:number>/bewerken/", views.recommendation_edit, name="recommendation-edit"),
]
