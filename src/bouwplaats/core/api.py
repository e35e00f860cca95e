"""Shared API plumbing: the router, pagination and error responses used by every app's API.

The NL API Design Rules apply through here, so that every app's API follows them: paths without a
trailing slash and numeric ids checked by the URL (``Router``), errors as problem details from one
``exception_handler`` (``core.problems``), 401 with ``WWW-Authenticate`` for missing or wrong
credentials (token authentication comes first in ``REST_FRAMEWORK``). The ``API-Version`` header
and CORS are ``core.middleware.ApiHeadersMiddleware``; the schema's side is ``core.api_schema``.
"""

import functools

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, models
from django.http import Http404
from django.utils.translation import gettext
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, pagination, renderers, routers, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from . import problems


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


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
