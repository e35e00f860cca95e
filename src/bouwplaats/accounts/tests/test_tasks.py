# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from freezegun import freeze_time

from bouwplaats.accounts import tasks
from bouwplaats.celery import app

pytestmark = pytest.mark.django_db


def test_clear_sessions_deletes_expired_sessions_once():
    with freeze_time(timezone.now() - datetime.timedelta(days=60)):
        old = SessionStore()
        old["seen"] = True
        old.set_expiry(60)
        old.create()
    current = SessionStore()
    current["seen"] = True
    current.create()

    assert tasks.clear_sessions.apply().get() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]
    assert tasks.clear_sessions.apply().get() == 0
    assert Session.objects.count() == 1


def _record(model, days_ago: int):
    with freeze_time(timezone.now() - datetime.timedelta(days=days_ago)):
        return model.objects.create(username="a@example.org", ip_address="127.0.0.1", user_agent="test")


def test_clean_access_records_deletes_only_old_records_once(settings):
    settings.ACCESS_RECORDS_KEEP_DAYS = 30
    _record(AccessLog, 40)
    recent = _record(AccessLog, 2)
    _record(AccessFailureLog, 31)
    recent_failure = _record(AccessFailureLog, 1)

    assert tasks.clean_access_records.apply().get() == "1 logs removed. 1 logs removed."
    assert list(AccessLog.objects.all()) == [recent]
    assert list(AccessFailureLog.objects.all()) == [recent_failure]
    assert tasks.clean_access_records.apply().get() == "No logs found. No logs found."
    assert AccessLog.objects.count() == AccessFailureLog.objects.count() == 1


def test_every_scheduled_job_is_a_registered_task(settings):
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert names == {
        "monitor.send_survey_reminders",
        "notifications.send_notification_digest",
        "cocreation.process_consultations",
        "accounts.clear_sessions",
        "accounts.clean_access_records",
        "core.clean_jobs",
        "core.update_open_data_files",
    }
    app.loader.import_default_modules()  # what a worker does as it starts: find every app's tasks
    assert names <= set(app.tasks)
