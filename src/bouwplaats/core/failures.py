"""Answers for requests the site cannot serve: a body too large (413), the database out of reach (503),
an API query cut off by its statement timeout (503).

Both are rendered without the database and without the session: a plain template of its own
(``413.html``, ``503.html``, Dutch and English on one page) for pages, and a JSON problem
(RFC 9457: ``title``, ``status``, ``detail``) for the API.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext
from django.views import defaults

API_PREFIX = "/api/"
DATABASE_RETRY_AFTER_SECONDS = 30

# SQLSTATEs of a lost or refused connection: class 08, and the server shutting down or starting up.
_CONNECTION_SQLSTATES = ("57P01", "57P02", "57P03")
_QUERY_CANCELED = "57014"


def is_connection_error(exc: BaseException) -> bool:
    """Whether the database could not be reached, rather than refusing a statement.

    An ``InterfaceError`` is always about the connection. An ``OperationalError`` is when the driver
    gives no SQLSTATE (no answer from the server) or one of a lost connection; a deadlock, a lock
    timeout or SQLite's "database is locked" are not.
    """
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__ or exc
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate:
        return sqlstate.startswith("08") or sqlstate in _CONNECTION_SQLSTATES
    if type(cause).__module__.startswith("sqlite3"):
        return "unable to open database" in str(cause)
    return True


def is_statement_timeout(exc: BaseException) -> bool:
    """Whether the database cancelled a statement that ran longer than its ``statement_timeout``
    (PostgreSQL's SQLSTATE 57014, ``query_canceled``)."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__ or exc
    return (getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)) == _QUERY_CANCELED


def _wants_json(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _problem(status: int, title: str, detail: str) -> JsonResponse:
    return JsonResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status=status,
        content_type="application/problem+json",
    )


def _language(request) -> str:
    """The language the site would use (``ui.middleware``): the language cookie, else Dutch."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def body_too_large(request, limit: int) -> HttpResponse:
    """413: the request's body is larger than ``limit`` bytes (it was not read)."""
    megabytes = limit // (1024 * 1024)
    if _wants_json(request):
        with translation.override(_language(request)):
            return _problem(
                413,
                gettext("Request too large"),
                gettext("The request is larger than %(limit)d MB; nothing was saved.") % {"limit": megabytes},
            )
    return HttpResponse(loader.render_to_string("413.html", {"limit_mb": megabytes}), status=413)


def database_unavailable(request) -> HttpResponse:
    """503 with ``Retry-After``: the database cannot be reached; nothing was saved."""
    if _wants_json(request):
        with translation.override(_language(request)):
            response = _problem(
                503,
                gettext("Service unavailable"),
                gettext("The database is temporarily unreachable; nothing was saved, please try again shortly."),
            )
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response


def query_timed_out(request) -> HttpResponse:
    """503 with ``Retry-After``: an API read took longer than ``API_STATEMENT_TIMEOUT_MS`` and was stopped."""
    with translation.override(_language(request)):
        response = _problem(
            503,
            gettext("Query took too long"),
            gettext(
                "The database stopped this request after %(seconds)s seconds. Ask for a smaller page or narrow "
                "the list with its filters, and try again."
            )
            % {"seconds": f"{settings.API_STATEMENT_TIMEOUT_MS / 1000:g}"},
        )
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response


def server_error(request, template_name: str = defaults.ERROR_500_TEMPLATE_NAME) -> HttpResponse:
    """``handler500``: 503 when the error is the database being out of reach (raised anywhere, also in a
    middleware), else Django's own 500 page."""
    exc = sys.exc_info()[1]
    if exc is not None and is_connection_error(exc):
        return database_unavailable(request)
    return defaults.server_error(request, template_name)
