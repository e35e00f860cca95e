# SPDX-License-Identifier: EUPL-1.2
"""Scheduled work of co-creation (Celery; runs in-process unless a broker is configured)."""

from celery import shared_task

from . import services


@shared_task(name="cocreation.process_consultations")
def process_consultations() -> dict:
    """Announce consultations that opened or closed since the last run (each once)."""
    return services.consultation_announcements_send()
