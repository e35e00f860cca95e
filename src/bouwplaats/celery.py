"""Celery application. Tasks run eagerly (in-process) unless a broker is configured."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bouwplaats.conf.dev")

app = Celery("bouwplaats")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Tasks that live in sub-packages of an app.
app.autodiscover_tasks(["bouwplaats.monitor.surveys"])
