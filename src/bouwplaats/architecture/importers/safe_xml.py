# SPDX-License-Identifier: EUPL-1.2
"""Streaming reading of model files with ``core.safe_xml`` and the importers' own messages.

``core.safe_xml`` refuses what a model file never needs and an attacker would use (a DOCTYPE, and
with it entity expansion and external entities; more than :data:`~.limits.MAX_FILE_BYTES`); this
module says so in the words of a model import. Parsed elements are cleared as soon as the reader
has taken what it needs (``release_memory``), so memory does not grow with the size of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

from bouwplaats.core import safe_xml

from .limits import MAX_FILE_BYTES, too_large
from .parsed import ModelFileError

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def local_name(tag) -> str:
    """``model`` for ``{namespace}model`` (string operations: this runs for every element read)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def describe(element) -> str:
    """``<element identifier="id-1">``: how an error message names the element it is about."""
    if element is None or not isinstance(element.tag, str):
        return ""
    name = local_name(element.tag)
    for attribute in ("identifier", "id", "key"):
        if element.get(attribute):
            return f'<{name} {attribute}="{element.get(attribute)}">'
    return f"<{name}>"


def iterparse(source, *, file_name: str = "", tags: tuple[str, ...] = ()) -> Iterator[tuple[str, etree._Element]]:
    """Yield ``(event, element)`` for "start" and "end" events; raise :class:`ModelFileError`.

    ``source`` is a path or a binary stream. On a syntax error the message names the line and the
    last element that was opened.
    """
    if isinstance(source, (str, Path)):
        with open(source, "rb") as stream:
            yield from iterparse(stream, file_name=file_name or Path(source).name, tags=tags)
        return
    try:
        yield from safe_xml.iterparse(source, max_bytes=MAX_FILE_BYTES)
    except safe_xml.XMLRefused as refused:
        if refused.kind == safe_xml.XMLRefused.TOO_LARGE:
            raise too_large(file_name) from None
        if refused.kind == safe_xml.XMLRefused.DOCTYPE:
            message = _(
                "The file has a document type declaration (DOCTYPE); model files have none, "
                "and it is refused for safety."
            )
        else:
            message = _("The file is not well-formed XML (%(reason)s).") % {"reason": refused.reason}
        raise ModelFileError(message, file=file_name, line=refused.line, element=describe(refused.element)) from None


def text_of(element) -> str:
    """The text of an element; an entity reference left in it (never expanded) is refused."""
    for child in element:
        if isinstance(child, etree._Entity):
            raise ModelFileError(
                _("The file uses an entity reference (%(entity)s); these are not allowed.") % {"entity": child.text},
                line=child.sourceline,
                element=describe(element),
            )
    return "".join(element.itertext()) if len(element) else (element.text or "")


def release_memory(element) -> None:
    """Drop an element that has been read, and the already-read siblings before it."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
