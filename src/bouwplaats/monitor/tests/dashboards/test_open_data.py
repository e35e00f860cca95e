# SPDX-License-Identifier: EUPL-1.2
"""The open-data page, the files of every dataset in every format, and the DCAT-AP-DONL catalogue."""

import csv
import io
import json
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from rdflib import Graph, Literal, Namespace, URIRef

# rdflib's vocabularies through their module: pytest trips over them as names of this module.
from rdflib import namespace as ns

from bouwplaats.catalogue.models import StatusVisibility
from bouwplaats.core import open_data
from bouwplaats.core.testing import warmed_query_count
from bouwplaats.core.tests.ods import read_ods
from bouwplaats.organisations.models import Municipality

from .world import PROVINCE, make_world

pytestmark = pytest.mark.django_db
PAGE = reverse("open_data:index")
CATALOG = reverse("open_data:catalog")
OVERHEID = Namespace("http://standaarden.overheid.nl/owms/terms/")
OVERHEIDDS = Namespace("http://standaarden.overheid.nl/dcatnl/terms/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


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
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(data.decode())))
    if fmt == "json":
        document = json.loads(data)
        assert document["license"] == open_data.dataset(key).licence.uri
        return [{name: _text(value) for name, value in row.items()} for row in document["rows"]]
    if fmt == "xlsx":
        rows = list(load_workbook(io.BytesIO(data), read_only=True).worksheets[0].values)
    else:
        rows = next(iter(read_ods(data).values()))
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
    for fmt in open_data.FORMATS:
        assert f'href="{file_url("progress", fmt)}"' in html
    assert "spreadsheets are written ahead" in html
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


@pytest.mark.parametrize("fmt", open_data.SPREADSHEETS)
def test_spreadsheets_of_the_large_tables_hold_the_rows_of_the_csv(public, client, fmt):
    for key in ("progress", "progress-municipalities"):
        assert fmt in open_data.dataset(key).prepared  # written ahead, served from storage
        expected = records(key, "csv", client)
        assert expected
        assert [_month(row) for row in records(key, fmt, client)] == [_month(row) for row in expected]


def _month(row: dict) -> dict:
    """A spreadsheet's month is a date cell (its first day); the CSV writes YYYY-MM."""
    return {**row, "month": row["month"][:7]}


def test_unknown_datasets_and_formats_are_not_found(world, client):
    assert client.get(file_url("nothing", "csv")).status_code == 404
    assert client.get(file_url("municipalities", "pdf")).status_code == 404


def test_municipality_progress_is_withheld_while_private(world, client):
    for fmt in open_data.FORMATS:
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


# What DCAT-AP-DONL 1.1 makes mandatory, besides what DCAT-AP asks: of each dataset and each distribution.
DONL_DATASET = (
    ns.DCTERMS.identifier,
    ns.DCTERMS.title,
    ns.DCTERMS.description,
    ns.DCTERMS.language,
    OVERHEIDDS.metadataLanguage,
    ns.DCAT.theme,
    ns.DCTERMS.modified,
    OVERHEID.authority,
    ns.DCTERMS.publisher,
    ns.DCAT.contactPoint,
    ns.DCTERMS.license,
    ns.DCAT.distribution,
)
DONL_DISTRIBUTION = (
    ns.DCAT.accessURL,
    ns.DCTERMS.license,
    ns.DCTERMS.title,
    ns.DCTERMS.description,
    ns.DCTERMS.language,
    ns.DCTERMS.format,
    ns.DCAT.downloadURL,
    ns.DCAT.mediaType,
)
LANGUAGES = {
    URIRef("http://publications.europa.eu/resource/authority/language/NLD"),
    URIRef("http://publications.europa.eu/resource/authority/language/ENG"),
}
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"


def catalog_graph(client) -> tuple[Graph, URIRef]:
    response = client.get(CATALOG)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    graph = Graph().parse(data=response.content.decode(), format="json-ld")
    (catalogue,) = graph.subjects(ns.RDF.type, ns.DCAT.Catalog)
    return graph, catalogue


def texts(graph: Graph, subject, predicate) -> dict[str, str]:
    """The language-tagged texts of a property: language → text; each a literal."""
    values = list(graph.objects(subject, predicate))
    assert values and all(isinstance(value, Literal) for value in values), (subject, predicate)
    return {value.language: str(value) for value in values}


