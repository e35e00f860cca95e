# SPDX-License-Identifier: EUPL-1.2
"""The OpenAPI schema's side of the NL API Design Rules (``core.api``), added to every operation by a
drf-spectacular postprocessing hook, so that every app's operations are described alike:

- the ``API-Version`` header on every response (``core.middleware.ApiHeadersMiddleware`` sends it);
- the error responses every operation can give, as problem details (``core.problems``): 400 when it
  takes parameters or a body, 401 (missing or wrong credentials), 403, 404, 413 and 415 when it takes
  a body, 429 (rate limit) and 503 (database out of reach); an operation's own descriptions stay;
- path parameters limited to digits by ``core.api.Router`` as integers;
- ``info.version``: the package's version (``bouwplaats.__version__``), semantic, without the
  ``(v1)`` that drf-spectacular appends;
- ``Retry-After`` on the 429 and 503 answers.

What only some operations do is added per operation by ``AutoSchema`` (``DEFAULT_SCHEMA_CLASS``),
which knows the view: conditional requests (``core.api.ConditionalMixin``: the ``If-None-Match``
request header, ``ETag`` on 200 and the 304 answer) and pagination (``Link`` on every paged list,
``X-Total-Count`` on those paged by number, not by cursor). The headers are components, like
``API-Version``.
"""

from http import HTTPStatus

from drf_spectacular import openapi

from bouwplaats import __version__

from . import problems
from .api import INTEGER_ID, ConditionalMixin, CursorPagination

WRITE_METHODS = ("post", "put", "patch")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

VERSION_HEADER = {
    "description": "The API's full version (semantic versioning); the major version is in the path.",
    "schema": {"type": "string", "example": __version__},
}

HEADERS = {
    "API-Version": VERSION_HEADER,
    "ETag": {
        "description": (
            "The version of this answer: send it back in `If-None-Match` to get 304 Not Modified, without "
            "a body, while the data, the query, the language and the account are the same (and the day)."
        ),
        "schema": {"type": "string", "example": '"5d41402abc4b2a76b9719d911017c592"'},
    },
    "Link": {
        "description": (
            'The next and previous page (RFC 8288): `<url>; rel="next", <url>; rel="prev"`, the same '
            "addresses as `next` and `previous` in the body; absent on a list of one page."
        ),
        "schema": {"type": "string", "example": '<https://bouwplaats.example/api/v1/provinces?page=2>; rel="next"'},
    },
    "X-Total-Count": {
        "description": "The number of results over all pages (the body's `count`).",
        "schema": {"type": "integer", "minimum": 0},
    },
    "Retry-After": {
        "description": "Seconds to wait before asking again.",
        "schema": {"type": "integer", "minimum": 0},
    },
}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": (
        "The `ETag` of an earlier answer (or several, comma-separated): while it is still current the "
        "answer is 304 Not Modified, without a body."
    ),
    "schema": {"type": "string"},
}
NOT_MODIFIED = "Not Modified: the `ETag` in `If-None-Match` is still current; no body."
RETRY_AFTER_STATUSES = ("429", "503")


