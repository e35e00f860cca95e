"""Columns that apps above the monitor add to a municipality's progress table.

The monitor must not import the apps built on it; they register a column in their
``AppConfig.ready`` instead (the knowledge centre shows each block's guide progress this way).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""


@dataclass(frozen=True)
class ProgressColumn:
    key: str
    label: str  # a lazy translation
    # (municipality, building blocks) -> {building block id: Cell}; a constant number of queries.
    cells: Callable[..., dict[int, Cell]]


_columns: dict[str, ProgressColumn] = {}


def register_progress_column(column: ProgressColumn) -> None:
    _columns[column.key] = column


def progress_columns(municipality, building_blocks) -> list[tuple[ProgressColumn, dict[int, Cell]]]:
    """Every registered column with its cells for these blocks."""
    return [(column, column.cells(municipality, building_blocks)) for column in _columns.values()]
