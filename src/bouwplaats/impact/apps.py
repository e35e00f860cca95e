# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "bouwplaats.impact"
    verbose_name = _("Impact analysis")

    def ready(self) -> None:
        from bouwplaats.accounts.management_links import register_management_link
        from bouwplaats.catalogue.block_sections import BlockSection, register_block_section
        from bouwplaats.suppliers.extensions import SupplierSection, register_staff_link, register_supplier_section

        from . import monitor_hooks, sections
        from .permissions import can_link_suppliers

        # Who waits on whom: on a building block's page the late suppliers, on a supplier's page the
        # municipalities waiting on it.
        register_block_section(
            BlockSection("waiting", "impact/_block_waiting.html", sections.block_section, position=20)
        )
        register_supplier_section(
            SupplierSection("waiting", "impact/_supplier_waiting.html", sections.supplier_section)
        )
        # Staff link the landscapes' supplier texts to the register from the supplier list and their menus.
        register_staff_link(
            _("Link the landscapes' suppliers"), "impact:supplier-links", position=10, visible=can_link_suppliers
        )
        register_management_link(
            _("Link the landscapes' suppliers"), "impact:supplier-links", position=45, visible=can_link_suppliers
        )
        monitor_hooks.register()
