# SPDX-License-Identifier: EUPL-1.2
"""The prepared files of large open datasets: written ahead by a task, stored, served from storage;
the previous file while the new one is written, 503 before the first; beat keeps them current."""

import csv
import datetime
import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from bouwplaats.audit.services import record
from bouwplaats.core import open_data, open_data_files, safe_xml, tabular
from bouwplaats.core.private_media import private_storage

from .ods import read_ods

pytestmark = pytest.mark.django_db
KEY = "test-large"
OBJECT_TYPE = "tests.largething"
ROWS: list[list] = []
PUBLISHED = {"now": True}


def _table() -> tabular.Sheet:
    columns = [tabular.Column("code"), tabular.Column("month", tabular.MONTH), tabular.Column("count")]
    return tabular.Sheet("large", columns, list(ROWS))


@pytest.fixture(autouse=True)
def dataset():
    ROWS[:] = [["A", datetime.date(2021, 3, 1), 1], ["=B", datetime.date(2021, 4, 1), 20], ["Één", None, 0]]
    PUBLISHED["now"] = True
    registered = open_data.Dataset(
        key=KEY,
        title="Large",
        description="A large table",
        licence=open_data.CC0,
        table=_table,
        object_types=(OBJECT_TYPE,),
        position=99,
        published=lambda: PUBLISHED["now"],
        prepared=open_data.SPREADSHEETS,
    )
    open_data.register_dataset(registered)
    change()
    yield registered
    open_data.unregister_dataset(KEY)


def change():
    """A write about the dataset's data: a new data version."""
    record(actor=None, action="update", object_type=OBJECT_TYPE, object_id="1", object_label="thing")


def url(fmt: str) -> str:
    return reverse("open-data-file", kwargs={"dataset": KEY, "fmt": fmt})


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def rows_of(fmt: str, data: bytes) -> list[list[str]]:
    """The rows of a file as text, months as YYYY-MM, whatever its format."""
    if fmt == "csv":
        return list(csv.reader(io.StringIO(data.decode())))
    if fmt == "xlsx":
        rows = [list(row) for row in load_workbook(io.BytesIO(data), read_only=True).worksheets[0].values]
    else:
        rows = next(iter(read_ods(data).values()))
    return [[_text(value) for value in row] for row in rows]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m")
    return str(value)


