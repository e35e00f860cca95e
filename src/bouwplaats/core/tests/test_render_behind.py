# SPDX-License-Identifier: EUPL-1.2
"""After a write, readers are served the part's previous version while it renders after the response (ADR 17)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from bouwplaats.core.fragments import fragment_key
from bouwplaats.core.tests import render_behind_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bouwplaats.core.tests.render_behind_urls")]


@pytest.fixture(autouse=True)
def clean(settings):
    settings.FRAGMENTS_RENDER_BEHIND = True
    settings.FRAGMENTS_FRESH_FOR_SECONDS = 0
    cache.clear()
    render_behind_urls.RENDERS.clear()
    yield
    cache.clear()


def read(client) -> str:
    return client.get(reverse("part")).content.decode()


def new_version():
    cache.set("test.version", cache.get("test.version", 1) + 1)


def test_a_reader_gets_the_previous_version_at_once_and_the_next_reader_the_new_one():
    reader = Client()
    assert read(reader) == "part v1"
    new_version()

    assert read(reader) == "part v1"
    # The new version was rendered after that response, once, and is what the next reader gets.
    assert render_behind_urls.RENDERS == [1, 2]
    assert cache.get(fragment_key("test.behind", (2, "page"))) == "part v2"
    assert read(Client()) == "part v2"
    assert render_behind_urls.RENDERS == [1, 2]


def test_a_part_rendered_moments_ago_is_served_without_a_render_however_often_the_data_changes(settings):
    settings.FRAGMENTS_FRESH_FOR_SECONDS = 60
    reader = Client()
    read(reader)
    for _write in range(5):
        new_version()
        assert read(reader) == "part v1"

    assert render_behind_urls.RENDERS == [1]


def test_someone_who_has_just_written_sees_the_new_version(django_user_model, settings):
    settings.FRAGMENTS_FRESH_FOR_SECONDS = 60
    writer = Client()
    writer.force_login(django_user_model.objects.create_user(email="w@example.org", full_name="W"))
    assert read(writer) == "part v1"

    writer.post(reverse("write"))

    assert read(writer) == "part v2"
    assert render_behind_urls.RENDERS == [1, 2]


def test_a_first_reader_with_no_previous_version_waits_for_the_render():
    assert read(Client()) == "part v1"
    assert render_behind_urls.RENDERS == [1]


def test_switched_off_every_reader_waits_for_the_new_version(settings):
    settings.FRAGMENTS_RENDER_BEHIND = False
    reader = Client()
    read(reader)
    new_version()

    assert read(reader) == "part v2"


def test_a_render_after_the_response_that_fails_is_logged_and_frees_the_part(caplog):
    reader = Client()
    read(reader)
    new_version()
    cache.set("test.fail", True)

    assert read(reader) == "part v1"

    assert "fragment render after the response failed" in caplog.text
    assert cache.get(fragment_key("test.behind", (2, "page")) + ":rendering") is None
    cache.delete("test.fail")
    # Nothing was stored: the next reader is served the previous version again and renders behind.
    assert read(reader) == "part v1"
    assert read(reader) == "part v2"
