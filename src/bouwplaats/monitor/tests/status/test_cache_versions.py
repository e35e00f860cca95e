# SPDX-License-Identifier: EUPL-1.2
"""The monitor's cached parts are renewed by writes about what they show, and only by those (ADR 13)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bouwplaats.audit import services as audit
from bouwplaats.monitor import services

PAGES = [
    reverse("monitor:dashboard-overview"),
    reverse("monitor:insight-block", args=["AAA"]),
    reverse("monitor:municipality-progress", args=["GM9901"]),
]


@pytest.fixture
def reported(staff, town_a, blocks, levels):
    cache.clear()
    services.status_report(actor=staff, municipality=town_a, building_block=blocks[0], level=levels[1])


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(
    "object_type",
    # The audit entries that a vote, a question and a comment record.
    ["cocreation.idea", "knowledge.question", "knowledge.comment"],
)
def test_a_write_about_something_else_leaves_the_part_cached(client, staff, reported, path, object_type):
    client.force_login(staff)
    client.get(path)
    cached = queries(client, path)

    audit.record(actor=staff, action="something.else", object_type=object_type, object_id="1")

    assert queries(client, path) == cached


@pytest.mark.parametrize("path", PAGES)
def test_a_status_report_renews_the_part(client, staff, town_a, blocks, levels, reported, path):
    client.force_login(staff)
    client.get(path)
    cached = queries(client, path)

    services.status_report(
        actor=staff, municipality=town_a, building_block=blocks[0], level=levels[-1], expected_version=1
    )

    assert queries(client, path) > cached
    page = client.get(path).content.decode()
    assert levels[-1].name in page


@pytest.mark.parametrize(
    "object_type", ["catalogue.buildingblock", "catalogue.programme", "catalogue.statuslevel", "reference_data"]
)
def test_writes_about_blocks_programmes_levels_and_municipalities_renew_the_parts(client, staff, reported, object_type):
    client.force_login(staff)
    for path in PAGES:
        client.get(path)
        cached = queries(client, path)
        audit.record(actor=staff, action="changed", object_type=object_type, object_id="1")
        assert queries(client, path) > cached, path


def test_ticking_a_guide_step_renews_the_municipality_page_whose_table_shows_guide_progress(client, staff, reported):
    from bouwplaats.monitor.extensions import column_object_types

    assert "knowledge.guideversion" in column_object_types()
    client.force_login(staff)
    path = reverse("monitor:municipality-progress", args=["GM9901"])
    client.get(path)
    cached = queries(client, path)

    audit.record(actor=staff, action="guide.tick", object_type="knowledge.guideversion", object_id="1")

    assert queries(client, path) > cached
