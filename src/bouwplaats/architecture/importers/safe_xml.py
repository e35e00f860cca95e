"""Streaming XML parsing that refuses what a model file never needs and an attacker would use.

* No document type declaration at all: model files (AMEFF, Archi) have none, and a DOCTYPE is
  where entity expansion ("billion laughs") and external entities (reading local files, network
  requests) are declared. The parser is also told not to resolve entities, not to load a DTD and
  not to use the network, so nothing is expanded even before the DOCTYPE is seen and refused.
* ``huge_tree`` stays off (libxml2's own limits on depth and text size apply), and the bytes read
  are counted: a file past :data:`~.limits.MAX_FILE_BYTES` is refused while it is being read.
* Parsed elements are cleared as soon as the reader has taken what it needs, so memory does not
  grow with the size of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

from .limits import MAX_FILE_BYTES, too_large
from .parsed import ModelFileError

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class _TooLarge(Exception):
    pass


class _CountingReader:
    """Hands the parser the stream's bytes and stops once there are too many."""

    def __init__(self, stream):
        self.stream = stream
        self.total = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.total += len(data)
        if self.total > MAX_FILE_BYTES:
            raise _TooLarge
        return data


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
    reader = _CountingReader(source)
    context = etree.iterparse(
        reader,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    current = None
    first = True
    try:
        for event, element in context:
            if first:
                first = False
                docinfo = element.getroottree().docinfo
                if docinfo.doctype or docinfo.internalDTD is not None:
                    raise ModelFileError(
                        _(
                            "The file has a document type declaration (DOCTYPE); model files have none, "
                            "and it is refused for safety."
                        ),
                        file=file_name,
                        line=element.sourceline,
                        element=describe(element),
                    )
            if event == "start":
                current = element
            if not isinstance(element.tag, str):
                continue
            yield event, element
    except _TooLarge:
        raise too_large(file_name) from None
    except etree.XMLSyntaxError as error:
        reason, line = error.msg, error.lineno
        if not line:
            # Some errors (an undefined entity) reach the exception without a line; the parser's
            # log has it, as its newest fatal entry.
            fatal = error.error_log.filter_from_fatals()
            if fatal:
                reason, line = fatal[-1].message, fatal[-1].line
        raise ModelFileError(
            _("The file is not well-formed XML (%(reason)s).") % {"reason": reason},
            file=file_name,
            line=line or None,
            element=describe(current),
        ) from None


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
