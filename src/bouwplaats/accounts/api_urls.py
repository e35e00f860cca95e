from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import MeView

router = SimpleRouter(trailing_slash=True)

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    *router.urls,
]
