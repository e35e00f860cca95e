# SPDX-License-Identifier: EUPL-1.2
"""The open-data page, the files of every dataset in every format, and the DCAT-AP-DONL catalogue."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.core import open_data
from bouwplaats.core.testing import warmed_query_count
from bouwplaats.core.tests.ods import read_ods
from bouwplaats.organisations.models import Municipality

from .world import PROVINCE, make_world

pytestmark = pytest.mark.django_db
PAGE = reverse("open_data:index")
CATALOG = reverse("open_data:catalog")


@pytest.fixture
def world(programme, levels, blocks, staff):
    cache.clear()
    return make_world(programme, levels, blocks, staff)


@pytest.fixture
def public(world):
    world.programme.municipality_status_visibility = StatusVisibility.PUBLIC
    world.programme.save()
    cache.clear()
    return world


def file_url(key: str, fmt: str) -> str:
    return reverse("open-data-file", kwargs={"dataset": key, "fmt": fmt})


def records(key: str, fmt: str, client) -> list[dict]:
    """The rows of a download as dictionaries of text, whatever its format."""
    response = client.get(file_url(key, fmt))
    assert response.status_code == 200, (key, fmt)
    if (key, fmt) != ("progress", "csv"):  # the existing file keeps its own view and name
        assert response["Content-Disposition"].startswith(f'attachment; filename="{key}-')
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(response.content.decode())))
    if fmt == "json":
        document = json.loads(response.content)
        assert document["license"] == open_data.dataset(key).licence.uri
        return [{name: _text(value) for name, value in row.items()} for row in document["rows"]]
    if fmt == "xlsx":
        rows = list(load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0].values)
    else:
        rows = next(iter(read_ods(response.content).values()))
    header, *body = rows
    return [
        {name: _text(value) for name, value in zip(header, [*row, *[None] * len(header)], strict=False)} for row in body
    ]


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_page_lists_every_dataset_with_licence_and_files(world, client):
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<link rel="alternate" type="application/ld+json" href="{CATALOG}"' in html
    for dataset in open_data.datasets():
        assert f'id="{dataset.key}"' in html
        assert dataset.licence.uri in html
    for key in ("building-blocks", "result-agreements", "municipalities"):
        for fmt in open_data.FORMATS:
            assert f'href="{file_url(key, fmt)}"' in html
    assert f'href="{file_url("progress", "csv")}"' in html
    assert f'href="{file_url("progress", "ods")}"' not in html  # too large for a spreadsheet
    # The programme keeps each municipality's progress private: listed, not linked.
    assert file_url("progress-municipalities", "csv") not in html
    assert "keeps the progress of each municipality private" in html
    assert "Bron: CBS" in html


def test_page_in_dutch(world):
    response = Client().get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Licentie" in html
    assert "Laatst bijgewerkt" in html


def test_page_is_linked_from_the_footer_and_the_overview(world, client):
    assert f'href="{PAGE}"' in client.get(reverse("catalogue:home")).content.decode()
    assert f'href="{PAGE}"' in client.get(reverse("monitor:dashboard-overview")).content.decode()


def test_page_query_count(world, client):
    assert warmed_query_count(client, PAGE) <= 16


@pytest.mark.parametrize("fmt", open_data.FORMATS)
def test_reference_datasets_in_every_format(world, client, fmt):
    blocks = {row["code"]: row for row in records("building-blocks", fmt, client)}
    assert set(blocks) == {"AAA", "BBB", "CCC"}
    assert blocks["AAA"]["programme"] == world.programme.slug
    agreements = {row["number"]: row for row in records("result-agreements", fmt, client)}
    assert agreements["1"]["building_blocks"] == "AAA BBB"
    assert agreements["1"]["deadline"] == "2022-07-01"
    assert agreements["1"]["required_level"] == world.levels[2].code
    towns = {row["code"]: row for row in records("municipalities", fmt, client)}
    assert len(towns) == Municipality.objects.values("code").distinct().count()
    assert towns["GM9801"]["province_code"] == PROVINCE
    assert towns["GM9801"]["valid_to"] == ""


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_province_progress_matches_the_existing_file(world, client, fmt):
    rows = records("progress", fmt, client)
    ours = {
        (row["month"], row["building_block_code"], int(row["level_position"])): int(row["municipalities"])
        for row in rows
        if row["province_code"] == PROVINCE
    }
    assert [ours[("2021-03", "AAA", position)] for position in range(4)] == [2, 1, 0, 1]
    assert len(rows) == len(
        list(csv.DictReader(io.StringIO(client.get(reverse("open-data-progress")).content.decode())))
    )


def test_spreadsheets_of_large_tables_are_not_offered(world, client):
    assert client.get(file_url("progress", "ods")).status_code == 404
    assert client.get(file_url("nothing", "csv")).status_code == 404
    assert client.get(file_url("municipalities", "pdf")).status_code == 404


def test_municipality_progress_is_withheld_while_private(world, client):
    for fmt in ("csv", "json"):
        assert client.get(file_url("progress-municipalities", fmt)).status_code == 404
    document = client.get(CATALOG).json()
    assert "progress-municipalities" not in json.dumps(document)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_municipality_progress_when_public(public, client, fmt):
    rows = records("progress-municipalities", fmt, client)
    by_key = {(row["municipality_code"], row["building_block_code"], row["month"]): row for row in rows}
    assert by_key[("GM9801", "AAA", "2021-03")]["level_code"] == public.levels[3].code
    assert by_key[("GM9801", "BBB", "2021-05")]["level_position"] == "2"
    assert ("GM9801", "AAA", "2021-02") not in by_key or by_key[("GM9801", "AAA", "2021-02")]["level_position"] == "0"
    assert not any(row["municipality_code"] == "GM9804" for row in rows)  # no reports
    # The same figures as the province file: in use for AAA in 2022-08 (T1 and T2).
    in_use = {
        row["municipality_code"]
        for row in rows
        if row["month"] == "2022-08" and row["building_block_code"] == "AAA" and row["level_position"] == "3"
    }
    assert in_use == {"GM9801", "GM9802"}
    assert f'href="{file_url("progress-municipalities", fmt)}"' in client.get(PAGE).content.decode()


def test_catalog_is_dcat_json_ld(public, client):
    response = client.get(CATALOG)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    assert document["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert document["@type"] == "dcat:Catalog"
    listed = {entry["@id"].rsplit("#", 1)[1]: entry for entry in document["dcat:dataset"]}
    assert set(listed) == {dataset.key for dataset in open_data.datasets()}
    for key, entry in listed.items():
        licence = open_data.dataset(key).licence.uri
        assert entry["dct:license"] == {"@id": licence}
        assert {text["@language"] for text in entry["dct:title"]} == {"nl", "en"}
        assert {text["@language"] for text in entry["dct:description"]} == {"nl", "en"}
        assert entry["dct:modified"]["@value"]
        assert entry["dct:publisher"]["foaf:name"]
        assert entry["dcat:contactPoint"]["vcard:hasURL"]["@id"].endswith(PAGE)
        assert entry["dcat:theme"]
        for distribution in entry["dcat:distribution"]:
            assert distribution["dct:license"] == {"@id": licence}
            assert distribution["dcat:downloadURL"]["@id"].startswith("http")
            assert distribution["dcat:mediaType"]
    assert listed["municipalities"]["dct:license"]["@id"] == open_data.CC_BY.uri
    assert listed["building-blocks"]["dct:license"]["@id"] == open_data.CC0.uri
    formats = {d["dct:format"]["@id"].rsplit("/", 1)[1] for d in listed["municipalities"]["dcat:distribution"]}
    assert formats == {"CSV", "JSON", "XLSX", "ODS"}


def test_files_are_cached_per_data_version(world, client, django_assert_max_num_queries):
    client.get(file_url("building-blocks", "ods"))
    with django_assert_max_num_queries(1):
        response = client.get(file_url("building-blocks", "ods"))
    assert response.status_code == 200


def test_schema_documents_the_files(api_client):
    schema = api_client.get(reverse("api-schema")).json()
    assert schema["servers"][0]["url"] == "/api/v1"  # the paths are relative to it
    path = "/open-data/{dataset}.{fmt}"
    assert path in schema["paths"]
    assert (
        "application/vnd.oasis.opendocument.spreadsheet" in schema["paths"][path]["get"]["responses"]["200"]["content"]
    )
