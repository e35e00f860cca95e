# SPDX-License-Identifier: EUPL-1.2
"""The municipalities as open data: every municipality since 1990 with its period, province and merger
(registered in ``OrganisationsConfig.ready``). Reference data under the licence of its source, CBS."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bouwplaats.core import tabular
from bouwplaats.core.open_data import CC_BY, Dataset, register_dataset

from .selectors import municipality_periods

MUNICIPALITY_SOURCES = ("organisations.municipality", "organisations.province", "reference_data")
COLUMNS = (
    ("code", "CBS code of the municipality (GM and four digits)"),
    ("name", "name"),
    ("province_code", "CBS code of the province"),
    ("province", "name of the province"),
    ("valid_from", "the first day it existed (YYYY-MM-DD)"),
    ("valid_to", "the first day it no longer existed; empty while it exists"),
    ("merged_into_code", "CBS code of the municipality it merged into"),
)


def municipalities_sheet() -> tabular.Sheet:
    columns = [
        tabular.Column(name, tabular.DATE if name.startswith("valid") else tabular.AUTO) for name, _text in COLUMNS
    ]
    rows = (
        [
            municipality.code,
            municipality.name,
            municipality.province.code,
            municipality.province.name,
            municipality.valid_from,
            municipality.valid_to,
            municipality.merged_into.code if municipality.merged_into else "",
        ]
        for municipality in municipality_periods()
    )
    return tabular.Sheet("municipalities", columns, rows)


def register() -> None:
    register_dataset(
        Dataset(
            key="municipalities",
            title=_("Municipalities and their periods"),
            description=_(
                "Every Dutch municipality since 1990 with the period in which it existed, its province and the "
                "municipality it merged into. Reference data from CBS (the municipal division, via NLExtract) and "
                "RvIG (Landelijke Tabel 33, for the mergers)."
            ),
            licence=CC_BY,
            attribution="Bron: CBS",
            table=municipalities_sheet,
            object_types=MUNICIPALITY_SOURCES,
            position=30,
            keywords=(_("municipalities"), _("municipal mergers"), _("reference data")),
            columns=COLUMNS,
        )
    )
