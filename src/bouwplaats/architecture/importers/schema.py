# SPDX-License-Identifier: EUPL-1.2
"""Validating an exchange file against the ArchiMate 3.1 schemas shipped in ``data/archimate-xsd/``.

Archi refuses a file that does not validate, so the tests and the benchmark check every export
here. The schemas import the ``xml:`` namespace from the W3C's address; a resolver answers those
addresses with the local copy, and the parser reads nothing from the network. The schema is parsed
once per process.
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings
from lxml import etree

SCHEMA_FOLDER = "archimate-xsd"
# Diagram XSD (which includes the View and Model XSDs) plus Dublin Core, see its SOURCE.md.
SCHEMA_FILE = "bouwplaats-ameff.xsd"
XML_XSD_ADDRESSES = ("http://www.w3.org/2001/xml.xsd", "http://www.w3.org/2001/03/xml.xsd")


def schema_folder() -> Path:
    return Path(settings.REFERENCE_DATA_DIR) / SCHEMA_FOLDER


class _LocalXmlNamespace(etree.Resolver):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, url, public_id, context):
        if url in XML_XSD_ADDRESSES:
            return self.resolve_filename(str(self.folder / "xml.xsd"), context)
        return None


@functools.cache
def exchange_schema() -> etree.XMLSchema:
    """The parsed ArchiMate 3.1 exchange schema with diagrams and Dublin Core metadata."""
    folder = schema_folder()
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalXmlNamespace(folder))
    return etree.XMLSchema(etree.parse(str(folder / SCHEMA_FILE), parser))


def schema_errors(content: bytes, *, limit: int = 20) -> list[str]:
    """The first ``limit`` schema errors of an exchange file (``line: message``); empty when valid."""
    schema = exchange_schema()
    document = etree.fromstring(content, etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True))
    if schema.validate(document):
        return []
    return [f"{error.line}: {error.message}" for error in list(schema.error_log)[:limit]]
