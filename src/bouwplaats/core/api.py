# SPDX-License-Identifier: EUPL-1.2
"""Shared API plumbing: the router, pagination, conditional requests (ETag) and error responses used by
every app's API.

Two kinds of pagination (docs/api/README.md):

- ``Pagination`` (the default): page numbers, with the number of rows in ``count`` and in the
  ``X-Total-Count`` header. For lists whose tables stay small (hundreds to a few thousand rows:
  programmes, building blocks, suppliers, questions): counting them is cheap.
- ``CursorPagination``: keyset pagination for lists over a table that grows without bound (status
  events, current statuses). A page is found from the last row of the previous one through an index
  that matches the list's order (``cursor_ordering`` of the view), so page 1 and page 10,000 cost the
  same and nothing counts every row. The response has ``next`` and ``previous`` but no ``count``.

Both send ``Link`` headers (RFC 8288) with ``rel="next"`` and ``rel="prev"``. The query parameters
are named by the class attributes (``page_size_query_param``, ``page_query_param``,
``cursor_query_param``) and nowhere else.

The NL API Design Rules apply through here, so that every app's API follows them: paths without a
trailing slash and numeric ids checked by the URL (``Router``), errors as problem details from one
``exception_handler`` (``core.problems``), 401 with ``WWW-Authenticate`` for missing or wrong
credentials (token authentication comes first in ``REST_FRAMEWORK``). The ``API-Version`` header
and CORS are ``core.middleware.ApiHeadersMiddleware``; the schema's side is ``core.api_schema``.
"""

import base64
import binascii
import functools
import hashlib
import json

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, pagination, renderers, routers, serializers, status
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import exception_handler as drf_exception_handler

from bouwplaats.audit.selectors import data_version

from . import problems


