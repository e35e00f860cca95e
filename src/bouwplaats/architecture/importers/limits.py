# SPDX-License-Identifier: EUPL-1.2
"""Limits that keep an import from exhausting the server, whatever the file says.

They are constants rather than settings: they protect the service, and a model larger than this
is not an architecture model that Bouwplaats is meant to hold. GEMMA, the largest model we know
of, is about 4 MiB as AMEFF and 5 MiB as CSV.
"""

from django.utils.translation import gettext as _

from .parsed import ModelFileError

MAX_FILE_BYTES = 50 * 1024 * 1024  # per file, and for all CSV files of one model together
MAX_CONCEPTS = 200_000  # elements + relations + views
CHUNK_BYTES = 64 * 1024


def too_large(name: str = "") -> ModelFileError:
    return ModelFileError(
        _("The file is larger than %(limit)d MB; Bouwplaats does not import models this large.")
        % {"limit": MAX_FILE_BYTES // (1024 * 1024)},
        file=name,
    )


def read_limited(stream, name: str = "") -> bytes:
    """Read a binary stream completely, refusing it once it passes the size limit."""
    chunks, total = [], 0
    while chunk := stream.read(CHUNK_BYTES):
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise too_large(name)
        chunks.append(chunk)
    return b"".join(chunks)
