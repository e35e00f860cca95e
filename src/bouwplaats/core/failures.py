# SPDX-License-Identifier: EUPL-1.2
"""Answers for requests the site cannot serve: a body too large (413), the database out of reach (503),
an API query cut off by its statement timeout (503), an unknown path (404) and an error (500).

413 and 503 are rendered without the database and without the session: a plain template of its own
(``413.html``, ``503.html``, Dutch and English on one page) for pages, and a problem (RFC 9457,
``core.problems``) for the API. Under ``/api/``, 404 and 500 are problems too.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext
from django.views import defaults

from . import problems

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


_wants_json = problems.is_api_request


def _language(request) -> str:
    """The language the site would use (``ui.middleware``): the language cookie, else Dutch."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def body_too_large(request, limit: int) -> HttpResponse:
    """413: the request's body is larger than ``limit`` bytes (it was not read)."""
    megabytes = limit // (1024 * 1024)
    if _wants_json(request):
        with translation.override(_language(request)):
            return problems.problem_response(
                request,
                413,
                gettext("The request is larger than %(limit)d MB; nothing was saved.") % {"limit": megabytes},
            )
    return HttpResponse(loader.render_to_string("413.html", {"limit_mb": megabytes}), status=413)


def database_unavailable(request) -> HttpResponse:
    """503 with ``Retry-After``: the database cannot be reached; nothing was saved."""
    if _wants_json(request):
        with translation.override(_language(request)):
            response = problems.problem_response(
                request,
                503,
                gettext("The database is temporarily unreachable; nothing was saved, please try again shortly."),
            )
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response


def query_timed_out(request) -> HttpResponse:
    """503 with ``Retry-After``: an API read took longer than ``API_STATEMENT_TIMEOUT_MS`` and was stopped."""
    with translation.override(_language(request)):
        response = problems.problem_response(
            request,
            503,
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
    if _wants_json(request):
        with translation.override(_language(request)):
            return problems.problem_response(request, 500, gettext("An error occurred on the server."))
    return defaults.server_error(request, template_name)


def not_found(request, exception, template_name: str = defaults.ERROR_404_TEMPLATE_NAME) -> HttpResponse:
    """``handler404``: a problem under ``/api/`` (also for a path with a trailing slash), else Django's page."""
    if _wants_json(request):
        return problems.problem_response(request, 404, gettext("No resource at this path."), code="not_found")
    return defaults.page_not_found(request, exception, template_name)
