# SPDX-License-Identifier: EUPL-1.2
"""The import benchmark's baseline (bench/architecture.py) writes the GEMMA release's rows with plain
``executemany``: it must keep up with the tables' columns, or ``make bench`` stops at it."""

import pytest
from bench.architecture import plain_insert

from bouwplaats.architecture.models import ArchitectureModel, Element, Relation, View

pytestmark = pytest.mark.django_db


def _counts(model) -> tuple[int, int, int, int]:
    return (
        Element.objects.filter(model=model).count(),
        Relation.objects.filter(model=model).count(),
        View.objects.filter(model=model).count(),
        View.elements.through.objects.filter(view__model=model).count(),
    )


def test_the_baseline_copies_every_row_of_the_model(gemma):
    plain_insert(gemma)()
    copy = ArchitectureModel.objects.get(name="bench")
    assert _counts(copy) == _counts(gemma)
    assert _counts(gemma)[0] > 0
