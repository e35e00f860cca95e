# SPDX-License-Identifier: EUPL-1.2
"""The columns of the status import: the names a header may give them, in Dutch or English.

Files are read by ``core.tabular.read_table`` with ``STATUS_LAYOUT``; the landscape import of
``impact`` has its own layout.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bouwplaats.core.tabular import Layout

# Column → accepted header names (compared after ``normalise_header``); the first is the canonical one.
COLUMNS: dict[str, tuple[str, ...]] = {
    "municipality": (
        "municipality",
        "municipality_code",
        "gemeente",
        "gemeentecode",
        "gemeente_code",
        "code_gemeente",
        "cbs_code",
        "cbscode",
        "gm_code",
    ),
    "municipality_name": ("municipality_name", "gemeentenaam", "naam_gemeente", "naam"),
    "building_block": (
        "building_block",
        "block",
        "building_block_code",
        "bouwsteen",
        "bouwsteencode",
        "code_bouwsteen",
        "voorziening",
    ),
    "level": ("level", "status", "status_level", "niveau", "statusniveau", "fase"),
    "valid_from": ("valid_from", "date", "geldig_vanaf", "geldig_per", "datum", "peildatum"),
    "planned_date": ("planned_date", "planned", "geplande_datum", "gepland", "planning", "streefdatum"),
    "note": ("note", "notes", "comment", "opmerking", "opmerkingen", "toelichting"),
    "evidence_url": ("evidence_url", "evidence", "url", "link", "bewijs", "bewijs_url", "onderbouwing"),
    "blockers": ("blockers", "blocker", "belemmeringen", "belemmering"),
}


STATUS_LAYOUT = Layout(
    columns=COLUMNS,
    required=(
        (("municipality", "municipality_name"), _("municipality (code or name)")),
        (("building_block",), _("building block")),
        (("level",), _("status level")),
    ),
)
