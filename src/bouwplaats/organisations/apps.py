# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "bouwplaats.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from .open_data import register

        # The open-data page lists the municipalities as a dataset.
        register()
