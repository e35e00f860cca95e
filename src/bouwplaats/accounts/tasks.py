# SPDX-License-Identifier: EUPL-1.2
"""Nightly clean-up of sign-in records (Celery beat; each wraps the management command for cron).

Both delete only what is past its age, so a second run deletes nothing more.
"""

import io

from celery import shared_task
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone


@shared_task(name="accounts.clear_sessions")
def clear_sessions() -> int:
    """Delete expired sessions (`manage.py clearsessions`); returns how many there were."""
    expired = Session.objects.filter(expire_date__lt=timezone.now()).count()
    call_command("clearsessions")
    return expired


@shared_task(name="accounts.clean_access_records")
def clean_access_records(age_days: int | None = None) -> str:
    """Delete django-axes' records of sign-in attempts older than ``ACCESS_RECORDS_KEEP_DAYS``
    (`manage.py axes_reset_logs` and `axes_reset_failure_logs`); returns what the commands said."""
    age = settings.ACCESS_RECORDS_KEEP_DAYS if age_days is None else age_days
    output = io.StringIO()
    call_command("axes_reset_logs", age=age, stdout=output)
    call_command("axes_reset_failure_logs", age=age, stdout=output)
    return " ".join(output.getvalue().split())
