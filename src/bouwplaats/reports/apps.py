from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "bouwplaats.reports"
    verbose_name = _("Programme reports")

    def ready(self) -> None:
        from bouwplaats.catalogue.reference_loaders import register_reference_loader

        from . import builtin_sections, reference
        from .sections import register_section

        # The programme's own budget is loaded with the rest of the reference data.
        register_reference_loader(reference.LOADER)
        # The report's own sections, through the same registry as the sections of other apps.
        for section in builtin_sections.SECTIONS:
            register_section(section)
