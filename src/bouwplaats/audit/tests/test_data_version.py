import pytest
from django.test import RequestFactory

from bouwplaats.audit import services
from bouwplaats.audit.selectors import data_version

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
