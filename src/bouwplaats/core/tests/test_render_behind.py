# SPDX-License-Identifier: EUPL-1.2
"""After a write, readers are served a part's previous version while a Celery worker renders the new
one; no reader renders it (ADRs 17 and 21)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.test.utils import override_script_prefix
from django.urls import reverse

from bouwplaats.core import fragments
from bouwplaats.core.testing import hold_fragment_renders
from bouwplaats.core.tests import render_behind_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bouwplaats.core.tests.render_behind_urls")]

PATH = f"{render_behind_urls.__name__}.part_text"


@pytest.fixture(autouse=True)
def clean(settings):
    settings.FRAGMENTS_RENDER_BEHIND = True
    settings.FRAGMENTS_FRESH_FOR_SECONDS = 0
    cache.clear()
    render_behind_urls.RENDERS.clear()
    yield
    cache.clear()


@pytest.fixture
def worker(monkeypatch):
    return hold_fragment_renders(monkeypatch)


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """A request's on-commit callbacks run as they would outside the test's transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def read(client, after_commit) -> str:
    with after_commit():
        return client.get(reverse("part")).content.decode()


def new_version():
    cache.set("test.version", cache.get("test.version", 1) + 1)


def test_a_reader_gets_the_previous_version_and_the_worker_renders_the_new_one(worker, after_commit):
    reader = Client()
    assert read(reader, after_commit) == "part v1 nl"
    new_version()

    assert read(reader, after_commit) == "part v1 nl"
    assert read(Client(), after_commit) == "part v1 nl"
    # No reader rendered the new version; it was asked of the worker once.
    assert render_behind_urls.RENDERS == [1]
    assert worker == [(PATH, 2, {"page": "part"}, "nl", "/")]

    worker.run()

    assert render_behind_urls.RENDERS == [1, 2]
    assert read(Client(), after_commit) == "part v2 nl"
    assert render_behind_urls.RENDERS == [1, 2]


def test_with_an_eager_worker_the_next_reader_gets_the_new_version(after_commit, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    reader = Client()
    read(reader, after_commit)
    new_version()

    assert read(reader, after_commit) == "part v1 nl"
    assert read(reader, after_commit) == "part v2 nl"
    assert render_behind_urls.RENDERS == [1, 2]


def test_the_worker_renders_in_the_readers_language(worker, after_commit, settings):
    reader = Client()
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert read(reader, after_commit) == "part v1 en"
    new_version()
    read(reader, after_commit)

    worker.run()

    assert read(reader, after_commit) == "part v2 en"
    assert render_behind_urls.RENDERS == [1, 2]
    # The Dutch part is another: the worker did not render it; its first reader does.
    assert read(Client(), after_commit) == "part v2 nl"
    assert render_behind_urls.RENDERS == [1, 2, 2]


def test_the_worker_renders_with_the_readers_script_prefix(worker, django_capture_on_commit_callbacks):
    """A site served under a path of its proxy (``SCRIPT_NAME``, which the WSGI handler makes the
    script prefix): the worker's links have it too."""
    reader, path = Client(), reverse("link")

    def read_link() -> str:
        with override_script_prefix("/bouwplaats/"), django_capture_on_commit_callbacks(execute=True):
            return reader.get(path).content.decode()

    assert read_link() == "/bouwplaats/part/ v1"
    new_version()
    read_link()

    worker.run()

    assert read_link() == "/bouwplaats/part/ v2"


def test_nothing_is_asked_before_the_commit(worker, django_capture_on_commit_callbacks):
    reader = Client()
    with django_capture_on_commit_callbacks(execute=True):
        reader.get(reverse("part"))
    new_version()

    with django_capture_on_commit_callbacks() as callbacks:
        reader.get(reverse("part"))

    assert worker == []
    assert len(callbacks) == 1


def test_a_part_rendered_moments_ago_is_served_without_a_render_however_often_the_data_changes(
    worker, after_commit, settings
):
    settings.FRAGMENTS_FRESH_FOR_SECONDS = 60
    reader = Client()
    read(reader, after_commit)
    for _write in range(5):
        new_version()
        assert read(reader, after_commit) == "part v1 nl"

    assert worker == []
    assert render_behind_urls.RENDERS == [1]


def test_someone_who_has_just_written_sees_the_new_version(worker, after_commit, django_user_model, settings):
    settings.FRAGMENTS_FRESH_FOR_SECONDS = 60
    writer = Client()
    writer.force_login(django_user_model.objects.create_user(email="w@example.org", full_name="W"))
    assert read(writer, after_commit) == "part v1 nl"

    writer.post(reverse("write"))

    assert read(writer, after_commit) == "part v2 nl"
    assert render_behind_urls.RENDERS == [1, 2]
    assert worker == []


def test_a_first_reader_with_no_previous_version_renders_it(worker, after_commit):
    assert read(Client(), after_commit) == "part v1 nl"
    assert render_behind_urls.RENDERS == [1]
    assert worker == []


def test_switched_off_every_reader_waits_for_the_new_version(worker, after_commit, settings):
    settings.FRAGMENTS_RENDER_BEHIND = False
    reader = Client()
    read(reader, after_commit)
    new_version()

    assert read(reader, after_commit) == "part v2 nl"
    assert worker == []


def test_a_render_in_the_worker_that_fails_is_logged_and_the_next_reader_asks_again(worker, after_commit, caplog):
    reader = Client()
    read(reader, after_commit)
    new_version()
    read(reader, after_commit)
    cache.set("test.fail", True)

    worker.run()

    assert "the render in the worker failed" in caplog.text
    cache.delete("test.fail")
    assert read(reader, after_commit) == "part v1 nl"
    assert len(worker) == 1
    worker.run()
    assert read(reader, after_commit) == "part v2 nl"


def test_when_the_worker_is_late_one_reader_renders_it(worker, after_commit, settings):
    settings.FRAGMENTS_WORKER_WAIT_SECONDS = 0
    reader = Client()
    read(reader, after_commit)
    new_version()
    assert read(reader, after_commit) == "part v1 nl"  # asks the worker, which never comes

    assert read(reader, after_commit) == "part v2 nl"
    assert render_behind_urls.RENDERS == [1, 2]
    assert len(worker) == 1


def test_while_the_worker_renders_newer_versions_ask_for_nothing_more(worker, after_commit):
    reader = Client()
    read(reader, after_commit)
    for _write in range(3):
        new_version()
        assert read(reader, after_commit) == "part v1 nl"

    assert len(worker) == 1
    worker.run()

    # The worker rendered the data as it is now, once.
    assert render_behind_urls.RENDERS == [1, 4]
    assert read(reader, after_commit) == "part v4 nl"


def test_the_worker_renders_nothing_when_a_newer_version_is_stored(worker, after_commit, django_user_model):
    reader = Client()
    read(reader, after_commit)
    new_version()
    read(reader, after_commit)  # asks for version 2
    new_version()
    writer = Client()
    writer.force_login(django_user_model.objects.create_user(email="w@example.org", full_name="W"))
    writer.post(reverse("write"))  # version 4, which the writer then renders in the request
    assert read(writer, after_commit) == "part v4 nl"

    worker.run()

    assert render_behind_urls.RENDERS == [1, 4]
    assert read(reader, after_commit) == "part v4 nl"


def test_the_request_ends_the_readers_leave_to_lag(worker, after_commit):
    read(Client(), after_commit)

    assert fragments._reader_may_lag() is False
