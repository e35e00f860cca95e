"""Reference data of the apps above the catalogue, loaded by ``load_reference_data`` with its own.

The catalogue must not import the apps built on it; an app that keeps reference data about a
programme (the reports keep the programme's own budget) registers a loader in its
``AppConfig.ready`` instead. ``read(data_dir, problems)`` reads and checks its files, adds every
problem to ``problems`` and returns what it read; when no file of any loader has a problem,
``apply(data)`` writes it in the same transaction as the rest, after the programme is created, and
returns its counts per kind of object (``{"programme budgets": {"created": 2, "kept": 0}}``). A
problem found only while writing is raised as ``ReferenceDataError``: everything is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bouwplaats.organisations.reference_data import Problems


@dataclass(frozen=True)
class ReferenceLoader:
    name: str
    read: Callable[[Path, Problems], Any]
    apply: Callable[[Any], dict[str, dict[str, int]]]


_loaders: dict[str, ReferenceLoader] = {}


def register_reference_loader(loader: ReferenceLoader) -> None:
    _loaders[loader.name] = loader


def reference_loaders() -> list[ReferenceLoader]:
    """The registered loaders, in the order of registration."""
    return list(_loaders.values())