@pytest.mark.parametrize("fmt", open_data.SPREADSHEETS)
def test_a_prepared_file_holds_the_rows_of_the_csv(client, fmt):
    csv_rows = rows_of("csv", client.get(url("csv")).content)
    response = client.get(url(fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == open_data.CONTENT_TYPES[fmt]
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="{KEY}-{today}.{fmt}"'
    assert "no-store" not in response.get("Cache-Control", "")
    assert rows_of(fmt, content(response)) == csv_rows
    assert csv_rows[2] == ["'=B", "2021-04", "20"]  # a formula is text in every format


@pytest.fixture
def rewrite_at_once(settings):
    """A download rewrites an outdated file however recently it was written."""
    settings.OPEN_DATA_REWRITE_AFTER_SECONDS = 0


def test_the_file_is_written_once_per_data_version_and_served_from_storage(
    client, django_assert_max_num_queries, rewrite_at_once
):
    first = content(client.get(url("ods")))
    (stored,) = open_data_files.stored_files(open_data.dataset(KEY)).values()
    assert stored.size == len(first)
    assert private_storage().exists(stored.name)
    with django_assert_max_num_queries(1):  # the data version; no table is read
        assert content(client.get(url("ods"))) == first
    ROWS.append(["C", datetime.date(2021, 5, 1), 3])
    change()
    assert rows_of("ods", content(client.get(url("ods"))))[-1] == ["C", "2021-05", "3"]
    # The older file is gone.
    _folders, names = private_storage().listdir(f"{open_data_files.FOLDER}/{KEY}")
    assert [name for name in names if name.endswith(".ods")] == [f"{datetime.date.today()}.v{newest()}.ods"]


def newest() -> int:
    return open_data_files.current_version(open_data.dataset(KEY))[0]


def test_while_the_new_file_is_written_the_previous_one_is_served(client, monkeypatch, rewrite_at_once):
    old = content(client.get(url("xlsx")))
    queued = []
    monkeypatch.setattr(open_data_files.write_open_data_file, "delay", lambda *args: queued.append(args))
    ROWS.append(["C", datetime.date(2021, 5, 1), 3])
    change()
    response = client.get(url("xlsx"))
    assert response.status_code == 200
    assert content(response) == old
    assert queued == [(KEY, "xlsx")]
    client.get(url("xlsx"))
    change()  # another report meanwhile: still one writer for the file (a lock in the cache)
    client.get(url("xlsx"))
    assert len(queued) == 1
    page = client.get(reverse("open_data:index")).content.decode()
    assert "het nieuwe bestand wordt geschreven" in page


def test_a_file_written_a_moment_ago_is_served_without_queuing_its_rewriting(client, monkeypatch, settings):
    settings.OPEN_DATA_REWRITE_AFTER_SECONDS = 300
    old = content(client.get(url("ods")))
    queued = []
    monkeypatch.setattr(open_data_files.write_open_data_file, "delay", lambda *args: queued.append(args))
    change()
    assert content(client.get(url("ods"))) == old
    assert queued == []  # beat writes it within ten minutes
    open_data_files.files_update()
    version, day = open_data_files.current_version(open_data.dataset(KEY))
    stored = open_data_files.stored_files(open_data.dataset(KEY))
    assert set(stored) == {"ods", "xlsx"} and all(file.is_current(version, day) for file in stored.values())
    assert content(client.get(url("ods"))) != old


def test_before_the_first_file_a_download_answers_503_with_retry_after(client, monkeypatch):
    monkeypatch.setattr(open_data_files.write_open_data_file, "delay", lambda *args: None)
    response = client.get(url("ods"))
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == str(open_data_files.RETRY_AFTER_SECONDS)
    assert response.json()["code"] == "being_written"


def test_the_page_states_each_prepared_file_size_and_the_time_of_its_data(client):
    page = client.get(reverse("open_data:index")).content.decode()
    assert "wordt geschreven; binnen enkele minuten beschikbaar" in page
    response = client.get(url("xlsx"))
    size = len(content(response))
    page = client.get(reverse("open_data:index")).content.decode()
    (stored,) = open_data_files.stored_files(open_data.dataset(KEY)).values()
    assert stored.size == size
    section = page[page.index(f'id="{KEY}"') :]
    items = {item.split('"', 1)[0]: item for item in section.split('<li><a href="')[1:]}
    with translation.override("nl"):
        assert f"(XLSX)</a>: {filesizeformat(size)}, gegevens van <time datetime=" in items[url("xlsx")]
    assert "wordt geschreven" not in items[url("xlsx")]
    assert "(ODS)</a> (wordt geschreven; binnen enkele minuten beschikbaar)" in items[url("ods")]  # not yet


def test_beat_writes_every_prepared_file_once_and_removes_those_no_longer_published(settings):
    assert open_data_files.files_update()["written"] >= 2
    again = open_data_files.files_update()
    assert again["written"] == 0 and again["current"] >= 2
    PUBLISHED["now"] = False
    out = io.StringIO()
    call_command("update_open_data_files", stdout=out)
    assert open_data_files.stored_files(open_data.dataset(KEY)) == {}
    assert "2 removed" in out.getvalue()


def test_an_unpublished_dataset_has_no_files(client):
    PUBLISHED["now"] = False
    assert client.get(url("ods")).status_code == 404
    assert open_data_files.write_open_data_file(KEY, "ods") is None


def test_a_written_ods_is_well_formed_with_its_media_type_first(client):
    data = content(client.get(url("ods")))
    archive = zipfile.ZipFile(io.BytesIO(data))
    first = archive.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    for part in ("content.xml", "styles.xml", "META-INF/manifest.xml"):  # well-formed XML, or this raises
        safe_xml.parse(io.BytesIO(archive.read(part)), max_bytes=10**6, max_depth=20, max_elements=10**4)


def test_the_pages_queries_do_not_grow_with_its_stored_files(client):
    """The time of a stored file's data is that of the dataset when the file is current: not read again per file."""
    client.get(url("xlsx"))
    with CaptureQueriesContext(connection) as one_file:
        client.get(reverse("open_data:index"))
    client.get(url("ods"))
    with CaptureQueriesContext(connection) as two_files:
        client.get(reverse("open_data:index"))
    assert len(open_data_files.stored_files(open_data.dataset(KEY))) == 2
    assert len(two_files.captured_queries) == len(one_file.captured_queries)


def test_a_stopped_writers_temporary_file_is_removed_by_a_later_run():
    folder = Path(private_storage().path(f"{open_data_files.FOLDER}/{KEY}"))
    folder.mkdir(parents=True, exist_ok=True)
    stale, fresh = folder / f".ods-stopped{open_data_files.PART}", folder / f".xlsx-writing{open_data_files.PART}"
    stale.write_bytes(b"half a file")
    fresh.write_bytes(b"half a file")
    long_ago = time.time() - open_data_files.LOCK_SECONDS - 60
    os.utime(stale, (long_ago, long_ago))
    open_data_files.files_update()
    assert not stale.exists()
    assert fresh.exists()  # a writer may still be at work on it


def test_a_writing_asked_for_before_the_dataset_was_withdrawn_leaves_no_lock(monkeypatch):
    monkeypatch.setattr(open_data_files.write_open_data_file, "delay", lambda *args: None)
    registered = open_data.dataset(KEY)
    assert open_data_files.file_request(registered, "ods")  # queued: the file's lock is taken
    PUBLISHED["now"] = False
    assert open_data_files.write_open_data_file(KEY, "ods") is None
    PUBLISHED["now"] = True
    assert open_data_files.file_request(registered, "ods")  # the lock went with the task
