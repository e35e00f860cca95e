# SPDX-License-Identifier: EUPL-1.2
"""Identifiers in exchange files: every ``identifier`` there is an ``xs:ID``, so an NCName.

Models keep the identifiers of the files they came from, and some are not NCNames: GEMMA has
identifiers that begin with a digit (a bare UUID), Archi files have numeric ones. The export
writes such an identifier with the prefix ``id_``, and the AMEFF reader takes the prefix off
again, so that an exported model read back has the identifiers it was exported with:

* an NCName that does not begin with ``id_`` is written unchanged (``id-04739184-…``, ``bf-1``);
* any other identifier is written as ``id_`` followed by the identifier, in which every
  character other than an ASCII letter, digit, ``-`` or ``.`` is written ``_<hex code>_``
  (``2052c6cd-…`` → ``id_2052c6cd-…``, ``12`` → ``id_12``, ``a b`` → ``id_a_20_b``,
  ``id_x`` → ``id_id_5f_x``).

Both directions are functions of the identifier alone and each undoes the other, for every
string. Archi's own ``id-`` prefix is not used for this: GEMMA's valid identifiers already begin
with ``id-`` followed by a UUID, so ``id-`` in front of a bare UUID could not be told apart from
them when reading the file back.
"""

from __future__ import annotations

import re
import string

PREFIX = "id_"
_SAFE = frozenset(string.ascii_letters + string.digits + "-.")
# XML 1.0 (fifth edition) NameStartChar and NameChar, without the colon.
_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_NCNAME = re.compile(f"[{_START}][{_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]*")
_ESCAPED = re.compile(r"_([0-9a-f]{1,6})_")


def is_ncname(value: str) -> bool:
    return _NCNAME.fullmatch(value) is not None


def to_ncname(identifier: str) -> str:
    """The identifier as written in an exchange file (an NCName)."""
    if is_ncname(identifier) and not identifier.startswith(PREFIX):
        return identifier
    return PREFIX + "".join(char if char in _SAFE else f"_{ord(char):x}_" for char in identifier)


def from_ncname(written: str) -> str:
    """The identifier that :func:`to_ncname` wrote as ``written``; other values unchanged."""
    if not written.startswith(PREFIX):
        return written
    encoded = written[len(PREFIX) :]
    parts = []
    position = 0
    while position < len(encoded):
        char = encoded[position]
        if char in _SAFE:
            parts.append(char)
            position += 1
            continue
        match = _ESCAPED.match(encoded, position)
        if char != "_" or match is None:
            return written  # not written by to_ncname: kept as it is
        parts.append(chr(int(match.group(1), 16)))
        position = match.end()
    original = "".join(parts)
    return original if to_ncname(original) == written else written
