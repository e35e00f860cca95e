from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.home, name="home"),
    path("bouwstenen/", views.home, name="building-block-list-current"),
]
