# SPDX-License-Identifier: EUPL-1.2
"""Writes at the same moment (PostgreSQL, real row locks): two reports of one pair, and an import
applied while a coordinator reports. Nothing may be lost or counted twice."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from bouwplaats.core.testing import at_the_same_moment
from bouwplaats.monitor import services
from bouwplaats.monitor.imports import services as imports
from bouwplaats.monitor.models import CurrentStatus, StatusEvent

from ..imports.files import csv_file

DAY = datetime.date(2021, 3, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _consistent(municipality, block):
    """The pair's current row counts every event and points at the latest."""
    events = list(StatusEvent.objects.filter(municipality=municipality, building_block=block))
    current = CurrentStatus.objects.get(municipality=municipality, building_block=block)
    latest = max(events, key=lambda event: (event.valid_from, event.recorded_at, event.pk))
    assert (current.version, current.last_event_id, current.level_id) == (len(events), latest.pk, latest.level_id)
    return events


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reports_of_one_version_at_the_same_moment_one_is_told_and_nothing_is_lost(
    staff, programme, levels, blocks, town_a
):
    a = blocks[0]
    services.status_report(actor=staff, municipality=town_a, building_block=a, level=levels[1])

    def report(level):
        return lambda: services.status_report(
            actor=staff, municipality=town_a, building_block=a, level=level, expected_version=1
        )

    outcomes = at_the_same_moment(report(levels[2]), report(levels[3]), errors_allowed=True)

    conflicts = [outcome for outcome in outcomes if isinstance(outcome, services.StatusConflict)]
    assert len(conflicts) == 1, outcomes
    assert len(_consistent(town_a, a)) == 2  # the first report and the winner; the other was told


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_import_applied_while_a_report_is_saved_keeps_both(staff, programme, levels, blocks, town_a):
    a, b, _c = blocks
    services.status_report(actor=staff, municipality=town_a, building_block=a, level=levels[1])
    batch = imports.import_check(
        actor=staff,
        programme=programme,
        file=csv_file([["GM9901", "AAA", "in gebruik", ""], ["GM9901", "BBB", "implementatie", ""]]),
        valid_on=DAY,
    )

    outcomes = at_the_same_moment(
        lambda: imports.import_apply(actor=staff, batch=batch),
        lambda: services.status_report(actor=staff, municipality=town_a, building_block=a, level=levels[2]),
        errors_allowed=True,
    )

    assert not any(isinstance(outcome, Exception) and not isinstance(outcome, ValidationError) for outcome in outcomes)
    imported = not isinstance(outcomes[0], ValidationError)
    events = _consistent(town_a, a)
    assert len(events) == (3 if imported else 2)  # the first report, the concurrent one, the import's
    if imported:
        _consistent(town_a, b)
    else:  # failed as a whole: nothing of it was written
        assert not StatusEvent.objects.filter(import_batch=batch).exists()
