# SPDX-License-Identifier: EUPL-1.2
"""Hostile and broken uploads are refused quickly with a clear message, and the process goes on working.

Each refusal is timed: it must come within ``QUICKLY`` seconds (generous: the point is that nothing is
expanded, unpacked or read in full before the refusal).
"""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import translation

from bouwplaats.suppliers.conformance import limits
from bouwplaats.suppliers.conformance.uploads import SizeLimitedUploadHandler
from bouwplaats.suppliers.conformance.validation import UploadRefused, check_upload
from bouwplaats.suppliers.models import SchemaSet

from .conftest import EXAMPLES, UPDATE_ZAAK, example, upload, zipped

pytestmark = pytest.mark.usefixtures("english_messages")

QUICKLY = 5.0  # seconds, on a busy machine
ZKN = SchemaSet.STUF_ZKN_0310
MB = 1024 * 1024

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<ZKN:zakLk01 xmlns:ZKN="http://www.egem.nl/StUF/sector/zkn/0310">&lol9;</ZKN:zakLk01>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE zakLk01 [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>
<ZKN:zakLk01 xmlns:ZKN="http://www.egem.nl/StUF/sector/zkn/0310">&geheim;</ZKN:zakLk01>
"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE zakLk01 SYSTEM "http://example.org/kwaadaardig.dtd">
<ZKN:zakLk01 xmlns:ZKN="http://www.egem.nl/StUF/sector/zkn/0310"/>
"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE zakLk01 [<!ENTITY % extern SYSTEM "http://example.org/x.dtd"> %extern;]>
<ZKN:zakLk01 xmlns:ZKN="http://www.egem.nl/StUF/sector/zkn/0310"/>
"""


def refused_quickly(source, name: str = "bericht.xml", **options) -> str:
    """Check ``source`` (bytes or an upload); it must be refused within QUICKLY seconds. Returns the message."""
    file = upload(name, source) if isinstance(source, bytes) else source
    started = time.monotonic()
    with pytest.raises(UploadRefused) as error:
        check_upload(file, schema_set=ZKN, **options)
    assert time.monotonic() - started < QUICKLY
    return error.value.message


# --- XML -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content", [EXTERNAL_ENTITY, BILLION_LAUGHS, EXTERNAL_DTD, PARAMETER_ENTITY], ids=["xxe", "laughs", "dtd", "param"]
)
def test_a_dtd_or_entities_are_refused(content):
    message = refused_quickly(content)
    assert message.startswith("bericht.xml, line ")
    assert message.endswith(": the file contains a DTD or entities; these are not allowed.")
    assert "root:" not in message  # nothing of /etc/passwd


def test_the_refusal_of_entities_is_said_in_dutch():
    with translation.override("nl"):
        message = refused_quickly(EXTERNAL_ENTITY)
    assert message == "bericht.xml, regel 3: het bestand bevat een DTD of entiteiten; die zijn niet toegestaan."


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"Dit is een brief, geen bericht.", b"<a><b></a>", b"\xef\xbb\xbf"],
    ids=["png", "text", "broken", "bom-only"],
)
def test_what_is_not_xml_is_refused(content):
    assert "this is not XML, or the XML is not well-formed" in refused_quickly(content)


def test_not_xml_is_said_in_dutch():
    with translation.override("nl"):
        message = refused_quickly(b"Dit is een brief.")
    assert message.startswith("bericht.xml, regel 1: dit is geen XML, of de XML is niet goed gevormd (")


def test_an_empty_file_is_refused():
    assert refused_quickly(b"") == "bericht.xml is empty."


def test_deep_nesting_is_refused():
    deep = b"<ZKN:zakLk01 xmlns:ZKN='http://www.egem.nl/StUF/sector/zkn/0310'>" + b"<a>" * 100 + b"</a>" * 100
    deep += b"</ZKN:zakLk01>"
    assert refused_quickly(deep) == "bericht.xml, line 1: the elements are nested more than 64 deep."


def test_too_many_elements_are_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ELEMENTS", 20_000)  # 200,000 in earnest: reading them takes about a second
    many = b"<ZKN:zakLk01 xmlns:ZKN='http://www.egem.nl/StUF/sector/zkn/0310'>" + b"<a/>" * 1_000_000
    many += b"</ZKN:zakLk01>"
    assert refused_quickly(many) == "bericht.xml, line 1: the message has more than 20,000 elements."


# --- size ------------------------------------------------------------------------------------------


class UnreadableUpload(UploadedFile):
    """An upload that says how large it is and fails the test when it is read."""

    def __init__(self, size: int):
        super().__init__(file=io.BytesIO(), name="groot.xml", size=size)

    def chunks(self, chunk_size=None):
        raise AssertionError("the upload was read")

    def read(self, *args):
        raise AssertionError("the upload was read")


def test_a_50_mb_file_is_refused_without_being_read():
    message = refused_quickly(UnreadableUpload(50 * MB))
    assert message == "The file is larger than 10 MB; check at most 10 MB at a time, e.g. in several ZIP files."


class GrowingUpload(UploadedFile):
    """An upload whose size says 1 KB but that holds 50 MB; counts what is read."""

    def __init__(self):
        super().__init__(file=io.BytesIO(), name="groeiend.xml", size=1024)
        self.read_bytes = 0

    def chunks(self, chunk_size=64 * 1024):
        for _ in range(50 * MB // chunk_size):
            self.read_bytes += chunk_size
            yield b"<" * chunk_size


def test_a_file_larger_than_its_stated_size_is_refused_while_reading():
    growing = GrowingUpload()
    assert "larger than 10 MB" in refused_quickly(growing)
    assert growing.read_bytes <= limits.MAX_UPLOAD_BYTES + 64 * 1024


def test_the_page_keeps_no_more_than_the_limit_of_a_large_upload():
    """The upload handler reads a too-large file from the request and drops it: the view gets only its size."""
    content = b"<" * (limits.MAX_UPLOAD_BYTES + MB)
    body = encode_multipart(BOUNDARY, {"file": io.BytesIO(content), "standard": "stuf-zkn-0310"})
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    handler = SizeLimitedUploadHandler()
    parser = MultiPartParser(meta, io.BytesIO(body), [handler, MemoryFileUploadHandler(), TemporaryFileUploadHandler()])
    post, files = parser.parse()
    assert post["standard"] == "stuf-zkn-0310"
    assert files["file"].size == len(content)
    assert files["file"].read() == b""
    assert "larger than 10 MB" in refused_quickly(files["file"])


def test_a_small_upload_passes_the_handler_unchanged():
    content = example(UPDATE_ZAAK)
    body = encode_multipart(BOUNDARY, {"file": io.BytesIO(content)})
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    _post, files = MultiPartParser(
        meta, io.BytesIO(body), [SizeLimitedUploadHandler(), MemoryFileUploadHandler()]
    ).parse()
    assert files["file"].read() == content


# --- ZIP -------------------------------------------------------------------------------------------


def bomb(unpacked_mb: int) -> bytes:
    """A ZIP file of about unpacked_mb / 1000 MB that unpacks to unpacked_mb MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("bericht.xml", "w") as member:
        zeros = bytes(MB)
        for _ in range(unpacked_mb):
            member.write(zeros)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_unpacking():
    data = bomb(200)
    assert len(data) < MB
    message = refused_quickly(data, name="bom.zip")
    assert (
        message
        == "bericht.xml in the ZIP file is compressed more than 100 times; it is refused as a possible ZIP bomb."
    )


def test_a_zip_with_10000_files_is_refused():
    data = zipped({f"berichten/{n}.xml": b"<a/>" for n in range(10_000)})
    message = refused_quickly(data, name="veel.zip")
    assert message == "The ZIP file holds 10,000 files; check at most 500 at a time."


def test_a_zip_in_a_zip_is_refused():
    inner = zipped({"bericht.xml": example(UPDATE_ZAAK)})
    message = refused_quickly(zipped({"binnen.zip": inner}), name="buiten.zip")
    assert message == (
        "binnen.zip in the ZIP file is an archive itself; archives inside a ZIP file are not checked. "
        "Put the messages in one ZIP file."
    )


@pytest.mark.parametrize(
    "content", [zipped({"bericht.xml": b"<a/>"}), b"\x1f\x8b\x08\x00" + bytes(20)], ids=["zip", "gzip"]
)
def test_an_archive_named_xml_in_a_zip_is_refused(content):
    message = refused_quickly(zipped({"vermomd.xml": content}), name="buiten.zip")
    assert message.startswith("vermomd.xml in the ZIP file is an archive itself")


def test_an_encrypted_file_in_a_zip_is_refused():
    data = bytearray(zipped({"geheim.xml": b"<a/>"}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # the flags of the local and central headers
        data[data.index(signature) + offset] |= 0x1  # "encrypted"
    message = refused_quickly(bytes(data), name="geheim.zip")
    assert message == "geheim.xml in the ZIP file is encrypted; upload the messages without a password."


def test_a_zip_larger_than_the_limit_unpacked_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 2 * len(example(UPDATE_ZAAK)))
    data = zipped({f"{n}.xml": example(UPDATE_ZAAK) for n in range(3)})
    message = refused_quickly(data, name="set.zip")
    assert message.startswith("Unpacked, the ZIP file would be larger than")


def test_a_broken_zip_is_refused():
    data = zipped({"bericht.xml": example(UPDATE_ZAAK)})
    assert refused_quickly(data[:200], name="kapot.zip") == "The file starts like a ZIP file but cannot be read as one."


def test_a_zip_with_a_damaged_member_is_refused():
    data = bytearray(zipped({"bericht.xml": example(UPDATE_ZAAK)}))
    data[60:80] = bytes(20)  # inside the compressed data of the first member
    message = refused_quickly(bytes(data), name="kapot.zip")
    assert message.startswith("bericht.xml in the ZIP file cannot be unpacked (")


def test_a_member_that_is_not_xml_is_refused_by_name():
    data = zipped({"berichten/kapot.xml": b"geen xml"})
    assert refused_quickly(data, name="set.zip").startswith("berichten/kapot.xml, line 1: this is not XML")


# --- time ------------------------------------------------------------------------------------------


def test_checking_stops_at_the_time_limit():
    data = zipped({name: example(name) for name in EXAMPLES} | {f"kopie-{name}": example(name) for name in EXAMPLES})
    check_upload(upload("warm.xml", example(UPDATE_ZAAK)), schema_set=ZKN)  # the schema parsed, outside the clock
    message = refused_quickly(data, name="set.zip", max_seconds=0.01)
    assert message == "Checking the file took longer than 0.01 seconds; check fewer or smaller messages at a time."


def test_the_time_limit_also_stops_one_long_message():
    check_upload(upload("warm.xml", example(UPDATE_ZAAK)), schema_set=ZKN)
    data = example(UPDATE_ZAAK)
    started = time.monotonic()
    with pytest.raises(UploadRefused):
        check_upload(upload("bericht.xml", data), schema_set=ZKN, max_seconds=0.0)
    assert time.monotonic() - started < QUICKLY


# --- afterwards ------------------------------------------------------------------------------------


def test_after_every_refusal_the_process_still_checks_messages():
    hostile = [EXTERNAL_ENTITY, BILLION_LAUGHS, b"\x89PNG", bomb(20), zipped({"a.zip": zipped({"b.xml": b"<b/>"})})]
    for content in hostile:
        with pytest.raises(UploadRefused):
            check_upload(upload("x.zip" if content.startswith(b"PK") else "x.xml", content), schema_set=ZKN)
    outcome = check_upload(upload(UPDATE_ZAAK, example(UPDATE_ZAAK)), schema_set=ZKN)
    assert outcome.passed
