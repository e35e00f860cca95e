# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "architecture"

# Names and releases are in the path; the import service refuses a "/" in them and the name "importeren".
release = "<str:name>/<str:release>/"

urlpatterns = [
    path("", views.model_list, name="model-list"),
    path("importeren/", views.model_import, name="model-import"),
    path("<str:name>/", views.model_current, name="model-current"),
    path(release, views.model_detail, name="model-detail"),
    path(release + "elementen/", views.element_list, name="element-list"),
    path(release + "elementen/<str:identifier>/", views.element_detail, name="element-detail"),
    path(release + "ameff/", views.model_download, name="model-download"),
]
