# SPDX-License-Identifier: EUPL-1.2
"""The OpenAPI schema's side of the NL API Design Rules (``core.api``), added to every operation by a
drf-spectacular postprocessing hook, so that every app's operations are described alike:

- the ``API-Version`` header on every response (``core.middleware.ApiHeadersMiddleware`` sends it);
- the error responses every operation can give, as problem details (``core.problems``): 400 when it
  takes parameters or a body, 401 (missing or wrong credentials), 403, 404, 413 and 415 when it takes
  a body, 429 (rate limit) and 503 (database out of reach); an operation's own descriptions stay;
- path parameters limited to digits by ``core.api.Router`` as integers;
- ``info.version``: the package's version (``bouwplaats.__version__``), semantic, without the
  ``(v1)`` that drf-spectacular appends.
"""

from http import HTTPStatus

from bouwplaats import __version__

from . import problems
from .api import INTEGER_ID

WRITE_METHODS = ("post", "put", "patch")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

VERSION_HEADER = {
    "description": "The API's full version (semantic versioning); the major version is in the path.",
    "schema": {"type": "string", "example": __version__},
}

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
    components.setdefault("headers", {})["API-Version"] = VERSION_HEADER
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
        response.setdefault("headers", {})["API-Version"] = {"$ref": "#/components/headers/API-Version"}
    operation["responses"] = dict(sorted(responses.items()))
