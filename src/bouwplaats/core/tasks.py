"""Celery tasks of the core, found by the worker's autodiscovery: running a background job."""

from .jobs import run_job

__all__ = ["run_job"]
