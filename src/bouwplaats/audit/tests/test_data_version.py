# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.db import connection
from django.test import RequestFactory

from bouwplaats.audit import services
from bouwplaats.audit.selectors import data_version, data_version_of

pytestmark = pytest.mark.django_db


def test_the_version_is_the_newest_entry_and_moves_with_each_record():
    before = data_version()
    entry = services.record(actor=None, action="test.write", object_type="test")
    assert data_version() == entry.pk > before


def test_the_version_is_read_once_per_request(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        first = data_version(request)
        assert data_version(request) == first
    services.record(actor=None, action="test.write", object_type="test")
    assert data_version(request) == first  # the same request keeps one view of the data
    assert data_version(RequestFactory().get("/")) > first


def test_the_version_of_some_kinds_of_objects_moves_only_with_them(django_assert_num_queries):
    assert data_version_of(None, ("test.kept", "test.other")) == 0
    kept = services.record(actor=None, action="test.write", object_type="test.kept")
    other = services.record(actor=None, action="test.write", object_type="test.other")
    services.record(actor=None, action="test.write", object_type="test.elsewhere")
    assert data_version_of(None, ("test.kept",)) == kept.pk
    assert data_version_of(None, ("test.kept", "test.other")) == other.pk
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        assert data_version_of(request, ("test.kept",)) == data_version_of(request, ("test.kept",)) == kept.pk
    assert data_version_of(request, ("test.other",)) == other.pk  # another set of kinds is read apart


def test_the_query_for_some_kinds_does_not_grow_with_their_number(django_assert_num_queries):
    """On PostgreSQL one statement for any number of kinds, whose plan does not grow with them."""
    with django_assert_num_queries(1) as captured:
        data_version_of(None, tuple(f"test.kind{number}" for number in range(12)))
    sql = captured.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "UNION" not in sql and "LATERAL" in sql
