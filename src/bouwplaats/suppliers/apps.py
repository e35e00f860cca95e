from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliersConfig(AppConfig):
    name = "bouwplaats.suppliers"
    verbose_name = _("Suppliers and standards")

    def ready(self) -> None:
        from bouwplaats.accounts.management_links import register_management_link
        from bouwplaats.accounts.permissions import is_programme_staff

        # The StUF conformance reports of all suppliers and municipalities, for programme staff.
        register_management_link(
            _("StUF conformance"), "conformance:report-list", position=40, visible=is_programme_staff
        )
