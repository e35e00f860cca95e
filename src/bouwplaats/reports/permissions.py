# SPDX-License-Identifier: EUPL-1.2
"""Who sees what of a programme report (design §7: reports are public)."""

from bouwplaats.accounts.permissions import is_programme_staff


def can_view_details(user, programme) -> bool:
    """Whether ``user`` may see the tables that name single municipalities (the result agreements met
    per municipality, the municipalities not reached yet): programme staff, and everyone once the
    programme makes each municipality's progress public (``Programme.municipality_status_is_public``).
    The aggregated figures are public."""
    return programme.municipality_status_is_public() or is_programme_staff(user)
