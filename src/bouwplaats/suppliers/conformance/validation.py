# SPDX-License-Identifier: EUPL-1.2
"""Reading an upload of StUF messages and validating each against the schemas of a standard.

An upload is one XML message or a ZIP file of them. Whatever cannot be read safely is refused as a
whole (:class:`UploadRefused`, with a message for the uploader) and nothing of it is kept:

* the upload's size is checked before it is read (and counted while reading);
* a ZIP file is checked on its list of contents before anything is unpacked: the number of files,
  encrypted files, archives inside it, the size of each file and of all files unpacked, and how far
  each file is compressed (a "ZIP bomb" expands a small file enormously); unpacking is bounded too;
* each message is parsed by ``core.safe_xml``: no DTD, no entities, no network; bounded size,
  depth and number of elements;
* reading and validating one upload may take at most ``MAX_SECONDS`` (parsing a schema the first
  time it is needed does not count): the validator asks the clock at every element.

A message in a SOAP envelope is validated as the element in its Body. Its root namespace picks the
schema file of the standard (``schemas``); a message of another standard is refused, so that a
report is always about the chosen standard. The errors of a message are the schema's findings, each
with the line and the XPath of the element it is about (for an unexpected element: that element
itself, not its parent) and the validator's message, in English.
"""

from __future__ import annotations

import hashlib
import io
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree

from bouwplaats.core import safe_xml

