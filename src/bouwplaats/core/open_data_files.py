# SPDX-License-Identifier: EUPL-1.2
"""The files of large open datasets, written ahead by a background task and served from storage.

A spreadsheet of a table with hundreds of thousands of rows takes a minute to write (XLSX) or a
quarter of one (ODS): too long for a visitor to wait, and too much work to repeat for each. The
formats a dataset lists as ``prepared`` are therefore written once per version of its data and
day (``file_write``, streaming, into a temporary file that replaces nothing until it is complete)
and kept in the private storage under ``open-data/<dataset>/``, named by that day and version.

Who writes them: the task ``core.write_open_data_file``, queued by a download (``file_request``)
that finds the stored file outdated and older than ``OPEN_DATA_REWRITE_AFTER_SECONDS``, and the beat
job ``core.update_open_data_files`` (every ten minutes: the files of every published dataset up to
date, those of a dataset no longer published removed). A lock in the cache keeps one writer per
file at a time, whatever the version: while reports come in every few seconds, a file is written
again and again by one worker at most, never by a queue of them. Meanwhile a download gets the
previous file, which says the date of its data in its name; only when no file was written yet does
it answer 503 with ``Retry-After``. With ``CELERY_TASK_ALWAYS_EAGER`` (development, tests) the task
runs in the request, so the first download writes the file.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from bouwplaats.audit.selectors import data_version_of

from . import open_data
from .private_media import private_storage

logger = logging.getLogger(__name__)

FOLDER = "open-data"
# A writer that died holds the lock no longer than this; the next download or beat run starts again.
LOCK_SECONDS = 15 * 60
PART = ".part"  # the end of a file's name while it is written
RETRY_AFTER_SECONDS = 60
_NAME = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})\.v(?P<version>\d+)\.(?P<fmt>[a-z]+)$")


@dataclass(frozen=True)
class StoredFile:
    name: str  # in the private storage
    fmt: str
    day: datetime.date  # the day it was written for (a table can depend on the date)
    version: int  # the data version it holds (the newest audit entry about its data)
    size: int  # bytes
    written_at: datetime.datetime

    def is_current(self, version: int, day: datetime.date) -> bool:
        return (self.version, self.day) == (version, day)

    def may_be_rewritten(self) -> bool:
        """Whether a download may queue its rewriting: written long enough ago (else beat catches up)."""
        age = timezone.now() - self.written_at
        return age.total_seconds() >= settings.OPEN_DATA_REWRITE_AFTER_SECONDS


def _folder(dataset: open_data.Dataset) -> str:
    return f"{FOLDER}/{dataset.key}"


def _name(dataset: open_data.Dataset, fmt: str, *, version: int, day: datetime.date) -> str:
    return f"{_folder(dataset)}/{day.isoformat()}.v{version}.{fmt}"


def stored_files(dataset: open_data.Dataset) -> dict[str, StoredFile]:
    """The newest stored file of each prepared format of the dataset (none yet: not in the result)."""
    storage = private_storage()
    try:
        _folders, names = storage.listdir(_folder(dataset))
    except FileNotFoundError:
        return {}
    newest: dict[str, StoredFile] = {}
    for file_name in names:
        match = _NAME.match(file_name)
        if match is None or match["fmt"] not in dataset.prepared:
            continue  # a file being written (its temporary name), or of a format no longer prepared
        name = f"{_folder(dataset)}/{file_name}"
        day, version = datetime.date.fromisoformat(match["day"]), int(match["version"])
        known = newest.get(match["fmt"])
        if known is not None and (known.day, known.version) >= (day, version):
            continue
        try:
            newest[match["fmt"]] = _stored(name, match["fmt"], day, version)
        except FileNotFoundError:  # replaced by a newer one meanwhile
            continue
    return newest


def _stored(name: str, fmt: str, day: datetime.date, version: int) -> StoredFile:
    storage = private_storage()
    return StoredFile(name, fmt, day, version, storage.size(name), storage.get_modified_time(name))


def current_version(dataset: open_data.Dataset, request=None) -> tuple[int, datetime.date]:
    """The data version and the day that a current file of the dataset is written for."""
    return data_version_of(request, dataset.object_types), timezone.localdate()


def file_write(dataset: open_data.Dataset, fmt: str) -> StoredFile:
    """Write the dataset's current file in ``fmt`` (unless it is there already), then remove its older ones.

    The file is written under a temporary name in its folder and renamed when complete, so that a
    download never gets half a file; the older files go after that (a download reading one keeps it open).
    """
    version, day = current_version(dataset)
    name = _name(dataset, fmt, version=version, day=day)
    storage = private_storage()
    if not storage.exists(name):
        folder = Path(storage.path(_folder(dataset)))
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{fmt}-", suffix=PART)
        try:
            with os.fdopen(handle, "wb") as target:
                open_data.file_write(dataset, fmt, target)
            os.chmod(temporary, 0o644)  # as the storage's other files: mkstemp makes it the owner's only
            os.replace(temporary, storage.path(name))
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        logger.info("open data file written: %s", name)
    _remove_older(dataset, fmt, keep=name)
    return _stored(name, fmt, day, version)


def _remove_older(dataset: open_data.Dataset, fmt: str, *, keep: str) -> None:
    storage = private_storage()
    _folders, names = storage.listdir(_folder(dataset))
    for file_name in names:
        match = _NAME.match(file_name)
        name = f"{_folder(dataset)}/{file_name}"
        if (match and match["fmt"] == fmt and name != keep) or _abandoned(name):
            with contextlib.suppress(FileNotFoundError):
                storage.delete(name)


def _abandoned(name: str) -> bool:
    """A temporary file older than a writer may take: its writer was stopped before it could remove it."""
    if not name.endswith(PART):
        return False
    storage = private_storage()
    with contextlib.suppress(FileNotFoundError):
        return (timezone.now() - storage.get_modified_time(name)).total_seconds() > LOCK_SECONDS
    return False


def files_remove(dataset: open_data.Dataset) -> int:
    """Remove the stored files of a dataset (one that is no longer published); how many went."""
    storage = private_storage()
    try:
        _folders, names = storage.listdir(_folder(dataset))
    except FileNotFoundError:
        return 0
    removed = 0
    for file_name in names:
        name = f"{_folder(dataset)}/{file_name}"
        if _NAME.match(file_name) or _abandoned(name):
            with contextlib.suppress(FileNotFoundError):
                storage.delete(name)
                removed += 1
    return removed


def _lock_key(key: str, fmt: str) -> str:
    """The lock of the writer of a dataset's file in ``fmt``: one writer per file at a time."""
    return f"open-data-file:{key}:{fmt}"