def list_response(data: dict) -> Response:
    """A page of a list as a response, with its ``Link`` header and, for numbered pages, ``X-Total-Count``.
    Also for a page whose data comes from the cache."""
    response = Response(data)
    links = {"next": data.get("next"), "prev": data.get("previous")}
    if any(links.values()):
        response["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)
    if "count" in data:
        response["X-Total-Count"] = str(data["count"])
    return response


class Pagination(pagination.PageNumberPagination):
    """Page numbers for small lists: ``count`` and ``X-Total-Count``, ``Link`` to the next and previous page."""

    page_size = 50
    page_size_query_param = "pageSize"  # camelCase, as the NL API Design Rules ask
    max_page_size = 500

    def get_paginated_response(self, data):
        return list_response(super().get_paginated_response(data).data)


class CursorPagination(pagination.BasePagination):
    """Keyset pagination over the view's ``cursor_ordering``: a tuple of the model's own fields (no
    joins, no nulls; ``-`` for descending) that together tell every row apart (the last one unique, or
    all of them a unique constraint), matched by an index of the table.

    The cursor is the ordering's values of the row before the page (or, going back, after it),
    encoded; the next page is ``(a, b, c) < (x, y, z)`` in that order, written so that the database
    walks the index from there and stops after a page. Rows with the same values in the first fields
    (events of one day) are told apart by the last field, so no row is skipped or shown twice.
    """

    page_size = Pagination.page_size
    page_size_query_param = Pagination.page_size_query_param
    max_page_size = Pagination.max_page_size
    cursor_query_param = "cursor"
    ordering = ("-pk",)
    invalid_cursor_message = gettext_lazy("Invalid cursor.")

    def get_ordering(self, view) -> tuple[str, ...]:
        return tuple(getattr(view, "cursor_ordering", None) or self.ordering)

    def get_page_size(self, request) -> int:
        value = request.query_params.get(self.page_size_query_param)
        try:
            size = int(value) if value is not None else self.page_size
        except ValueError:
            size = self.page_size
        return max(1, min(size, self.max_page_size)) if size > 0 else self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.ordering = self.get_ordering(view)
        meta = queryset.model._meta
        self.fields = [meta.pk if self._name(key) == "pk" else meta.get_field(self._name(key)) for key in self.ordering]
        position, backwards = self._decode(request.query_params.get(self.cursor_query_param))
        order = [self._reversed(key) for key in self.ordering] if backwards else list(self.ordering)
        queryset = queryset.order_by(*order)
        if position is not None:
            queryset = queryset.filter(self._after(order, position))
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if backwards:
            rows.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, position is not None
        self.rows = rows
        return rows

    # --- the cursor

    @staticmethod
    def _name(key: str) -> str:
        return key.lstrip("-")

    @staticmethod
    def _reversed(key: str) -> str:
        return key[1:] if key.startswith("-") else f"-{key}"

    def _after(self, order: list[str], position: list) -> Q:
        """Rows after ``position`` in ``order``: ``a > x OR (a = x AND (b > y OR (b = y AND c > z)))``,
        with ``a >= x`` in front so that the database starts its index scan at ``x``."""
        condition = None
        for key, value in reversed(list(zip(order, position, strict=True))):
            name = self._name(key)
            beyond = Q(**{f"{name}__{'lt' if key.startswith('-') else 'gt'}": value})
            condition = beyond if condition is None else beyond | (Q(**{name: value}) & condition)
        first, value = order[0], position[0]
        return Q(**{f"{self._name(first)}__{'lte' if first.startswith('-') else 'gte'}": value}) & condition

    def _encode(self, row, *, backwards: bool) -> str:
        values = [field.value_to_string(row) for field in self.fields]
        payload = json.dumps({"p": values, "b": backwards} if backwards else {"p": values}, separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def _decode(self, cursor: str | None) -> tuple[list | None, bool]:
        if not cursor:
            return None, False
        try:
            payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
            values = payload["p"]
            if not isinstance(values, list) or len(values) != len(self.fields):
                raise ValueError(cursor)
            position = [field.to_python(value) for field, value in zip(self.fields, values, strict=True)]
        except (ValueError, TypeError, KeyError, binascii.Error, DjangoValidationError) as error:
            raise exceptions.NotFound(self.invalid_cursor_message) from error
        return position, bool(payload.get("b"))

    # --- links and the response

    def _link(self, row, *, backwards: bool) -> str:
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self._encode(row, backwards=backwards))

    def get_next_link(self) -> str | None:
        if not self.has_next:
            return None
        if not self.rows:  # an empty page reached backwards: start from the top again
            return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        return self._link(self.rows[-1], backwards=False)

    def get_previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if not self.rows:
            return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        return self._link(self.rows[0], backwards=True)

    def get_paginated_response(self, data):
        return list_response({"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {
                    **link,
                    "example": f"https://bouwplaats.example/api/v1/...?{self.cursor_query_param}=eyJwIjpb",
                },
                "previous": link,
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(gettext_lazy("The position in the list: take it from the next or previous link.")),
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(gettext_lazy("Number of results to return per page.")),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


class NotModified(exceptions.APIException):
    status_code = status.HTTP_304_NOT_MODIFIED
    default_detail = ""


def _matches(header: str | None, tag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    return any(candidate.strip().removeprefix("W/") == tag for candidate in header.split(","))


class ConditionalMixin:
    """``ETag`` on every 200 answer to GET and HEAD, and 304 Not Modified (without running the view)
    when the request's ``If-None-Match`` holds the same tag.

    The tag is a digest of everything the answer depends on: the data version (the newest audit entry:
    every write records one, ADR 6), the path with its query, the language, the media type, who asks
    (each signed-in user has tags of their own, so that what one may see is never confirmed to
    another; anonymous readers share theirs) and today's date (visibility and derived values can
    follow the calendar). Reading the data version is one query by index; the rest is in memory.
    """

    def etag(self, request) -> str:
        user = request.user
        parts = [
            data_version(request),
            request.get_full_path(),
            translation.get_language(),
            request.accepted_media_type,
            f"user:{user.pk}" if user.is_authenticated else "anonymous",
            timezone.localdate().isoformat(),
        ]
        return '"' + hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32] + '"'

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.current_etag = self.etag(request) if request.method in ("GET", "HEAD") else None
        if self.current_etag and _matches(request.headers.get("If-None-Match"), self.current_etag):
            raise NotModified

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": self.current_etag})
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "current_etag", None) and response.status_code == status.HTTP_200_OK:
            response["ETag"] = self.current_etag
        return response


# Digits, at most 18: every such id fits the database's 64-bit integer; a longer one is a 404.
INTEGER_ID = "[0-9]{1,18}"


class Router(routers.SimpleRouter):
    """DRF's router without trailing slashes (``/api/v1/municipalities/`` is a 404, not a redirect),
    and with an integer primary key as lookup unless the viewset names another (``lookup_value_regex``):
    a non-numeric id is a 404 before the view runs."""

    def __init__(self):
        super().__init__(trailing_slash=False)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if getattr(viewset, "lookup_value_regex", None) is None and _looks_up_integer(viewset):
            lookup_url_kwarg = getattr(viewset, "lookup_url_kwarg", None) or getattr(viewset, "lookup_field", "pk")
            return f"(?P<{lookup_prefix}{lookup_url_kwarg}>{INTEGER_ID})"
        return super().get_lookup_regex(viewset, lookup_prefix)


def _looks_up_integer(viewset) -> bool:
    lookup_field = getattr(viewset, "lookup_field", "pk")
    queryset = getattr(viewset, "queryset", None)
    if queryset is None:
        return lookup_field in ("pk", "id")  # every model's key is an integer (DEFAULT_AUTO_FIELD)
    model = queryset.model
    try:
        field = model._meta.pk if lookup_field == "pk" else model._meta.get_field(lookup_field)
    except FieldDoesNotExist:
        return False
    return isinstance(field, (models.AutoField, models.BigAutoField, models.IntegerField))


def camel_case(name: str) -> str:
    """``building_block`` → ``buildingBlock``: query parameters are lower camelCase."""
    first, *rest = name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


class FilterBackend(DjangoFilterBackend):
    """django-filter with camelCase query parameters: a filter declared or generated as
    ``building_block`` is asked for as ``?buildingBlock=``. A FilterSet that reads its form's data
    itself reads it under the camelCase name."""

    def get_filterset_class(self, view, queryset=None):
        filterset_class = super().get_filterset_class(view, queryset)
        return _camel_case_filterset(filterset_class) if filterset_class else None


@functools.cache
def _camel_case_filterset(filterset_class):
    if getattr(filterset_class, "camel_case", False):
        return filterset_class

    own_get_filters = filterset_class.get_filters.__func__

    @classmethod
    def get_filters(cls):
        return {camel_case(name): filter_ for name, filter_ in own_get_filters(cls).items()}

    return type(filterset_class)(
        filterset_class.__name__,
        (filterset_class,),
        {"__module__": filterset_class.__module__, "camel_case": True, "get_filters": get_filters},
    )


class OptionalURLField(serializers.URLField):
    """A URL that may be absent: ``null`` in an answer rather than ``""`` (which is no URI), and
    ``null`` or ``""`` accepted on input (stored as ``""``). Every model ``URLField`` of a
    ``ModelSerializer`` is one (``CoreConfig.ready``); declare it for a URL field of your own."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        if not kwargs.get("read_only"):
            kwargs.setdefault("allow_blank", True)
        super().__init__(**kwargs)

    def validate_empty_values(self, data):
        if data is None and not self.read_only:
            return True, ""
        return super().validate_empty_values(data)

    def to_representation(self, value):
        return super().to_representation(value) if value else None


def use_optional_urls() -> None:
    """ModelSerializers map a model's URLField to ``OptionalURLField`` (called once, at start-up)."""
    serializers.ModelSerializer.serializer_field_mapping[models.URLField] = OptionalURLField


class ProblemRenderer(renderers.JSONRenderer):
    media_type = problems.MEDIA_TYPE


def request_data(serializer_class, request, **options) -> dict:
    """The request's body as ``serializer_class`` reads it; a 400 with its messages when it is invalid."""
    serializer = serializer_class(data=request.data, **options)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def problem(request, status: int, detail: str, code: str = "", **extra) -> Response:
    """An error answered by a view itself, as a problem (``extra``: members of its own, such as the
    current state on a 409)."""
    code = code or {409: "conflict"}.get(status, "error")
    response = Response(problems.problem(status, detail, request.path, code=code, **extra), status=status)
    _render_as_problem(request)
    return response


def _render_as_problem(request) -> None:
    """Rendered as problem+json, whatever representation the request asked for."""
    request.accepted_renderer = ProblemRenderer()
    request.accepted_media_type = problems.MEDIA_TYPE


def exception_handler(exc, context):
    """Every API error as a problem (RFC 9457): the Django exceptions that services raise become
    403 and 400, validation messages ``invalidParams``; DRF's headers (``WWW-Authenticate``,
    ``Retry-After``) stay."""
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, (OverflowError, DataError)):
        # A number beyond what the database holds, in a filter or a body: the request's fault.
        exc = exceptions.ValidationError({"non_field_errors": [gettext("A value in the request is out of range.")]})
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    extra = {"code": getattr(exc, "default_code", "error")}
    if isinstance(exc, exceptions.ValidationError):
        detail = gettext("The request holds invalid parameters; see invalidParams.")
        extra = {"code": "invalid", "invalidParams": problems.invalid_params(exc.detail)}
    elif isinstance(exc.detail, (list, dict)):
        detail = " ".join(param["reason"] for param in problems.invalid_params(exc.detail))
    else:
        detail = str(exc.detail)
        extra["code"] = getattr(exc.detail, "code", None) or extra["code"]
    response.data = problems.problem(response.status_code, detail, request.path if request else "", **extra)
    if request is not None:
        _render_as_problem(request)
    return response
