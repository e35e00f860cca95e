# SPDX-License-Identifier: EUPL-1.2
"""Every operation of the committed schema (docs/api/openapi.yaml), fuzzed against the site in-process
with schemathesis: anonymously and with a coordinator's token. No answer may be a server error, and
every answer must be as the schema says: a documented status code, content type, headers and body.

Bounded and repeatable: ``FUZZ_EXAMPLES`` cases per operation (25 by default), derandomised (a fixed
seed), no shrinking. ``make fuzz-api`` runs this file; ``.ci/run`` calls it.
"""

import os
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bouwplaats.catalogue.tests.factories import CoordinatorFactory

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_path(SCHEMA)
application = get_wsgi_application()

fuzzing = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)


def _call(case, **arguments) -> None:
    """One case in a savepoint that is rolled back: the cases of an operation share the test's transaction,
    and on PostgreSQL a refused statement (a number too large for its column, answered 400) would leave
    that transaction unusable for the next case. A site serves each request in autocommit."""
    with transaction.atomic():
        try:
            case.call_and_validate(app=application, checks=CHECKS, **arguments)
        finally:
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _connection_kept():
    """As Django's test client does: the requests (sent to the WSGI application directly) do not close
    the database connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def unthrottled(settings):
    """The rate limits would answer 429 (documented) to most of a fuzzer's cases."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


@pytest.fixture
def coordinator_token(db):
    return Token.objects.create(user=CoordinatorFactory()).key


@pytest.mark.django_db
@schema.parametrize()
@fuzzing
def test_anonymously(case, unthrottled):
    _call(case)


@pytest.mark.django_db
@schema.parametrize()
@fuzzing
def test_as_a_coordinator(case, unthrottled, coordinator_token):
    _call(case, headers={"Authorization": f"Token {coordinator_token}"})