def test_catalog_is_rdf_with_what_dcat_ap_donl_requires(public, client):
    graph, catalogue = catalog_graph(client)
    datasets = set(graph.objects(catalogue, ns.DCAT.dataset))
    assert datasets == set(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))
    assert {str(dataset).rsplit("#", 1)[1] for dataset in datasets} == {d.key for d in open_data.datasets()}
    for dataset in datasets:
        registered = open_data.dataset(str(dataset).rsplit("#", 1)[1])
        missing = [str(term) for term in DONL_DATASET if graph.value(dataset, term) is None]
        assert not missing, (registered.key, missing)
        assert texts(graph, dataset, ns.DCTERMS.title) == {
            "nl": str(_nl(registered.title)),
            "en": str(registered.title),
        }
        assert set(texts(graph, dataset, ns.DCTERMS.description)) == {"nl", "en"}
        assert graph.value(dataset, ns.DCTERMS.license) == URIRef(registered.licence.uri)
        modified = graph.value(dataset, ns.DCTERMS.modified)
        assert modified.datatype == ns.XSD.dateTime and modified.toPython().tzinfo is not None
        assert set(graph.objects(dataset, ns.DCTERMS.language)) == LANGUAGES
        assert graph.value(dataset, OVERHEIDDS.metadataLanguage) in LANGUAGES
        assert all(isinstance(theme, URIRef) for theme in graph.objects(dataset, ns.DCAT.theme))
        for agent in (graph.value(dataset, ns.DCTERMS.publisher), graph.value(dataset, OVERHEID.authority)):
            assert str(graph.value(agent, ns.FOAF.name)) == "Bouwplaats"
        contact = graph.value(dataset, ns.DCAT.contactPoint)
        assert graph.value(contact, VCARD.fn) and str(graph.value(contact, VCARD.hasURL)).endswith(PAGE)
        formats = set()
        for distribution in graph.objects(dataset, ns.DCAT.distribution):
            assert (distribution, ns.RDF.type, ns.DCAT.Distribution) in graph
            missing = [str(term) for term in DONL_DISTRIBUTION if graph.value(distribution, term) is None]
            assert not missing, (registered.key, distribution, missing)
            assert graph.value(distribution, ns.DCTERMS.license) == URIRef(registered.licence.uri)
            assert set(texts(graph, distribution, ns.DCTERMS.title)) == {"nl", "en"}
            assert set(texts(graph, distribution, ns.DCTERMS.description)) == {"nl", "en"}
            file_type = str(graph.value(distribution, ns.DCTERMS.format)).removeprefix(FILE_TYPES)
            media_type = str(graph.value(distribution, ns.DCAT.mediaType)).removeprefix(IANA)
            download = graph.value(distribution, ns.DCAT.downloadURL)
            assert isinstance(download, URIRef) and download == graph.value(distribution, ns.DCAT.accessURL)
            # The file is there, in the format and media type the catalogue says.
            response = client.get(urlsplit(str(download)).path)
            assert response.status_code == 200, download
            assert response["Content-Type"].split(";")[0] == media_type == open_data.MEDIA_TYPES[file_type.lower()]
            formats.add(file_type)
        assert formats == {"CSV", "JSON", "XLSX", "ODS"}, registered.key
    assert graph.value(URIRef(f"http://testserver{PAGE}#municipalities"), ns.DCTERMS.license) == URIRef(
        open_data.CC_BY.uri
    )


def _nl(text):
    with translation.override("nl"):
        return str(text)


def test_catalog_names_the_size_of_prepared_files_and_the_publisher_uri(public, client, settings):
    settings.OPEN_DATA_PUBLISHER_URI = "http://standaarden.overheid.nl/owms/terms/Vereniging_van_Nederlandse_Gemeenten"
    size = len(b"".join(client.get(file_url("progress", "ods")).streaming_content))
    graph, _catalogue = catalog_graph(client)
    ods = URIRef(f"http://testserver{file_url('progress', 'ods')}")
    assert graph.value(ods, ns.DCAT.byteSize).toPython() == size
    assert graph.value(URIRef(f"http://testserver{file_url('progress', 'xlsx')}"), ns.DCAT.byteSize) is None  # not yet
    dataset = URIRef(f"http://testserver{PAGE}#progress")
    assert graph.value(dataset, ns.DCTERMS.publisher) == URIRef(settings.OPEN_DATA_PUBLISHER_URI)
    assert "some minutes behind" in texts(graph, ods, ns.DCTERMS.description)["en"]


def test_catalog_leaves_out_a_dataset_without_recorded_changes(world, client):
    key = "never-written"
    open_data.register_dataset(
        open_data.Dataset(
            key=key,
            title="Never written",
            description="-",
            licence=open_data.CC0,
            table=lambda: None,
            object_types=("tests.neverwritten",),
            position=99,
        )
    )
    try:
        graph, _catalogue = catalog_graph(client)
        assert not [dataset for dataset in graph.subjects(ns.RDF.type, ns.DCAT.Dataset) if str(dataset).endswith(key)]
    finally:
        open_data.unregister_dataset(key)


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