from ..models import SchemaSet
from . import limits
from .schemas import SCHEMA_FILES, is_parsed, schema, schema_file_for

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# The first bytes of archive formats: a file in a ZIP that starts like this is an archive itself.
ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"\xfd7zXZ\x00")
ARCHIVE_SUFFIXES = (".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".rar", ".jar", ".war", ".ear")
SOAP_NAMESPACES = ("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope")
MAX_NAME_CHARS = 200


class UploadRefused(Exception):
    """An upload that is not checked at all; ``message`` says why, in the uploader's language."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class _OutOfTime(Exception):
    pass


@dataclass
class CheckedMessage:
    """One message of an upload: its root element, the schema that checked it and what it found.

    ``errors`` holds at most ``MAX_ERRORS_KEPT`` findings; ``error_count`` counts them all. A file in a
    ZIP that is not an .xml file is listed as ``ignored``.
    """

    name: str
    root: str = ""
    schema: str = ""
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    ignored: bool = False

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "root": self.root,
            "schema": self.schema,
            "error_count": self.error_count,
            "errors": self.errors,
            "ignored": self.ignored,
        }


@dataclass
class Outcome:
    file_name: str
    sha256: str
    messages: list[CheckedMessage]
    seconds: float

    @property
    def message_count(self) -> int:
        return sum(1 for message in self.messages if not message.ignored)

    @property
    def error_count(self) -> int:
        return sum(message.error_count for message in self.messages)

    @property
    def passed(self) -> bool:
        return self.message_count > 0 and self.error_count == 0

    def results(self) -> list[dict]:
        return [message.as_json() for message in self.messages]


class _Clock:
    """The time left for one upload; time spent parsing a schema for the first time is not counted."""

    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise _OutOfTime

    @contextmanager
    def paused(self):
        started = time.monotonic()
        try:
            yield
        finally:
            self.deadline += time.monotonic() - started

    def validation_hook(self):
        """For ``xmlschema``'s ``validation_hook``: called at every element; False lets validation go on."""
        deadline, clock = self.deadline, time.monotonic

        def hook(element, xsd_element) -> bool:
            if clock() > deadline:
                raise _OutOfTime
            return False

        return hook


# --- names -----------------------------------------------------------------------------------------


def clean_name(name: str) -> str:
    """A file name as reports show it: no directories above it, no control characters, not too long.

    Names in a ZIP are only ever shown (nothing is written to disk), but ``../`` and such would mislead.
    """
    name = "".join(char for char in name.replace("\\", "/") if unicodedata.category(char)[0] != "C")
    cleaned = "/".join(part.strip() for part in name.split("/") if part.strip() not in ("", ".", ".."))
    return cleaned if len(cleaned) <= MAX_NAME_CHARS else "…" + cleaned[-(MAX_NAME_CHARS - 1) :]


def _where(name: str, line: int | None) -> str:
    return _("%(name)s, line %(line)d") % {"name": name, "line": line} if line else name


def _megabytes(limit: int) -> int:
    return limit // limits.MB


def prefixed_name(element) -> str:
    """``ZKN:zakLk01``: the element's name as the message writes it (the local name without a prefix)."""
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def element_path(element) -> str:
    """The XPath of ``element`` in its document, e.g. ``/ZKN:zakLk01/ZKN:object[1]/ZKN:omschrijving``;
    a position is given where a parent has more than one child of the same name."""
    steps = []
    while element is not None:
        parent = element.getparent()
        step = prefixed_name(element)
        if parent is not None:
            same = list(parent.iterchildren(element.tag))
            if len(same) > 1:
                step += f"[{same.index(element) + 1}]"
        steps.append(step)
        element = parent
    return "/" + "/".join(reversed(steps))


# --- the upload ------------------------------------------------------------------------------------


def read_upload(upload, name: str) -> bytes:
    """The upload's bytes; refused by its size before reading, and while reading should it grow."""
    too_large = UploadRefused(
        _("The file is larger than %(limit)d MB; check at most %(limit)d MB at a time, e.g. in several ZIP files.")
        % {"limit": _megabytes(limits.MAX_UPLOAD_BYTES)}
    )
    size = getattr(upload, "size", None)
    if size is not None and size > limits.MAX_UPLOAD_BYTES:
        raise too_large
    chunks, total = [], 0
    for chunk in upload.chunks(limits.CHUNK_BYTES):
        total += len(chunk)
        if total > limits.MAX_UPLOAD_BYTES:
            raise too_large
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise UploadRefused(_("%(name)s is empty.") % {"name": name})
    return data


def _zip_members(data: bytes, clock: _Clock) -> Iterator[tuple[str, bytes | None]]:
    """(name, content) of each file of the ZIP ``data``; content None for a file that is not .xml.

    The list of contents is checked whole before anything is unpacked.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadRefused(_("The file starts like a ZIP file but cannot be read as one.")) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.MAX_MEMBERS:
            raise UploadRefused(
                _("The ZIP file holds %(count)s files; check at most %(limit)d at a time.")
                % {"count": number_format(len(infos), force_grouping=True), "limit": limits.MAX_MEMBERS}
            )
        members = [
            (info, clean_name(info.filename))
            for info in infos
            if not info.is_dir() and not info.filename.startswith("__MACOSX/")
        ]
        members = [(info, name) for info, name in members if name and not name.rpartition("/")[2].startswith(".")]
        _check_contents(members)
        unpacked = 0
        for info, name in members:
            clock.check()
            if not name.lower().endswith(".xml"):
                yield name, None
                continue
            content = _unpack(archive, info, name)
            unpacked += len(content)
            if unpacked > limits.MAX_UNPACKED_BYTES:  # the sizes in the list of contents were too low
                raise _unpacked_too_large()
            yield name, content


def _unpacked_too_large() -> UploadRefused:
    return UploadRefused(
        _("Unpacked, the ZIP file would be larger than %(limit)d MB; check fewer messages at a time.")
        % {"limit": _megabytes(limits.MAX_UNPACKED_BYTES)}
    )


def _check_contents(members: list[tuple[zipfile.ZipInfo, str]]) -> None:
    total = 0
    for info, name in members:
        if info.flag_bits & 0x1:
            raise UploadRefused(
                _("%(name)s in the ZIP file is encrypted; upload the messages without a password.") % {"name": name}
            )
        if name.lower().endswith(ARCHIVE_SUFFIXES):
            raise UploadRefused(_nested(name))
        if info.file_size > limits.RATIO_FROM_BYTES and info.file_size > limits.MAX_RATIO * max(info.compress_size, 1):
            raise UploadRefused(
                _(
                    "%(name)s in the ZIP file is compressed more than %(ratio)d times; it is refused as a possible "
                    "ZIP bomb."
                )
                % {"name": name, "ratio": limits.MAX_RATIO}
            )
        if info.file_size > limits.MAX_MESSAGE_BYTES:
            raise UploadRefused(
                _("%(name)s in the ZIP file is larger than %(limit)d MB unpacked.")
                % {"name": name, "limit": _megabytes(limits.MAX_MESSAGE_BYTES)}
            )
        total += info.file_size
    if total > limits.MAX_UNPACKED_BYTES:
        raise _unpacked_too_large()


def _nested(name: str) -> str:
    return _(
        "%(name)s in the ZIP file is an archive itself; archives inside a ZIP file are not checked. "
        "Put the messages in one ZIP file."
    ) % {"name": name}


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    try:
        with archive.open(info) as member:
            content = member.read(limits.MAX_MESSAGE_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise UploadRefused(
            _("%(name)s in the ZIP file cannot be unpacked (%(reason)s).") % {"name": name, "reason": error}
        ) from None
    if len(content) > limits.MAX_MESSAGE_BYTES:
        raise UploadRefused(
            _("%(name)s in the ZIP file is larger than %(limit)d MB unpacked.")
            % {"name": name, "limit": _megabytes(limits.MAX_MESSAGE_BYTES)}
        )
    if content.startswith(ARCHIVE_MAGIC):
        raise UploadRefused(_nested(name))
    return content


# --- one message -----------------------------------------------------------------------------------


def _refusal(name: str, refused: safe_xml.XMLRefused) -> str:
    where = _where(name, refused.line)
    if refused.kind == safe_xml.XMLRefused.DOCTYPE:
        return _("%(where)s: the file contains a DTD or entities; these are not allowed.") % {"where": where}
    if refused.kind == safe_xml.XMLRefused.TOO_LARGE:
        return _("%(where)s: the message is larger than %(limit)d MB.") % {
            "where": where,
            "limit": _megabytes(refused.limit),
        }
    if refused.kind == safe_xml.XMLRefused.TOO_DEEP:
        return _("%(where)s: the elements are nested more than %(limit)d deep.") % {
            "where": where,
            "limit": refused.limit,
        }
    if refused.kind == safe_xml.XMLRefused.TOO_MANY_ELEMENTS:
        return _("%(where)s: the message has more than %(limit)s elements.") % {
            "where": where,
            "limit": number_format(refused.limit, force_grouping=True),
        }
    return _("%(where)s: this is not XML, or the XML is not well-formed (%(reason)s).") % {
        "where": where,
        "reason": refused.reason,
    }


def _message_element(root, name: str):
    """The message: the root element, or the element in the Body of a SOAP envelope."""
    qname = etree.QName(root)
    if qname.localname != "Envelope" or qname.namespace not in SOAP_NAMESPACES:
        return root
    body = next((child for child in root.iterchildren(f"{{{qname.namespace}}}Body")), None)
    message = next(body.iterchildren("{*}*"), None) if body is not None else None
    if message is None:
        raise UploadRefused(
            _("%(where)s: the SOAP envelope holds no message in its Body.") % {"where": _where(name, root.sourceline)}
        )
    return message


def _finding(error) -> dict:
    """One error of the schema: the element it is about (an unexpected child itself), line, XPath, message."""
    element = getattr(error, "invalid_child", None)
    if element is None:
        element = error.elem
    if isinstance(element, etree._Element):
        line, path = element.sourceline, element_path(element)
    else:
        line, path = error.sourceline, error.path or ""
    message = str(error.reason or error.message or "")
    return {"line": line, "path": path, "message": message[: limits.MAX_MESSAGE_CHARS]}


class _Budget:
    """How many more findings an upload keeps (the others are counted only)."""

    def __init__(self, total: int):
        self.left = total

    def take(self) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        return True


def _check_message(name: str, content: bytes, *, schema_set: str, clock: _Clock, budget: _Budget) -> CheckedMessage:
    try:
        root = safe_xml.parse(
            io.BytesIO(content),
            max_bytes=limits.MAX_MESSAGE_BYTES,
            max_depth=limits.MAX_DEPTH,
            max_elements=limits.MAX_ELEMENTS,
        )
    except safe_xml.XMLRefused as refused:
        raise UploadRefused(_refusal(name, refused)) from None
    message = _message_element(root, name)
    namespace = etree.QName(message).namespace or ""
    schema_file = schema_file_for(schema_set, namespace)
    if schema_file is None:
        values = {
            "where": _where(name, message.sourceline),
            "root": prefixed_name(message),
            "standard": SchemaSet(schema_set).label,
            "namespace": namespace,
        }
        if namespace:
            text = _(
                "%(where)s: <%(root)s> is not a message of %(standard)s (its namespace is “%(namespace)s”). "
                "Choose the standard the message belongs to."
            )
        else:
            text = _("%(where)s: <%(root)s> is not a message of %(standard)s (it has no namespace).")
        raise UploadRefused(text % values)
    if not is_parsed(schema_file):
        with clock.paused():
            schema(schema_file)
    checked = CheckedMessage(name=name, root=prefixed_name(message), schema=schema_file.label)
    for error in schema(schema_file).iter_errors(message, validation_hook=clock.validation_hook()):
        checked.error_count += 1
        if len(checked.errors) < limits.MAX_ERRORS_KEPT and budget.take():
            checked.errors.append(_finding(error))
    return checked


def check_upload(upload, *, schema_set: str, max_seconds: float | None = None) -> Outcome:
    """Read ``upload`` (a Django ``UploadedFile``: one XML message or a ZIP of them) and validate every
    message against the schemas of ``schema_set``; raise :class:`UploadRefused` for what cannot be
    checked. ``max_seconds`` defaults to ``limits.MAX_SECONDS``."""
    if schema_set not in SCHEMA_FILES:
        raise ValueError(f"No schemas for {schema_set!r}")
    started = time.monotonic()
    clock = _Clock(limits.MAX_SECONDS if max_seconds is None else max_seconds)
    file_name = clean_name(getattr(upload, "name", "") or "") or _("upload")
    data = read_upload(upload, file_name)
    sources = _zip_members(data, clock) if data.startswith(ZIP_MAGIC) else iter([(file_name, data)])
    budget = _Budget(limits.MAX_ERRORS_KEPT_PER_UPLOAD)
    messages = []
    try:
        for name, content in sources:
            if content is None:
                messages.append(CheckedMessage(name=name, ignored=True))
                continue
            clock.check()
            messages.append(_check_message(name, content, schema_set=schema_set, clock=clock, budget=budget))
        clock.check()
    except _OutOfTime:
        seconds = limits.MAX_SECONDS if max_seconds is None else max_seconds
        text = ngettext(
            "Checking the file took longer than %(seconds)s second; check fewer or smaller messages at a time.",
            "Checking the file took longer than %(seconds)s seconds; check fewer or smaller messages at a time.",
            int(seconds) if float(seconds).is_integer() else 2,  # a fraction of a second takes the plural
        )
        shown = number_format(seconds, decimal_pos=0 if float(seconds).is_integer() else 2)
        raise UploadRefused(text % {"seconds": shown}) from None
    if not any(not message.ignored for message in messages):
        raise UploadRefused(_("The ZIP file holds no .xml files."))
    return Outcome(
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        messages=messages,
        seconds=time.monotonic() - started,
    )
