# SPDX-License-Identifier: EUPL-1.2
"""The reference data of the apps above the catalogue, loaded by ``load_reference_data`` after its own.

The catalogue must not import the apps built on it, yet their reference data (the suppliers' standards
and agreements) belongs to the same one check-then-write run. Those apps register a step in
``AppConfig.ready``::

    from bouwplaats.catalogue.reference_steps import ReferenceStep, register_reference_step
    register_reference_step(ReferenceStep("suppliers", read=read_supplier_data, apply=apply_supplier_data))

``read(data_dir, problems)`` reads and checks the app's files before anything is written, adding each
problem to ``problems``, and returns what ``apply(data)`` needs. ``apply`` runs in the same transaction,
after the municipalities, the programme and the GEMMA model are loaded, and returns its counts per kind of
object (``{"standards": {"created": 3, "kept": 200}}``), as the catalogue's own steps do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bouwplaats.organisations.reference_data import Problems


@dataclass(frozen=True)
class ReferenceStep:
    name: str
    read: Callable[[Path, Problems], Any]
    apply: Callable[[Any], dict[str, dict[str, int]]]


_steps: dict[str, ReferenceStep] = {}


def register_reference_step(step: ReferenceStep) -> None:
    _steps[step.name] = step


def unregister_reference_step(name: str) -> None:
    _steps.pop(name, None)


def reference_steps() -> list[ReferenceStep]:
    """The registered steps, in the order they were registered (the order of INSTALLED_APPS)."""
    return list(_steps.values())
