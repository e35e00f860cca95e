# SPDX-License-Identifier: EUPL-1.2
"""Parsing XML from outside (uploads) so that it cannot reach files, the network or exhaust memory.

* No document type declaration at all: the files users upload here (ArchiMate model files, StUF
  messages) have none, and a DOCTYPE is where entity expansion ("billion laughs") and external
  entities (reading local files, network requests) are declared. The parser is also told not to
  resolve entities, not to load a DTD and not to use the network, so nothing is expanded even
  before the DOCTYPE is seen and refused (at the first element).
* ``huge_tree`` stays off (libxml2's own limits on depth and text size apply), and the bytes read
  are counted: a document past ``max_bytes`` is refused while it is being read.
* :func:`parse` also bounds the depth and the number of elements of the tree it keeps.

Callers turn an :class:`XMLRefused` into their own message: what to say depends on what the file
was meant to be.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


class XMLRefused(Exception):
    """A document that was not (completely) read, and why: ``kind`` is one of the constants below.

    ``line`` and ``element`` say where, when known: the element being read (the first one for a
    DOCTYPE, the last one opened for a syntax error). ``reason`` is the parser's own message for a
    syntax error (in English), ``limit`` the limit that was passed.
    """

    DOCTYPE = "doctype"
    SYNTAX = "syntax"
    TOO_LARGE = "too_large"
    TOO_DEEP = "too_deep"
    TOO_MANY_ELEMENTS = "too_many_elements"

    def __init__(self, kind: str, *, line: int | None = None, element=None, reason: str = "", limit: int = 0):
        self.kind = kind
        self.line = line
        self.element = element
        self.reason = reason
        self.limit = limit
        super().__init__(f"{kind} (line {line}): {reason}" if reason else kind)


class _TooLarge(Exception):
    pass


class CountingReader:
    """Hands the parser a stream's bytes and stops once there are more than ``max_bytes``."""

    def __init__(self, stream, max_bytes: int):
        self.stream = stream
        self.max_bytes = max_bytes
        self.total = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.total += len(data)
        if self.total > self.max_bytes:
            raise _TooLarge
        return data


def iterparse(stream, *, max_bytes: int) -> Iterator[tuple[str, etree._Element]]:
    """Yield ``(event, element)`` for the "start" and "end" of every element of the binary ``stream``.

    Raises :class:`XMLRefused`. Elements are kept in the tree as usual; a streaming reader drops
    the ones it has read itself.
    """
    context = etree.iterparse(CountingReader(stream, max_bytes), events=("start", "end"), **PARSER_OPTIONS)
    current = None
    first = True
    try:
        for event, element in context:
            if first:
                first = False
                docinfo = element.getroottree().docinfo
                if docinfo.doctype or docinfo.internalDTD is not None:
                    raise XMLRefused(XMLRefused.DOCTYPE, line=element.sourceline, element=element)
            if event == "start":
                current = element
            if not isinstance(element.tag, str):
                continue
            yield event, element
    except _TooLarge:
        raise XMLRefused(XMLRefused.TOO_LARGE, element=current, limit=max_bytes) from None
    except etree.XMLSyntaxError as error:
        reason, line = error.msg, error.lineno
        if not line:
            # Some errors (an undefined entity) reach the exception without a line; the parser's
            # log has it, as its newest fatal entry.
            fatal = error.error_log.filter_from_fatals()
            if fatal:
                reason, line = fatal[-1].message, fatal[-1].line
        raise XMLRefused(XMLRefused.SYNTAX, line=line or None, element=current, reason=reason) from None


def parse(stream, *, max_bytes: int, max_depth: int, max_elements: int) -> etree._Element:
    """The root element of the whole document in ``stream``, read as :func:`iterparse` reads it.

    Also refused (:class:`XMLRefused`): elements nested deeper than ``max_depth``, or more than
    ``max_elements`` elements, so that what reads the tree afterwards (a schema validator that
    recurses) gets a bounded tree.
    """
    root = None
    depth = count = 0
    for event, element in iterparse(stream, max_bytes=max_bytes):
        if event == "end":
            depth -= 1
            continue
        if root is None:
            root = element
        depth += 1
        count += 1
        if depth > max_depth:
            raise XMLRefused(XMLRefused.TOO_DEEP, line=element.sourceline, element=element, limit=max_depth)
        if count > max_elements:
            raise XMLRefused(XMLRefused.TOO_MANY_ELEMENTS, line=element.sourceline, element=element, limit=max_elements)
    if root is None:  # lxml reports an empty document as a syntax error; this is a safeguard
        raise XMLRefused(XMLRefused.SYNTAX, reason="Document is empty")
    return root
