# SPDX-License-Identifier: EUPL-1.2
"""Scheduled work of the survey rounds (Celery; runs in-process unless a broker is configured)."""

from celery import shared_task
from django.utils import timezone

from . import selectors, services


@shared_task(name="monitor.send_survey_reminders")
def send_survey_reminders(base_url: str | None = None) -> dict:
    """Send today's reminders for every open survey round; returns the counts per round id."""
    today = timezone.localdate()
    return {
        str(survey_round.pk): services.survey_round_remind(survey_round=survey_round, today=today, base_url=base_url)
        for survey_round in selectors.open_rounds(today=today)
    }
