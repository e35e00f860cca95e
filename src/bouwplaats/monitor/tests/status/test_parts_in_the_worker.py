# SPDX-License-Identifier: EUPL-1.2
"""After a status report, the monitor's pages serve their previous part until the worker has rendered
the new one, and what the worker renders is what a request would (ADR 21)."""

import logging
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from bouwplaats.core.testing import hold_fragment_renders
from bouwplaats.monitor import services

PAGES = [
    reverse("monitor:dashboard-overview"),
    reverse("monitor:insight-block", args=["AAA"]),
    reverse("monitor:municipality-progress", args=["GM9901"]),
    reverse("monitor:insight-blockers"),
    reverse("monitor:insight-risk"),
    reverse("monitor:insight-risk-list"),
]
# The deadline risk does not change here (the test programme has no deadlines); the page is rendered anew all the same.
UNCHANGED = {reverse("monitor:insight-risk"), reverse("monitor:insight-risk-list")}
# What differs between two renders of the same page: the CSP nonce and the CSRF token.
PER_REQUEST = re.compile(r'(nonce|csrfmiddlewaretoken" value|csrf-token" content)="[^"]*"')


@pytest.fixture(autouse=True)
def render_behind(settings):
    settings.FRAGMENTS_RENDER_BEHIND = True
    settings.FRAGMENTS_FRESH_FOR_SECONDS = 0


@pytest.fixture
def read(client, staff, django_capture_on_commit_callbacks):
    client.force_login(staff)

    def read(path: str) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(path)
        assert response.status_code == 200
        return PER_REQUEST.sub("", response.content.decode())

    return read


@pytest.mark.parametrize("path", PAGES)
def test_readers_get_the_previous_part_until_the_worker_has_rendered_the_new_one(
    read, monkeypatch, settings, caplog, staff, town_a, blocks, levels, path
):
    worker = hold_fragment_renders(monkeypatch)
    services.status_report(actor=staff, municipality=town_a, building_block=blocks[0], level=levels[1])
    cache.clear()
    before = read(path)
    services.status_report(
        actor=staff, municipality=town_a, building_block=blocks[0], level=levels[-1], blockers=["capacity"]
    )

    with caplog.at_level(logging.DEBUG, logger="bouwplaats.core.fragments"):
        assert read(path) == before
    assert "fragment rendered" not in caplog.text, "the request rendered nothing"
    assert worker, "the new version was asked of the worker"

    worker.run()
    after = read(path)

    if path not in UNCHANGED:
        assert after != before
    # The worker rendered it without a request: the same as the page renders it in a request.
    settings.FRAGMENTS_RENDER_BEHIND = False
    cache.clear()
    assert read(path) == after
