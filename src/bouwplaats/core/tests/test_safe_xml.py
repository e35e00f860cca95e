# SPDX-License-Identifier: EUPL-1.2
"""The safe XML parser refuses declarations, oversized and over-deep documents before they cost much."""

import io
import time

import pytest

from bouwplaats.core.safe_xml import XMLRefused, iterparse, parse

LIMITS = {"max_bytes": 1_000_000, "max_depth": 50, "max_elements": 10_000}

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE r [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
  <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
  <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<r>&i;</r>"""


def refused(data: bytes, **limits) -> XMLRefused:
    with pytest.raises(XMLRefused) as error:
        parse(io.BytesIO(data), **(LIMITS | limits))
    return error.value


def test_a_document_is_read_whole():
    root = parse(io.BytesIO(b'<a xmlns="urn:x"><b>1</b><b>2</b></a>'), **LIMITS)
    assert root.tag == "{urn:x}a" and [b.text for b in root] == ["1", "2"]


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY s SYSTEM "file:///etc/passwd">]><r>&s;</r>',
        b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://example.org/evil.dtd"><r/>',
    ],
)
def test_a_document_type_declaration_is_refused_at_the_first_element(data):
    started = time.monotonic()
    error = refused(data)
    assert error.kind == XMLRefused.DOCTYPE
    assert error.element is not None and error.element.tag == "r"
    assert time.monotonic() - started < 1


def test_too_many_bytes_are_refused_while_reading():
    data = b"<r>" + b"<a>x</a>" * 100_000 + b"</r>"
    assert refused(data, max_bytes=10_000).kind == XMLRefused.TOO_LARGE


def test_depth_and_number_of_elements_are_bounded():
    assert refused(b"<a>" * 60 + b"</a>" * 60).kind == XMLRefused.TOO_DEEP
    error = refused(b"<r>" + b"<a/>" * 20 + b"</r>", max_elements=10)
    assert (error.kind, error.limit) == (XMLRefused.TOO_MANY_ELEMENTS, 10)


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n", b"just text", b"<a><b></a>"])
def test_what_is_not_xml_is_a_syntax_error_with_the_parser_reason(data):
    error = refused(data)
    assert error.kind == XMLRefused.SYNTAX and error.reason


def test_a_syntax_error_names_its_line_and_the_last_element_opened():
    error = refused(b"<r>\n<a>\n<b>text</a>\n</r>")
    assert (error.line, error.element.tag) == (3, "b")


def test_iterparse_yields_start_and_end_events():
    events = [(event, element.tag) for event, element in iterparse(io.BytesIO(b"<a><b/></a>"), max_bytes=100)]
    assert events == [("start", "a"), ("start", "b"), ("end", "b"), ("end", "a")]
