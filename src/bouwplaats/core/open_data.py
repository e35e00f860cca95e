# SPDX-License-Identifier: EUPL-1.2
"""Open data: the datasets that apps publish, their files and their metadata (DCAT-AP-DONL).

The open-data page and the catalogue in JSON-LD sit low in the project and must not know the apps
built on it; each app registers its datasets in ``AppConfig.ready``::

    from bouwplaats.core.open_data import CC0, Dataset, register_dataset
    register_dataset(Dataset(
        key="building-blocks", title=_("Building blocks"), description=_("…"), licence=CC0,
        keywords=(_("building blocks"),), object_types=("catalogue.buildingblock",),
        table=building_blocks_table, position=20,
    ))

A dataset is one table (``table()`` gives a ``core.tabular.Sheet`` whose column headings are fixed
machine names, the same in every language), written as CSV, JSON, XLSX and ODS. The files are
written when first asked for and cached per data version, except the formats a dataset lists as
``prepared``: the spreadsheets of a table too large to write while a visitor waits, which a
background task writes ahead and the download serves from storage (``core.open_data_files``). ``published()``
says whether the dataset may be downloaded today (a programme may keep per-municipality figures
private); a dataset that is not published is listed with the reason (``withheld``) and has no files.
The time of its last update is the time of the newest audit entry about its ``object_types``.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from bouwplaats.audit.selectors import data_version_of, entry_time

from . import tabular

JSON = "json"
ODS = tabular.ODS
FORMATS = (tabular.CSV, JSON, tabular.XLSX, tabular.ODS)
MEDIA_TYPES = {
    tabular.CSV: "text/csv",
    JSON: "application/json",
    tabular.XLSX: tabular.CONTENT_TYPES[tabular.XLSX],
    tabular.ODS: tabular.CONTENT_TYPES[tabular.ODS],
}
CONTENT_TYPES = {**MEDIA_TYPES, tabular.CSV: tabular.CONTENT_TYPES[tabular.CSV]}
# The file types of the EU's vocabulary, which DCAT-AP-DONL uses for dct:format.
FORMAT_URIS = {fmt: f"http://publications.europa.eu/resource/authority/file-type/{fmt.upper()}" for fmt in FORMATS}
FORMAT_NAMES = {tabular.CSV: "CSV", JSON: "JSON", tabular.XLSX: "XLSX", tabular.ODS: "ODS"}
# A media type in DCAT is a resource: IANA's page of it.
MEDIA_TYPE_URIS = {fmt: f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[fmt]}" for fmt in FORMATS}
SPREADSHEETS = (tabular.XLSX, tabular.ODS)
FORMAT_DESCRIPTIONS = {
    tabular.CSV: gettext_lazy("CSV: UTF-8, comma-separated, with a header row of the column names."),
    JSON: gettext_lazy(
        "JSON: one object with the licence, the time of the data, the column names and the rows, each row an "
        "object keyed by column name."
    ),
    tabular.XLSX: gettext_lazy("XLSX (Office Open XML): a spreadsheet with a header row of the column names."),
    tabular.ODS: gettext_lazy(
        "ODS (OpenDocument, the open standard): a spreadsheet with a header row of the column names."
    ),
}
PREPARED_NOTE = gettext_lazy("Written ahead after each change of the data, so it may be some minutes behind.")


@dataclass(frozen=True)
class Licence:
    name: str
    uri: str  # as the DONL licence list names it


CC0 = Licence("CC0 1.0", "http://creativecommons.org/publicdomain/zero/1.0/deed.nl")
CC_BY = Licence("CC BY 4.0", "http://creativecommons.org/licenses/by/4.0/deed.nl")


@dataclass(frozen=True)
class Dataset:
    key: str  # the file's name in the API, e.g. "building-blocks" → /api/v1/open-data/building-blocks.csv
    title: str  # lazy translations, so that they follow the language of each request
    description: str
    licence: Licence
    table: Callable[[], tabular.Sheet]
    object_types: tuple[str, ...]  # audit object types: a write about them changes the data
    position: int
    keywords: tuple[str, ...] = ()
    theme: str = "http://standaarden.overheid.nl/owms/terms/Bestuur"  # the DONL taxonomy of themes
    attribution: str = ""  # how a reuser names the source, e.g. "Bron: CBS"
    published: Callable[[], bool] | None = None  # None: always
    withheld: str = ""  # why the data is not published when ``published()`` is false
    columns: tuple[tuple[str, str], ...] = field(default=())  # (column, description in English)
    formats: tuple[str, ...] = FORMATS
    # Formats written ahead by a background task and served from storage (``core.open_data_files``):
    # the spreadsheets of a table too large to write while a visitor waits (``SPREADSHEETS``).
    prepared: tuple[str, ...] = ()

    def is_published(self) -> bool:
        return self.published is None or self.published()


_datasets: dict[str, Dataset] = {}


def register_dataset(dataset: Dataset) -> None:
    """Registering a dataset again under the same key replaces it."""
    _datasets[dataset.key] = dataset


def unregister_dataset(key: str) -> None:
    _datasets.pop(key, None)


def datasets() -> list[Dataset]:
    return sorted(_datasets.values(), key=lambda dataset: (dataset.position, dataset.key))


def dataset(key: str) -> Dataset | None:
    return _datasets.get(key)


def version(request, dataset: Dataset) -> int:
    """The newest audit entry about the dataset's data: its files are cached under this number."""
    return data_version_of(request, dataset.object_types)


