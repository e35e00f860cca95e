# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "bouwplaats.catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from . import open_data, services
        from .succession import register_part

        # What a successor can take over of the catalogue; the apps above add their own parts.
        register_part(
            "status_levels",
            _("Status ladder"),
            services.status_levels_copy,
            position=10,
            help_text=_("Every level with its code, name and description."),
        )
        register_part(
            "building_blocks",
            _("Building blocks"),
            services.building_blocks_copy,
            position=20,
            help_text=_("With their codes, descriptions, deadlines, dependencies and linked GEMMA elements."),
        )
        register_part(
            "result_agreements",
            _("Result agreements"),
            services.result_agreements_copy,
            position=30,
            requires=("status_levels", "building_blocks"),
            help_text=_("With their building blocks and required level."),
        )
        # The open-data page lists the building blocks and result agreements as datasets.
        open_data.register()
