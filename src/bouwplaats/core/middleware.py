# SPDX-License-Identifier: EUPL-1.2
"""Serving readers at once after a write: a worker renders the parts' new versions (ADRs 17 and 21);
request ids in logs; a time limit on the database work of an API read; the API's version header and CORS."""

import contextlib

import sentry_sdk
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse

from bouwplaats import __version__

from . import failures, fragments, problems
from .logs import REQUEST_ID_HEADER, RequestContext

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def _writer_key(user_pk) -> str:
    return f"fragments:wrote:{user_pk}"


class RenderBehindMiddleware:
    """With ``FRAGMENTS_RENDER_BEHIND`` on, a reader who misses a versioned part's new version is served
    the previous one, and a Celery worker renders the new version (``core.fragments.versioned_part``); a
    previous version younger than ``FRAGMENTS_FRESH_FOR_SECONDS`` is served without a new render.

    Someone who has written (any request that is not a read, by a signed-in user) in the last
    ``FRAGMENTS_OWN_WRITES_SECONDS`` always waits for the new version, so people see their own change.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.FRAGMENTS_RENDER_BEHIND:
            return self.get_response(request)
        if request.method in SAFE_METHODS:
            end = fragments.render_behind(
                lambda: not self._wrote_recently(request.user), fresh_for=settings.FRAGMENTS_FRESH_FOR_SECONDS
            )
            try:
                return self.get_response(request)
            finally:
                end()
        response = self.get_response(request)
        # Marked after the view, because an API client's user is known only once the view authenticated it.
        if request.user.is_authenticated and response.status_code < 400:
            cache.set(_writer_key(request.user.pk), True, settings.FRAGMENTS_OWN_WRITES_SECONDS)
        return response

    @staticmethod
    def _wrote_recently(user) -> bool:
        return user.is_authenticated and cache.get(_writer_key(user.pk)) is not None


class RequestLogMiddleware:
    """Gives each request an id (its sane ``X-Request-ID`` or a new one), logged on every line while it
    is served (``core.logs``), tagged on its Sentry events and sent back in ``X-Request-ID``; logs one
    ``request_finished`` line per request with its method, path, status and duration. First in
    ``MIDDLEWARE``, so that it sees the whole request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with RequestContext(request) as context:
            request.request_id = context.request_id
            sentry_sdk.set_tag("request_id", context.request_id)
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = context.request_id
            context.log_finished(response)
        return response


class RequestBodyLimitMiddleware:
    """Refuse a request whose ``Content-Length`` is above ``MAX_REQUEST_BODY_BYTES`` with 413, before
    anything reads its body. Right after the request log in ``MIDDLEWARE``; the proxy in front has the
    same limit (``client_max_body_size``, docs/admin/limits.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BODY_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            return failures.body_too_large(request, limit)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with ``Retry-After`` instead of 500
    (``core.failures``; ``handler500`` does the same for errors raised outside a view)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if failures.is_connection_error(exception):
            return failures.database_unavailable(request)
        return None


class ApiStatementTimeoutMiddleware:
    """On PostgreSQL, an API read (GET, HEAD, OPTIONS under ``/api/``) runs its queries with
    ``statement_timeout`` set to ``API_STATEMENT_TIMEOUT_MS`` (0: no limit): a query that would run
    longer is stopped by the database and the request answers 503 with ``Retry-After``
    (``core.failures.query_timed_out``), so that one client's expensive list cannot keep the database
    busy for everyone. Writes are not limited. The setting is reset after the request, because the
    connection may serve the next request of the process."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = int(settings.API_STATEMENT_TIMEOUT_MS)
        if not (
            timeout > 0
            and request.method in SAFE_METHODS
            and problems.is_api_request(request)
            and connection.vendor == "postgresql"
        ):
            return self.get_response(request)
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {timeout}")
        try:
            return self.get_response(request)
        finally:
            # In a transaction that the timeout aborted (only in tests: requests run in autocommit) the
            # reset fails too; that transaction's rollback undoes the setting instead.
            with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")

    def process_exception(self, request, exception):
        if failures.is_statement_timeout(exception):
            return failures.query_timed_out(request)
        return None


class ApiHeadersMiddleware:
    """On every answer under ``/api/`` (also the 404, 413 and 503 given outside a view): the
    ``API-Version`` header with the full version, and CORS for the public reads.

    Another site's script may read (GET, HEAD) what an anonymous visitor may read:
    ``Access-Control-Allow-Origin: *`` without ``Allow-Credentials``, so that a browser sends no
    cookie and no ``Authorization`` along. A preflight is answered here; it allows only GET and HEAD,
    so a browser refuses a cross-site write before sending it. Right after the request log in
    ``MIDDLEWARE``.
    """

    CORS_METHODS = ("GET", "HEAD")
    CORS_ALLOW_HEADERS = "Accept, Accept-Language, Content-Type, If-None-Match"
    CORS_EXPOSE_HEADERS = "API-Version, Link, Retry-After, X-Request-ID, X-Total-Count"
    CORS_MAX_AGE_SECONDS = 86400

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not problems.is_api_request(request):
            return self.get_response(request)
        origin = request.headers.get("Origin")
        if origin and request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = self._preflight(request)
        else:
            response = self.get_response(request)
            if origin and request.method in self.CORS_METHODS:
                response["Access-Control-Allow-Origin"] = "*"
                response["Access-Control-Expose-Headers"] = self.CORS_EXPOSE_HEADERS
        response["API-Version"] = __version__
        return response

    def _preflight(self, request) -> HttpResponse:
        response = HttpResponse(status=204)
        if request.headers["Access-Control-Request-Method"] in self.CORS_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = ", ".join((*self.CORS_METHODS, "OPTIONS"))
            response["Access-Control-Allow-Headers"] = self.CORS_ALLOW_HEADERS
            response["Access-Control-Max-Age"] = str(self.CORS_MAX_AGE_SECONDS)
        return response
