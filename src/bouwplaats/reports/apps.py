# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The kind of the background job that writes a report's PDF (``jobs``).
REPORT_PDF = "reports.report_pdf"


def _write_pdf(job, progress):
    from .jobs import run_report_pdf

    return run_report_pdf(job, progress)


class ReportsConfig(AppConfig):
    name = "bouwplaats.reports"
    verbose_name = _("Programme reports")

    def ready(self) -> None:
        from bouwplaats.accounts.management_links import register_management_link
        from bouwplaats.accounts.permissions import is_programme_staff
        from bouwplaats.catalogue.reference_steps import register_reference_step
        from bouwplaats.core.jobs import register
        from bouwplaats.suppliers import report_section as supplier_section

        from . import builtin_sections, reference
        from .reviews import report_section
        from .reviews.permissions import can_edit_reviews
        from .sections import FULL_TEMPLATES, Section, register_section

        # A report's PDF takes seconds to write: a background job writes it for the user who asked, or one
        # shared job per data version for the visitors who are not signed in (the public report).
        register(REPORT_PDF, _write_pdf, staff=is_programme_staff, shared=True)
        # The programme's own budget is loaded with the rest of the reference data.
        register_reference_step(reference.STEP)
        # The report's own sections, through the same registry as the sections of other apps.
        for section in builtin_sections.SECTIONS:
            register_section(section)
        # The Gateway review report shows the latest review in its reserved slot.
        register_section(report_section.SECTION)
        # The suppliers' readiness per building block and their overdue delivery dates (ALV, Gateway review).
        register_section(
            Section(
                "suppliers",
                _("Suppliers: readiness and overdue commitments"),
                supplier_section.supplier_figures,
                65,
                FULL_TEMPLATES,
                object_types=supplier_section.OBJECT_TYPES,
            )
        )
        # Gateway reviews: staff add and edit them from the management menus; everyone reads them.
        register_management_link(_("Gateway reviews"), "reports:reviews:index", position=40, visible=can_edit_reviews)
