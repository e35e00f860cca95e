# SPDX-License-Identifier: EUPL-1.2
"""Celery application. Tasks run eagerly (in-process) unless a broker is configured."""

import os
from logging.config import dictConfig

from celery import Celery
from celery.signals import setup_logging
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bouwplaats.conf.dev")

app = Celery("bouwplaats")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Tasks that live in sub-packages of an app.
app.autodiscover_tasks(["bouwplaats.monitor.surveys"])


@setup_logging.connect
def use_django_logging(**kwargs):
    """A worker logs as the site does (``LOGGING``: JSON or plain, with the task's id) instead of
    Celery's own format; settings are read once the worker starts."""
    dictConfig(settings.LOGGING)
