# SPDX-License-Identifier: EUPL-1.2
"""Celery tasks of the core, found by the worker's autodiscovery: running a background job, rendering
a cached part's new version (``core.fragments``), the nightly clean-up of old jobs (beat;
`manage.py clean_jobs` for cron), and writing the prepared open-data files (queued by a download, and
every ten minutes by beat; `manage.py update_open_data_files`)."""

from celery import shared_task
from django.conf import settings

from .fragments import render_fragment
from .jobs import jobs_clean, run_job
from .open_data_files import update_open_data_files, write_open_data_file

__all__ = ["run_job", "render_fragment", "clean_jobs", "update_open_data_files", "write_open_data_file"]


@shared_task(name="core.clean_jobs")
def clean_jobs() -> dict[str, int]:
    return jobs_clean(keep_days=settings.JOBS_KEEP_DAYS, stuck_hours=settings.JOBS_STUCK_HOURS)
