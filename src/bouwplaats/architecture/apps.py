# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchitectureConfig(AppConfig):
    name = "bouwplaats.architecture"
    verbose_name = _("Architecture models")

    def ready(self) -> None:
        from bouwplaats.core.jobs import register

        from .jobs import MODEL_IMPORT, run_model_import
        from .permissions import can_import_models

        # A model is imported by a background job (a large release takes many seconds).
        register(MODEL_IMPORT, run_model_import, staff=can_import_models)
