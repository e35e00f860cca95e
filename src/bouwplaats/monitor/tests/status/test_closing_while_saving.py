# SPDX-License-Identifier: EUPL-1.2
"""Closing a programme while a municipality's status is being saved in it (PostgreSQL).

The save is slowed down just after it found the programme open; without a lock on the programme row
the close would commit in between and the status would land in a closed programme.
"""

import datetime
import threading
import time

import pytest
from django.db import connection

from bouwplaats.catalogue import rules
from bouwplaats.catalogue import services as catalogue_services
from bouwplaats.monitor import services
from bouwplaats.monitor.models import StatusEvent


@pytest.fixture
def pause_after_the_check(monkeypatch):
    """The status write pauses just after ``require_open`` said yes; the event is set then."""
    checked = threading.Event()

    def check_then_pause(programme):
        rules.require_open(programme)
        checked.set()
        time.sleep(0.5)

    monkeypatch.setattr(services, "require_open", check_then_pause)
    return checked


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_close_waits_for_a_status_save_that_found_the_programme_open(
    staff, programme, blocks, levels, town_a, coordinator_a, pause_after_the_check
):
    saved = {}

    def save():
        try:
            saved["event"] = services.status_report(
                actor=coordinator_a, municipality=town_a, building_block=blocks[0], level=levels[1]
            )
        finally:
            connection.close()

    writer = threading.Thread(target=save)
    writer.start()
    assert pause_after_the_check.wait(5)
    closed = catalogue_services.programme_close(actor=staff, programme=programme, closed_on=datetime.date.today())
    writer.join()
    event = StatusEvent.objects.get(pk=saved["event"].pk)
    assert event.recorded_at < closed.closed_at  # the close came after the save, not in the middle of it
