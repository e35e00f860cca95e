# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliersConfig(AppConfig):
    name = "bouwplaats.suppliers"
    verbose_name = _("Suppliers and standards")

    def ready(self) -> None:
        from bouwplaats.accounts.landing import register_landing
        from bouwplaats.accounts.management_links import register_management_link
        from bouwplaats.accounts.permissions import is_programme_staff
        from bouwplaats.catalogue.block_sections import BlockSection, register_block_section
        from bouwplaats.catalogue.reference_steps import ReferenceStep, register_reference_step
        from bouwplaats.catalogue.succession import register_part
        from bouwplaats.monitor.extensions import OverviewSection, register_overview_section
        from bouwplaats.organisations.municipality_links import register_municipality_link_group

        from . import sections
        from .conformance.permissions import municipality_check_links
        from .permissions import can_manage_suppliers
        from .reference import apply_supplier_data, read_supplier_data
        from .services import agreements_copy

        # Programme staff decide on representatives from their management menus.
        register_management_link(
            _("Supplier representatives"), "suppliers:membership-requests", position=40, visible=can_manage_suppliers
        )
        # The StUF conformance reports of all suppliers and municipalities, for programme staff.
        register_management_link(
            _("StUF conformance"), "conformance:report-list", position=40, visible=is_programme_staff
        )
        # A municipality's page leads its coordinators to the StUF check, with the municipality chosen.
        register_municipality_link_group("suppliers.stuf-check", municipality_check_links, position=60)
        # After logging in, a representative lands on the own supplier's page (after the coordinators' landing).
        register_landing(sections.landing_url, position=20)
        # A building block's page shows the products that support it and the suppliers' delivery dates.
        register_block_section(BlockSection("suppliers", "suppliers/_block_section.html", sections.block_section))
        # The programme overview flags the overdue delivery dates.
        register_overview_section(
            OverviewSection(
                "suppliers",
                "suppliers/_overview_section.html",
                sections.overview_section,
                object_types=sections.OVERVIEW_OBJECT_TYPES,
            )
        )
        # load_reference_data loads the standards and the supplier agreements after the GEMMA model.
        register_reference_step(ReferenceStep("suppliers", read=read_supplier_data, apply=apply_supplier_data))
        # A successor programme can take over the supplier agreements (not who signed them).
        register_part(
            "supplier_agreements",
            _("Supplier agreements"),
            agreements_copy,
            position=70,
            requires=("building_blocks",),
            help_text=_(
                "The covenant and its addenda, each addendum with the successor's building blocks of the same "
                "codes. Signatures and delivery dates are not taken over: suppliers sign the new programme's "
                "agreements anew."
            ),
        )
