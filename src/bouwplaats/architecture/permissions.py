# SPDX-License-Identifier: EUPL-1.2
"""Who may change architecture models: programme staff, and system processes (commands)."""

from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import is_programme_staff, require


def can_import_models(user) -> bool:
    return is_programme_staff(user)


def require_model_importer(actor) -> None:
    """``actor`` None is a system process, such as ``load_reference_data``."""
    require(actor is None or can_import_models(actor), _("Only programme staff may import architecture models."))
