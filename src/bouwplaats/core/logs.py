# SPDX-License-Identifier: EUPL-1.2
"""Logs: one JSON object a line in production, readable lines in development and tests.

Every line, from our own code, Django, Celery or any other library that logs through the standard
``logging`` module, carries ``timestamp`` (UTC, ISO 8601), ``level``, ``logger`` and ``event`` (the
message); during a request also ``request_id`` and, once the request has loaded a signed-in user,
``user_id`` (the number, never an e-mail address or a name); during a Celery task ``task_id`` and
``task_name``. ``LOG_FORMAT`` chooses ``json`` or ``plain`` and ``LOG_LEVEL`` the root level (see
``docs/admin/logging.md``).

The request id comes from the request's ``X-Request-ID`` header when that is a sane id (a proxy or
load balancer that sets one can follow a request through its own logs and ours), otherwise it is
generated; ``RequestLogMiddleware`` sends it back in the response's ``X-Request-ID`` header. A task
queued during a request carries the request's id to the worker.
"""

import re
import time
import uuid
from contextvars import ContextVar

import structlog
from celery import signals as celery_signals
from django.utils.functional import SimpleLazyObject, empty

REQUEST_ID_HEADER = "X-Request-ID"
FORMATS = ("json", "plain")

# Letters, digits and the punctuation of the usual trace ids (UUIDs, "Root=1-5e..."), at most 128.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:;=+/-]{0,127}")
# The path segments that a signed link carries (activation and password-reset links).
_SECRET_URL_ARGUMENTS = ("token", "uidb64")

_request = ContextVar("bouwplaats_log_request", default=None)
_task_tokens = {}
requests_logger = structlog.get_logger("bouwplaats.requests")


def clean_request_id(value: str | None) -> str | None:
    """The incoming request id when it is sane (a short token without spaces or control characters)."""
    if value and _SANE_REQUEST_ID.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    return uuid.uuid4().hex


def loaded_user_id(request) -> int | None:
    """The signed-in user's id, if the request has loaded its user; never loads it (no query of its own)."""
    user = request.__dict__.get("user")
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None


def add_user_id(logger, method_name, event_dict):
    """A structlog processor: the ``user_id`` of the request being served, when it is known."""
    request = _request.get()
    if request is not None and "user_id" not in event_dict:
        user_id = loaded_user_id(request)
        if user_id is not None:
            event_dict["user_id"] = user_id
    return event_dict


SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    add_user_id,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def formatter(log_format: str) -> structlog.stdlib.ProcessorFormatter:
    """The ``logging`` formatter that renders every record as one JSON object or one readable line."""
    if log_format not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, not {log_format!r}.")
    if log_format == "json":
        last = [structlog.processors.format_exc_info, structlog.processors.JSONRenderer(sort_keys=False)]
    else:
        last = [structlog.dev.ConsoleRenderer(colors=False)]
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *last],
    )


def logging_config(log_format: str, level: str) -> dict:
    """The ``LOGGING`` setting: everything to standard error through ``formatter(log_format)``."""
    formatter(log_format)  # refuses an unknown format at start-up
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structured": {"()": formatter, "log_format": log_format}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "axes": {"level": "WARNING"},
            # Requests are logged once, by RequestLogMiddleware, with their id; this would repeat 4xx/5xx.
            "django.request": {"level": "ERROR"},
            "django.server": {"level": "WARNING"},
        },
    }


def configure_structlog() -> None:
    """Loggers of ``structlog.get_logger`` hand their events to ``logging``, which renders them."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *SHARED_PROCESSORS,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


def _logged_path(request) -> str:
    """The path without its query string, with the secret parts of signed links left out."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name in _SECRET_URL_ARGUMENTS:
            value = match.kwargs.get(name)
            if value:
                path = path.replace(f"/{value}/", f"/[{name}]/")
    return path


class RequestContext:
    """Binds a request's id (and its user, see ``add_user_id``) to every line logged while it is served."""

    def __init__(self, request):
        self.request = request
        self.request_id = clean_request_id(request.headers.get(REQUEST_ID_HEADER)) or new_request_id()
        self.started = time.monotonic()

    def __enter__(self):
        self._request_token = _request.set(self.request)
        self._bound = structlog.contextvars.bind_contextvars(request_id=self.request_id)
        return self

    def __exit__(self, *exc_info):
        structlog.contextvars.reset_contextvars(**self._bound)
        _request.reset(self._request_token)

    def log_finished(self, response) -> None:
        requests_logger.info(
            "request_finished",
            method=self.request.method,
            path=_logged_path(self.request),
            status=response.status_code,
            duration_ms=round((time.monotonic() - self.started) * 1000, 1),
        )


def task_started(task_id=None, task=None, **kwargs) -> None:
    """Celery ``task_prerun``: the task's id and name (and the queuing request's id) on its lines."""
    context = {"task_id": task_id, "task_name": getattr(task, "name", None)}
    request_id = clean_request_id(getattr(getattr(task, "request", None), "request_id", None))
    if request_id:
        context["request_id"] = request_id
    _task_tokens[task_id] = structlog.contextvars.bind_contextvars(**context)


def task_finished(task_id=None, **kwargs) -> None:
    """Celery ``task_postrun``: what ``task_started`` bound is unbound (an eager task's request keeps its own)."""
    tokens = _task_tokens.pop(task_id, None)
    if tokens:
        structlog.contextvars.reset_contextvars(**tokens)


def task_publishing(headers=None, **kwargs) -> None:
    """Celery ``before_task_publish``: a task queued during a request carries the request's id."""
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    if headers is not None and request_id:
        headers.setdefault("request_id", request_id)


def connect_celery_signals() -> None:
    celery_signals.task_prerun.connect(task_started, dispatch_uid="bouwplaats.core.logs.task_started", weak=False)
    celery_signals.task_postrun.connect(task_finished, dispatch_uid="bouwplaats.core.logs.task_finished", weak=False)
    celery_signals.before_task_publish.connect(
        task_publishing, dispatch_uid="bouwplaats.core.logs.task_publishing", weak=False
    )