def file_request(dataset: open_data.Dataset, fmt: str) -> bool:
    """Queue the writing of the dataset's current file in ``fmt``, unless a writer has the file already.
    True when queued (with an eager Celery the file is written when this returns)."""
    if not cache.add(_lock_key(dataset.key, fmt), True, LOCK_SECONDS):
        return False
    write_open_data_file.delay(dataset.key, fmt)
    return True


@shared_task(name="core.write_open_data_file")
def write_open_data_file(key: str, fmt: str) -> str | None:
    """Write one prepared file of a published dataset; its stored name. The caller holds the file's lock
    (``file_request``, ``files_update``), released here whatever happens."""
    try:
        dataset = open_data.dataset(key)
        if dataset is None or fmt not in dataset.prepared or not dataset.is_published():
            return None
        return file_write(dataset, fmt).name
    finally:
        cache.delete(_lock_key(key, fmt))


def files_update() -> dict[str, int]:
    """Every prepared file of every published dataset current, the files of the others removed
    (what beat runs every ten minutes). A second run writes nothing more."""
    counts = {"written": 0, "current": 0, "removed": 0, "busy": 0}
    for dataset in open_data.datasets():
        if not dataset.prepared:
            continue
        if not dataset.is_published():
            counts["removed"] += files_remove(dataset)
            continue
        version, day = current_version(dataset)
        stored = stored_files(dataset)
        for fmt in dataset.prepared:
            if fmt in stored and stored[fmt].is_current(version, day):
                counts["current"] += 1
                continue
            if not cache.add(_lock_key(dataset.key, fmt), True, LOCK_SECONDS):
                counts["busy"] += 1  # a download's task writes it
                continue
            write_open_data_file(dataset.key, fmt)  # here, in beat's task
            counts["written"] += 1
    return counts


@shared_task(name="core.update_open_data_files")
def update_open_data_files() -> dict[str, int]:
    return files_update()
