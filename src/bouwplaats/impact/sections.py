# SPDX-License-Identifier: EUPL-1.2
"""What the landscapes add to the pages of the apps below them: who waits on whom on a building block's page
(the catalogue) and on a supplier's page (the suppliers). Registered in ``ImpactConfig.ready``.

Which municipality runs which product is part of its landscape, which is not public: programme staff see
the municipalities by name, everyone else their number.
"""

from __future__ import annotations

from bouwplaats.accounts.permissions import is_programme_staff

from . import waiting


def block_section(block, user) -> dict | None:
    """The suppliers late for ``block`` and the municipalities waiting on each; nothing when no one waits."""
    waits = waiting.block_waits(block)
    if not waits:
        return None
    return {"block": block, "waits": waits, "show_names": is_programme_staff(user), "deadline": waits[0].deadline}


def supplier_section(supplier, user) -> dict | None:
    """Per block, the municipalities waiting on ``supplier``; nothing when no one waits on it."""
    waits = waiting.supplier_waits(supplier)
    if not waits:
        return None
    return {"supplier": supplier, "waits": waits, "show_names": is_programme_staff(user)}