def _header(name: str) -> dict:
    return {"$ref": f"#/components/headers/{name}"}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema of an operation, with the headers that its view sends: conditional
    requests (``ETag``, ``If-None-Match``, 304) and paging (``Link``, ``X-Total-Count``)."""

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None or self.method != "GET" or "200" not in operation.get("responses", {}):
            return operation
        responses = operation["responses"]
        headers = responses["200"].setdefault("headers", {})
        if isinstance(self.view, ConditionalMixin):
            operation.setdefault("parameters", []).append(dict(IF_NONE_MATCH))
            headers["ETag"] = _header("ETag")
            responses["304"] = {"description": NOT_MODIFIED, "headers": {"ETag": _header("ETag")}}
        paginator = self._get_paginator()
        if paginator is not None and self._is_list_view():  # as drf-spectacular decides on a paged body
            headers["Link"] = _header("Link")
            if not isinstance(paginator, CursorPagination):  # a cursor does not count the rows
                headers["X-Total-Count"] = _header("X-Total-Count")
        return operation


PROBLEM = {
    "type": "object",
    "description": "An error, as problem details (RFC 9457).",
    "properties": {
        "type": {"type": "string", "format": "uri-reference", "description": "`about:blank`: see the status."},
        "title": {"type": "string", "description": "The HTTP status's phrase."},
        "status": {"type": "integer", "description": "The HTTP status code."},
        "detail": {"type": "string", "description": "What went wrong, for the reader."},
        "instance": {"type": "string", "format": "uri-reference", "description": "The path that was asked for."},
        "code": {"type": "string", "description": "A stable code for the error, such as `not_authenticated`."},
    },
    "required": ["type", "title", "status", "detail"],
}

INVALID_PARAM = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "description": "The field or query parameter (`a.b` when nested)."},
        "reason": {"type": "string"},
        "code": {"type": "string", "description": "A stable code for the message, such as `required`."},
    },
    "required": ["name", "reason"],
}

VALIDATION_PROBLEM = {
    **PROBLEM,
    "description": (
        "Invalid input, as problem details (RFC 9457): `invalidParams` has one entry per message "
        "(absent when the body could not be read at all)."
    ),
    "properties": {
        **PROBLEM["properties"],
        "invalidParams": {"type": "array", "items": {"$ref": "#/components/schemas/InvalidParam"}},
    },
}

# The errors that every operation may answer, with what they mean here.
COMMON_ERRORS = {
    401: "No credentials, or wrong ones (see `WWW-Authenticate`).",
    403: "Not allowed for this account.",
    404: "Not found, or not visible to this account.",
    429: "Too many requests; try again after `Retry-After` seconds.",
    503: "The database is temporarily unreachable; try again after `Retry-After` seconds.",
}
BODY_ERRORS = {
    413: "The request body is too large.",
    415: "The request body's media type is not supported.",
}
INVALID_INPUT = "Invalid input: see `invalidParams`."


def postprocess(result, generator, request, public):
    """drf-spectacular postprocessing hook (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``)."""
    result["info"]["version"] = __version__
    components = result.setdefault("components", {})
    components.setdefault("headers", {}).update(HEADERS)
    schemas = components.setdefault("schemas", {})
    schemas.update(Problem=PROBLEM, ValidationProblem=VALIDATION_PROBLEM, InvalidParam=INVALID_PARAM)
    for item in result.get("paths", {}).values():
        for method in METHODS:
            if method in item:
                _describe_operation(method, item[method])
                _integer_ids(item[method])
    return result


def _integer_ids(operation: dict) -> None:
    """A path parameter that ``core.api.Router`` limits to digits is an integer."""
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        if parameter.get("in") == "path" and schema.get("pattern") == f"^{INTEGER_ID}$":
            parameter["schema"] = {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}


def _describe_operation(method: str, operation: dict) -> None:
    responses = operation.setdefault("responses", {})
    takes_body = method in WRITE_METHODS or "requestBody" in operation
    errors = dict(COMMON_ERRORS)
    if takes_body:
        errors.update(BODY_ERRORS)
    if takes_body or operation.get("parameters"):
        errors[400] = INVALID_INPUT
    for status, description in errors.items():
        responses.setdefault(str(status), {"description": description})
    for status, response in responses.items():
        code = int(status)
        if code >= 400:
            schema = {"$ref": "#/components/schemas/" + ("ValidationProblem" if code == 400 else "Problem")}
            own = [media["schema"] for media in response.get("content", {}).values() if "schema" in media]
            if own:  # members of its own besides the problem's (extend_schema's responses)
                schema = {"allOf": [schema, own[0]]}
            response["content"] = {problems.MEDIA_TYPE: {"schema": schema}}
            if not response.get("description"):
                response["description"] = HTTPStatus(code).phrase
        response.setdefault("headers", {})["API-Version"] = _header("API-Version")
        if status in RETRY_AFTER_STATUSES:
            response["headers"]["Retry-After"] = _header("Retry-After")
    operation["responses"] = dict(sorted(responses.items()))
