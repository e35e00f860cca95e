# SPDX-License-Identifier: EUPL-1.2
"""Error bodies of the API as problem details (RFC 9457, ``application/problem+json``).

Every error the API answers has the same shape: ``type``, ``title``, ``status``, ``detail`` and
``instance`` (the path that was asked for), and for invalid input ``invalidParams``: one
``{name, reason}`` per message, ``name`` being the field or query parameter. The DRF views get it
from ``core.api.exception_handler``; the answers given outside a view (404 for an unknown path, the
413 and 503 of ``core.failures``) from ``problem_response`` below.
"""

from http import HTTPStatus

from django.http import JsonResponse
from rest_framework.settings import api_settings

API_PREFIX = "/api/"
MEDIA_TYPE = "application/problem+json"
# The problem types are the plain HTTP statuses; ``title`` is then the status's own phrase.
TYPE = "about:blank"


def is_api_request(request) -> bool:
    return request.path.startswith(API_PREFIX)


def problem(status: int, detail: str, instance: str = "", **extra) -> dict:
    """The body of a problem: the status's phrase as title, ``detail`` for the reader."""
    body = {"type": TYPE, "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    body.update(extra)
    return body


def invalid_params(detail, prefix: str = "") -> list[dict]:
    """DRF's validation messages (a dict per field, lists, nested serializers) as ``invalidParams``."""
    if isinstance(detail, dict):
        params = []
        for name, value in detail.items():
            params += invalid_params(value, f"{prefix}.{name}" if prefix else str(name))
        return params
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [_param(prefix, item) for item in detail]
        params = []
        for index, item in enumerate(detail):
            params += invalid_params(item, f"{prefix}.{index}" if prefix else str(index))
        return params
    return [_param(prefix, detail)]


def _param(name: str, message) -> dict:
    param = {"name": name or api_settings.NON_FIELD_ERRORS_KEY, "reason": str(message)}
    code = getattr(message, "code", None)
    if code:
        param["code"] = code
    return param


def problem_response(request, status: int, detail: str, **extra) -> JsonResponse:
    """A problem as a response, for answers given outside a DRF view."""
    return JsonResponse(problem(status, detail, request.path, **extra), status=status, content_type=MEDIA_TYPE)
