# SPDX-License-Identifier: EUPL-1.2
"""Celery tasks of the core, found by the worker's autodiscovery: running a background job, rendering
a cached part's new version (``core.fragments``), and the nightly clean-up of old jobs (beat;
`manage.py clean_jobs` for cron)."""

from celery import shared_task
from django.conf import settings

from .fragments import render_fragment
from .jobs import jobs_clean, run_job

__all__ = ["run_job", "render_fragment", "clean_jobs"]


@shared_task(name="core.clean_jobs")
def clean_jobs() -> dict[str, int]:
    return jobs_clean(keep_days=settings.JOBS_KEEP_DAYS, stuck_hours=settings.JOBS_STUCK_HOURS)
