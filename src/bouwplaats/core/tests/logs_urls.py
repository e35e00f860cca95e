# SPDX-License-Identifier: EUPL-1.2
"""Pages that log, for the tests of the request and task context in logs."""

import logging

from django.http import HttpResponse
from django.urls import path

from bouwplaats import celery_app

logger = logging.getLogger("bouwplaats.core.tests")


@celery_app.task(name="core.tests.log_in_task")
def log_in_task():
    logger.info("in_task")


def signed_in_page(request):
    user_pk = request.user.pk  # loads the user, as every signed-in page does
    logger.info("in_view", extra={"ignored": "extra"})
    return HttpResponse(f"user {user_pk}")


def page_without_user(request):
    logger.info("in_view")
    return HttpResponse("no user loaded")


def page_with_task(request):
    log_in_task.delay()
    return HttpResponse("task run")


def signed_link(request, uidb64, token):
    return HttpResponse("link")


urlpatterns = [
    path("signed-in/", signed_in_page, name="signed-in"),
    path("no-user/", page_without_user, name="no-user"),
    path("task/", page_with_task, name="task"),
    path("activate/<uidb64>/<token>/", signed_link, name="signed-link"),
]