def modified(request, dataset: Dataset) -> datetime.datetime | None:
    """When the dataset's data last changed: the time of the newest audit entry about it."""
    return entry_time(version(request, dataset))


def _json_value(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def json_bytes(dataset: Dataset, sheet: tabular.Sheet, *, modified_at: datetime.datetime | None) -> bytes:
    """The table as JSON: the licence and time of the data, and one object per row keyed by column
    (written row by row, so that a large table is not held as objects)."""
    headings = [str(column.heading) for column in sheet.columns]
    months = {index for index, column in enumerate(sheet.columns) if column.kind == tabular.MONTH}

    def value(index, cell):
        if index in months and isinstance(cell, datetime.date):
            return cell.strftime("%Y-%m")
        return cell.isoformat() if isinstance(cell, datetime.date) else cell

    head = {
        "dataset": dataset.key,
        "license": dataset.licence.uri,
        "modified": modified_at.isoformat() if modified_at else None,
        "columns": headings,
    }
    rows = (
        json.dumps(
            {heading: value(index, cell) for index, (heading, cell) in enumerate(zip(headings, row, strict=False))},
            ensure_ascii=False,
        )
        for row in sheet.rows
    )
    return (json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [' + ",\n".join(rows) + "]}").encode()


def file_bytes(dataset: Dataset, fmt: str, *, modified_at: datetime.datetime | None) -> bytes:
    """The dataset in ``fmt``; CSV for machines: UTF-8 without byte order mark, plain line ends."""
    sheet = dataset.table()
    if fmt == JSON:
        return json_bytes(dataset, sheet, modified_at=modified_at)
    if fmt == tabular.CSV:
        return tabular.csv_bytes(sheet, bom=False, line_end="\n")
    return tabular.file_bytes(fmt, sheet)


def file_write(dataset: Dataset, fmt: str, target) -> None:
    """The dataset as a spreadsheet (``fmt`` in ``SPREADSHEETS``) into the binary file ``target``, row by
    row, without holding the table in memory (the prepared files of large tables)."""
    writers = {tabular.XLSX: tabular.xlsx_write, tabular.ODS: tabular.ods_write}
    writers[fmt](target, dataset.table())


def filename(dataset: Dataset, fmt: str, today: datetime.date) -> str:
    return f"{dataset.key}-{today.isoformat()}.{fmt}"


# --- the catalogue in DCAT-AP-DONL (JSON-LD) -----------------------------------------------------

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "adms": "http://www.w3.org/ns/adms#",
    "overheid": "http://standaarden.overheid.nl/owms/terms/",
    "overheidds": "http://standaarden.overheid.nl/dcatnl/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LANGUAGES = ("nl", "en")
LANGUAGE_URIS = [
    {"@id": "http://publications.europa.eu/resource/authority/language/NLD"},
    {"@id": "http://publications.europa.eu/resource/authority/language/ENG"},
]
ACCESS_PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
STATUS_AVAILABLE = "http://data.overheid.nl/status/beschikbaar"
FREQUENCY_CONTINUOUS = "http://publications.europa.eu/resource/authority/frequency/CONT"


def _texts(value) -> list[dict]:
    """A translatable text (lazy, or a function that translates it) in each language, as JSON-LD
    language-tagged strings."""
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            texts.append({"@value": str(value() if callable(value) else value), "@language": language})
    return texts


def _format_description(dataset: Dataset, fmt: str):
    """A distribution's description: the format, and for a prepared file that it is written ahead."""

    def text() -> str:
        described = str(FORMAT_DESCRIPTIONS[fmt])
        return f"{described} {PREPARED_NOTE}" if fmt in dataset.prepared else described

    return text


def _stamp(moment: datetime.datetime | None) -> dict | None:
    return {"@value": moment.isoformat(), "@type": "xsd:dateTime"} if moment else None


def catalog(
    entries: list[tuple[Dataset, datetime.datetime | None]],
    *,
    page_url: str,
    catalog_url: str,
    file_url: Callable[[Dataset, str], str],
    byte_size: Callable[[Dataset, str], int | None] = lambda dataset, fmt: None,
) -> dict:
    """The DCAT-AP-DONL catalogue of the published datasets: ``entries`` are (dataset, its last
    update); ``file_url(dataset, fmt)`` is the absolute address of a file, ``byte_size(dataset, fmt)``
    its size where it is known ahead (a prepared file).

    Each dataset carries the properties that DCAT-AP-DONL 1.1 makes mandatory (identifier, title,
    description, language, metadata language, theme, modification date, authority, publisher,
    contact point), each distribution its mandatory ones (access URL, licence, title, description,
    language, format) and the recommended download URL, media type and status. A dataset whose data
    was never written (no audit entry: nothing to publish yet, and no modification date) is left out.
    """
    publisher = {"@type": "foaf:Agent", "foaf:name": settings.OPEN_DATA_PUBLISHER, "foaf:homepage": {"@id": page_url}}
    if settings.OPEN_DATA_PUBLISHER_URI:  # the publisher's URI in the DONL list of organisations
        publisher["@id"] = settings.OPEN_DATA_PUBLISHER_URI
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": settings.OPEN_DATA_PUBLISHER,
        "vcard:hasURL": {"@id": page_url},
    }
    if settings.OPEN_DATA_CONTACT_EMAIL:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}"}
    listed = []
    for dataset, modified_at in entries:
        if modified_at is None:
            continue
        licence = {"@id": dataset.licence.uri}
        distributions = []
        for fmt in dataset.formats:
            distribution = {
                "@id": file_url(dataset, fmt),
                "@type": "dcat:Distribution",
                "dct:title": [
                    {"@value": f"{text['@value']} ({FORMAT_NAMES[fmt]})", "@language": text["@language"]}
                    for text in _texts(dataset.title)
                ],
                "dct:description": _texts(_format_description(dataset, fmt)),
                "dcat:accessURL": {"@id": file_url(dataset, fmt)},
                "dcat:downloadURL": {"@id": file_url(dataset, fmt)},
                "dct:format": {"@id": FORMAT_URIS[fmt]},
                "dcat:mediaType": {"@id": MEDIA_TYPE_URIS[fmt]},
                "dct:license": licence,
                "dct:language": LANGUAGE_URIS,
                "adms:status": {"@id": STATUS_AVAILABLE},
            }
            size = byte_size(dataset, fmt)
            if size is not None:
                distribution["dcat:byteSize"] = {"@value": str(size), "@type": "xsd:decimal"}
            distributions.append(distribution)
        entry = {
            "@id": f"{page_url}#{dataset.key}",
            "@type": "dcat:Dataset",
            "dct:identifier": f"{page_url}#{dataset.key}",
            "dct:title": _texts(dataset.title),
            "dct:description": _texts(dataset.description),
            "dct:license": licence,
            "dct:modified": _stamp(modified_at),
            "dct:publisher": publisher,
            "overheid:authority": publisher,
            "dcat:contactPoint": contact,
            "dcat:theme": [{"@id": dataset.theme}],
            "dcat:keyword": [text for keyword in dataset.keywords for text in _texts(keyword)],
            "dcat:landingPage": {"@id": f"{page_url}#{dataset.key}"},
            "dct:language": LANGUAGE_URIS,
            "overheidds:metadataLanguage": LANGUAGE_URIS[0],
            "dct:accessRights": {"@id": ACCESS_PUBLIC},
            "dct:accrualPeriodicity": {"@id": FREQUENCY_CONTINUOUS},
            "adms:status": {"@id": STATUS_AVAILABLE},
            "dcat:distribution": distributions,
        }
        if dataset.attribution:
            entry["dct:rights"] = dataset.attribution
        listed.append(entry)
    newest = max((modified_at for _dataset, modified_at in entries if modified_at), default=None)
    result = {
        "@context": CONTEXT,
        "@id": catalog_url,
        "@type": "dcat:Catalog",
        "dct:title": _texts(lambda: gettext("Open data of %(site)s") % {"site": settings.SITE_NAME}),
        "dct:description": _texts(
            lambda: (
                gettext("The datasets that %(site)s publishes: the progress of the programme and reference data.")
                % {"site": settings.SITE_NAME}
            )
        ),
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "foaf:homepage": {"@id": page_url},
        "dct:language": LANGUAGE_URIS,
        "dcat:dataset": listed,
    }
    if newest:
        result["dct:modified"] = _stamp(newest)
    return result
