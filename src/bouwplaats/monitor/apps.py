# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _may_read_import(user, batch) -> bool:
    return _may_import(user)


def _may_import(user) -> bool:
    # Imported when asked, so that loading the app does not load the import machinery.
    from .imports.services import can_import

    return can_import(user)


# The kind of the background job that applies a large import (``imports.jobs``).
IMPORT_APPLY = "monitor.import_apply"


def _apply_import(job, progress):
    from .imports.jobs import run_import_apply

    return run_import_apply(job, progress)


class MonitorConfig(AppConfig):
    name = "bouwplaats.monitor"
    verbose_name = _("Implementation monitor")

    def ready(self) -> None:
        from bouwplaats.accounts.management_links import register_management_link
        from bouwplaats.accounts.permissions import is_programme_staff
        from bouwplaats.catalogue.succession import register_part
        from bouwplaats.core import private_media
        from bouwplaats.organisations.municipality_links import (
            register_municipality_link,
            register_municipality_link_group,
        )

        # The management menus of accounts list these pages after its own.
        register_management_link(_("Survey rounds"), "monitor:survey-list", position=10, visible=is_programme_staff)
        register_management_link(_("Imports"), "monitor:import-list", position=20, visible=_may_import)
        register_management_link(_("Mergers"), "monitor:import-mergers", position=30, visible=_may_import)
        # Large imports are applied by a background job, which other importers may follow too.
        from bouwplaats.core.jobs import register

        from . import services
        from .dashboards import open_data
        from .links import aggregated_progress, may_open_progress, progress_in_other_programmes
        from .models import ImportBatch, StatusEvent
        from .permissions import can_view_evidence_file

        register(IMPORT_APPLY, _apply_import, staff=_may_import)
        # The open-data page lists the progress per province and (where public) per municipality.
        open_data.register()
        # A municipality's page links to its progress for whom may see it, else to its province's figures.
        register_municipality_link(
            _("Progress per building block"),
            "monitor:municipality-progress",
            position=10,
            visible=may_open_progress,
            instead=aggregated_progress,
        )
        # ... and to its progress in the predecessors and successors of the current programme.
        register_municipality_link_group("monitor.other-programmes", progress_in_other_programmes, position=11)
        # Evidence files to whom sees the history that links them; uploaded imports to whom may import.
        private_media.register(
            StatusEvent,
            "evidence_file",
            can_view=can_view_evidence_file,
            select_related=("municipality", "building_block__programme"),
        )
        private_media.register(ImportBatch, "file", can_view=_may_read_import)
        # A successor can start from each municipality's status in its predecessor.
        register_part(
            "statuses",
            _("Current status per municipality"),
            services.statuses_copy,
            position=40,
            requires=("status_levels", "building_blocks"),
            help_text=_(
                "Each municipality starts from its status in the predecessor, recorded as taken over from it, "
                "with its planned date, budget, blockers and evidence."
            ),
        )
