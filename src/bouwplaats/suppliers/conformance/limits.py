# SPDX-License-Identifier: EUPL-1.2
"""Limits that keep one upload from exhausting a worker, whatever the file says.

They are constants rather than settings: they protect the service. A StUF message is rarely more
than a few hundred kilobytes; a supplier's test set of some dozens of messages fits many times.
"""

MB = 1024 * 1024

MAX_UPLOAD_BYTES = 10 * MB  # the file as uploaded (an XML message or a ZIP of them)
MAX_MESSAGE_BYTES = 10 * MB  # one message, also unpacked from a ZIP
MAX_UNPACKED_BYTES = 50 * MB  # all messages of a ZIP together, unpacked
MAX_MEMBERS = 500  # files in a ZIP
MAX_RATIO = 100  # unpacked size / packed size of a ZIP member larger than RATIO_FROM_BYTES
RATIO_FROM_BYTES = 1 * MB
MAX_DEPTH = 64  # nesting of elements in one message (StUF messages are about 15 deep)
MAX_ELEMENTS = 200_000  # elements in one message
MAX_SECONDS = 20.0  # reading and validating one upload, without loading a schema the first time
MAX_ERRORS_KEPT = 100  # per message; the rest are counted
MAX_ERRORS_KEPT_PER_UPLOAD = 1_000
MAX_MESSAGE_CHARS = 1_000  # of one schema message as kept in a report
CHUNK_BYTES = 64 * 1024
