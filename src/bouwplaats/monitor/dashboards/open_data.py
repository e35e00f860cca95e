# SPDX-License-Identifier: EUPL-1.2
"""The monitor's open datasets: progress per province and, where the programme makes it public, per
municipality, each per building block and month (registered in ``MonitorConfig.ready``)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bouwplaats.catalogue.selectors import current_programme
from bouwplaats.core import tabular
from bouwplaats.core.open_data import CC0, SPREADSHEETS, Dataset, register_dataset

from ..versions import MONITOR_SOURCES
from . import selectors

PROVINCE_COLUMNS = [
    ("programme", "short name of the programme"),
    ("month", "the month (YYYY-MM); the state at its end"),
    ("province_code", "CBS code of the province"),
    ("province", "name of the province"),
    ("building_block_code", "code of the building block"),
    ("building_block", "name of the building block"),
    ("level_position", "position of the status level (0 is the lowest)"),
    ("level_code", "code of the status level"),
    ("level", "name of the status level"),
    ("municipalities", "number of municipalities of the province at this level"),
    ("municipalities_total", "number of municipalities of the province in the programme's division"),
    ("is_demo", "true when generated demonstration data contributed to this month, province and block"),
]
MUNICIPALITY_COLUMNS = [
    ("programme", "short name of the programme"),
    ("month", "the month (YYYY-MM); the state at its end"),
    ("municipality_code", "CBS code of the municipality"),
    ("municipality", "name of the municipality"),
    ("province_code", "CBS code of the province"),
    ("building_block_code", "code of the building block"),
    ("building_block", "name of the building block"),
    ("level_position", "position of the status level (0 is the lowest)"),
    ("level_code", "code of the status level"),
    ("level", "name of the status level"),
    ("is_demo", "true when the level comes from generated demonstration data"),
]


def _columns(described) -> list[tabular.Column]:
    return [tabular.Column(name, tabular.MONTH if name == "month" else tabular.AUTO) for name, _text in described]


def _flag(value: bool) -> str:
    return "true" if value else "false"


def province_progress_sheet(*, programme, today) -> tabular.Sheet:
    """Per month × province × block × level the number of municipalities."""
    levels = selectors.programme_levels(programme)
    blocks = sorted(selectors.programme_blocks(programme), key=lambda block: block.code)
    rows = selectors.open_data_rows(programme=programme, levels=levels, blocks=blocks, today=today)
    values = (
        [
            programme.slug,
            row.month,
            row.province_code,
            row.province_name,
            row.building_block.code,
            row.building_block.name,
            row.level.position,
            row.level.code,
            row.level.name,
            row.count,
            row.total,
            _flag(row.is_demo),
        ]
        for row in rows
    )
    return tabular.Sheet("open data", _columns(PROVINCE_COLUMNS), values)


def municipality_progress_sheet(*, programme, today) -> tabular.Sheet:
    """Per municipality × block × month the level at the end of the month."""
    rows = selectors.municipality_open_data_rows(programme=programme, today=today)
    values = ([programme.slug, *row[:-1], _flag(row[-1])] for row in rows)
    return tabular.Sheet("progress per municipality", _columns(MUNICIPALITY_COLUMNS), values)


def _empty(columns) -> tabular.Sheet:
    return tabular.Sheet("open data", _columns(columns), [])


def _province_table() -> tabular.Sheet:
    programme = current_programme()
    if programme is None:
        return _empty(PROVINCE_COLUMNS)
    return province_progress_sheet(programme=programme, today=timezone.localdate())


def _municipality_table() -> tabular.Sheet:
    programme = current_programme()
    if programme is None or not programme.municipality_status_is_public():
        return _empty(MUNICIPALITY_COLUMNS)
    return municipality_progress_sheet(programme=programme, today=timezone.localdate())


def municipality_progress_is_published() -> bool:
    """Whether the current programme makes each municipality's progress public today."""
    programme = current_programme()
    return programme is not None and programme.municipality_status_is_public()


def register() -> None:
    register_dataset(
        Dataset(
            key="progress",
            title=_("Progress per province, building block and month"),
            description=_(
                "For each month of the current programme, province, building block and status level the number "
                "of municipalities at that level at the end of the month. A municipality without a report counts "
                "at the lowest level."
            ),
            licence=CC0,
            table=_province_table,
            object_types=MONITOR_SOURCES,
            position=10,
            keywords=(_("progress"), _("municipalities"), _("building blocks"), _("provinces")),
            columns=tuple(PROVINCE_COLUMNS),
            prepared=SPREADSHEETS,  # too many rows to write a spreadsheet while a visitor waits
        )
    )
    register_dataset(
        Dataset(
            key="progress-municipalities",
            title=_("Progress per municipality, building block and month"),
            description=_(
                "For each month of the current programme, municipality and building block the status level at the "
                "end of the month. Only municipalities that reported on a building block are listed for it."
            ),
            licence=CC0,
            table=_municipality_table,
            object_types=MONITOR_SOURCES,
            position=11,
            keywords=(_("progress"), _("municipalities"), _("building blocks")),
            published=municipality_progress_is_published,
            withheld=_(
                "Not published: the programme keeps the progress of each municipality private. The figures per "
                "province above are open."
            ),
            columns=tuple(MUNICIPALITY_COLUMNS),
            prepared=SPREADSHEETS,  # too many rows to write a spreadsheet while a visitor waits
        )
    )
