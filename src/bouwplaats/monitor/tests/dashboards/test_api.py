# SPDX-License-Identifier: EUPL-1.2
"""The aggregated statistics API and the open-data export."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from bouwplaats.monitor import services

from ..factories import BuildingBlockFactory
from .world import PROVINCE, make_world

pytestmark = pytest.mark.django_db
BLOCKS = reverse("statistics-building-block-list")
PROVINCES = reverse("statistics-province-list")
OPEN_DATA = reverse("open-data-progress")


@pytest.fixture
def world(programme, levels, blocks, staff):
    return make_world(programme, levels, blocks, staff)


def counts(item) -> list[int]:
    return [level["count"] for level in item["levels"]]


def test_block_statistics_now_and_as_of(world, api_client):
    response = api_client.get(BLOCKS, {"province": PROVINCE})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    by_code = {item["building_block"]: item for item in data["results"]}
    assert counts(by_code["AAA"]) == [1, 1, 0, 2]
    assert by_code["AAA"]["municipalities"] == 4
    assert by_code["AAA"]["top_level_share"] == 50.0
    assert by_code["AAA"]["levels"][3] == {
        "level": world.levels[3].code,
        "level_name": "in gebruik",
        "position": 3,
        "count": 2,
        "share": 50.0,
    }
    assert by_code["AAA"]["as_of"] is None
    # At the end of March 2021: T1 uses AAA, T3 is orienting; T2 and T4 have not started.
    as_of = api_client.get(BLOCKS, {"province": PROVINCE, "asOf": "2021-03"}).json()
    by_code = {item["building_block"]: item for item in as_of["results"]}
    assert counts(by_code["AAA"]) == [2, 1, 0, 1]
    assert by_code["AAA"]["as_of"] == "2021-03"


def test_block_statistics_filters_and_errors(world, api_client):
    small = api_client.get(BLOCKS, {"province": PROVINCE, "sizeClass": 1}).json()
    assert {item["building_block"]: counts(item) for item in small["results"]}["AAA"] == [0, 0, 0, 1]
    assert api_client.get(BLOCKS, {"asOf": "2021-13"}).status_code == 400
    assert api_client.get(BLOCKS, {"province": "Utrecht"}).status_code == 400
    assert api_client.get(BLOCKS, {"programme": "bestaat-niet"}).status_code == 400
    assert api_client.get(BLOCKS, {"programme": world.programme.slug}).status_code == 200


def test_province_statistics(world, api_client):
    data = api_client.get(PROVINCES, {"pageSize": 500}).json()
    rows = [item for item in data["results"] if item["province"] == PROVINCE]
    assert [item["building_block"] for item in rows] == ["AAA", "BBB", "CCC"]
    assert rows[1]["province_name"] == "Testprovincie"
    assert counts(rows[1]) == [2, 0, 1, 1]
    # Other provinces: all real municipalities of 2022, nobody reported.
    utrecht = next(item for item in data["results"] if item["province"] == "PV26" and item["building_block"] == "AAA")
    assert counts(utrecht)[0] == utrecht["municipalities"] > 0


def test_statistics_are_paginated(world, api_client):
    for index in range(4):
        BuildingBlockFactory(programme=world.programme, code=f"ZZZ{index}")
    data = api_client.get(BLOCKS, {"province": PROVINCE, "pageSize": 5}).json()
    assert data["count"] == 7 and len(data["results"]) == 5 and data["next"]


def test_statistics_queries_do_not_grow_with_blocks(world, api_client, django_assert_max_num_queries):
    from django.core.cache import cache

    with django_assert_max_num_queries(8) as first:
        api_client.get(BLOCKS, {"province": PROVINCE})
    for index in range(5):
        block = BuildingBlockFactory(programme=world.programme, code=f"MORE{index}")
        services.status_report(
            actor=world.staff, municipality=world.towns[0], building_block=block, level=world.levels[2]
        )
    cache.clear()
    with django_assert_max_num_queries(len(first.captured_queries)):
        api_client.get(BLOCKS, {"province": PROVINCE})


def test_statistics_follow_new_reports(world, api_client):
    before = api_client.get(BLOCKS, {"province": PROVINCE}).json()
    services.status_report(
        actor=world.staff, municipality=world.towns[3], building_block=world.blocks[2], level=world.levels[3]
    )
    after = api_client.get(BLOCKS, {"province": PROVINCE}).json()
    assert counts(before["results"][2]) == [4, 0, 0, 0]
    assert counts(after["results"][2]) == [3, 0, 0, 1]


def test_open_data_csv(world, api_client):
    response = api_client.get(OPEN_DATA)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == [
        "programme",
        "month",
        "province_code",
        "province",
        "building_block_code",
        "building_block",
        "level_position",
        "level_code",
        "level",
        "municipalities",
        "municipalities_total",
        "is_demo",
    ]
    ours = {
        (row["month"], row["building_block_code"], int(row["level_position"])): int(row["municipalities"])
        for row in rows
        if row["province_code"] == PROVINCE
    }
    # 37 months × 3 blocks × 4 levels for the province.
    assert len(ours) == 37 * 3 * 4
    assert [ours[("2021-03", "AAA", position)] for position in range(4)] == [2, 1, 0, 1]
    assert [ours[("2022-08", "AAA", position)] for position in range(4)] == [1, 1, 0, 2]
    assert {row["municipalities_total"] for row in rows if row["province_code"] == PROVINCE} == {"4"}
    assert {row["is_demo"] for row in rows} == {"false"}


def test_schema_documents_the_endpoints(api_client):
    schema = api_client.get(reverse("api-schema")).json()
    server = schema["servers"][0]["url"]  # the paths are relative to it
    for path in (BLOCKS, PROVINCES, OPEN_DATA):
        assert path.removeprefix(server) in schema["paths"]
    assert "text/csv" in schema["paths"][OPEN_DATA.removeprefix(server)]["get"]["responses"]["200"]["content"]
    parameters = {p["name"] for p in schema["paths"][BLOCKS.removeprefix(server)]["get"]["parameters"]}
    assert {"programme", "province", "sizeClass", "asOf", "page"} <= parameters


def test_today_bounds_the_months(world, api_client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2021, 2, 15))
    rows = list(csv.DictReader(io.StringIO(api_client.get(OPEN_DATA).content.decode())))
    assert max(row["month"] for row in rows) == "2021-02"
