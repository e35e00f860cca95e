# SPDX-License-Identifier: EUPL-1.2
"""The official schemas of each standard's conformance check, each parsed once per process.

A standard's ``schema_set`` names one or more schema files (``data/stuf/``, see its SOURCE.md); a
message is validated against the file whose namespaces hold its root element. Parsing the StUF
schemas takes seconds (StUF-BG 2.04 about 1 s, StUF-ZKN 3.10 about 6 s, StUF-BG 3.10 about 12 s; more on a busy machine)
and a parsed schema is only read afterwards, so each is parsed the first time a message needs it
and kept for the life of the process; a lock per file makes concurrent first uploads wait for one
parse instead of each starting their own. ``warm_up`` parses them all ahead, e.g. when a worker
starts (``STUF_SCHEMAS_PRELOAD``, see docs/admin/stuf-conformance.md).

``xmlschema`` reads only local files here (``allow="local"``): no import is fetched from the network.
Its default loader imports a namespace from the first schema document that names it only, while StUF
spreads its namespace over several documents (``stuf0301.xsd`` and each sector model's
``*_msg_stuf_*.xsd``); in lax mode the types of the documents not read silently become ``anyType``,
and what they describe is not checked at all (583 element declarations of StUF-ZKN 3.10, 1,878 of
StUF-BG 3.10, among them every message's ``stuurgegevens``). ``SafeSchemaLoader`` reads every
document of a namespace (checking that they do not collide), so every declaration has its type.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import xmlschema
from django.conf import settings
from xmlschema.loaders import SafeSchemaLoader

from ..models import SchemaSet

logger = logging.getLogger(__name__)

BG0204 = "http://www.egem.nl/StUF/sector/bg/0204"
STUF0204 = "http://www.egem.nl/StUF/StUF0204"
ZKN0310 = "http://www.egem.nl/StUF/sector/zkn/0310"
BG0310 = "http://www.egem.nl/StUF/sector/bg/0310"
STUF0301 = "http://www.egem.nl/StUF/StUF0301"


@dataclass(frozen=True)
class SchemaFile:
    key: str
    label: str
    path: str  # under the reference data's stuf/ folder
    namespaces: tuple[str, ...]  # the namespaces of the root elements of the messages it validates

    def location(self) -> Path:
        return Path(settings.REFERENCE_DATA_DIR) / "stuf" / self.path


SCHEMA_FILES: dict[str, tuple[SchemaFile, ...]] = {
    SchemaSet.STUF_BG_0204: (
        SchemaFile("bg0204", "StUF-BG 2.04", "bg0204_patch15/bg0204/bg0204.xsd", (BG0204, STUF0204)),
    ),
    SchemaSet.STUF_ZKN_0310: (
        SchemaFile(
            "zkn0310", "StUF-ZKN 3.10", "zkn0310_bg0310_bundle/zkn0310/zkn0310_msg_totaal.xsd", (ZKN0310, STUF0301)
        ),
        SchemaFile("bg0310", "StUF-BG 3.10", "zkn0310_bg0310_bundle/bg0310/bg0310_msg_totaal.xsd", (BG0310,)),
    ),
}

_parsed: dict[str, xmlschema.XMLSchema] = {}
_locks: dict[str, threading.Lock] = {file.key: threading.Lock() for files in SCHEMA_FILES.values() for file in files}


def schema_file_for(schema_set: str, namespace: str) -> SchemaFile | None:
    """The schema file of ``schema_set`` that validates messages whose root is in ``namespace``."""
    return next((file for file in SCHEMA_FILES.get(schema_set, ()) if namespace in file.namespaces), None)


def namespaces_of(schema_set: str) -> list[str]:
    return [namespace for file in SCHEMA_FILES.get(schema_set, ()) for namespace in file.namespaces]


def is_parsed(file: SchemaFile) -> bool:
    return file.key in _parsed


def schema(file: SchemaFile) -> xmlschema.XMLSchema:
    """The parsed schema of ``file``: parsed on first use (seconds), then the same object."""
    parsed = _parsed.get(file.key)
    if parsed is not None:
        return parsed
    with _locks[file.key]:
        parsed = _parsed.get(file.key)
        if parsed is None:
            started = time.monotonic()
            parsed = xmlschema.XMLSchema(
                str(file.location()), validation="lax", allow="local", loader_class=SafeSchemaLoader
            )
            _parsed[file.key] = parsed
            logger.info("Parsed the %s schema in %.1f s", file.label, time.monotonic() - started)
    return parsed


def warm_up(schema_sets: tuple[str, ...] | None = None) -> None:
    """Parse every schema file of ``schema_sets`` (all when None) now rather than at the first upload."""
    for schema_set, files in SCHEMA_FILES.items():
        if schema_sets is None or schema_set in schema_sets:
            for file in files:
                schema(file)


def warm_up_in_background() -> threading.Thread:
    """``warm_up`` in a daemon thread, so that a starting worker serves requests meanwhile."""
    thread = threading.Thread(target=warm_up, name="stuf-schemas", daemon=True)
    thread.start()
    return thread
