# SPDX-License-Identifier: EUPL-1.2
"""Fixed lists of the monitor: blocker categories (stored as a bitmask), sources and upload limits."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class BlockerCategory:
    code: str
    bit: int
    label: str


# The bit of a category never changes once data is stored: add new categories at the end.
BLOCKERS: list[BlockerCategory] = [
    BlockerCategory("supplier_not_ready", 1 << 0, _("supplier not ready")),
    BlockerCategory("facility_not_ready", 1 << 1, _("national facility not ready")),
    BlockerCategory("capacity", 1 << 2, _("capacity")),
    BlockerCategory("budget", 1 << 3, _("budget")),
    BlockerCategory("decentralisations", 1 << 4, _("priority of the decentralisations")),
    BlockerCategory("merger", 1 << 5, _("merger")),
    BlockerCategory("knowledge", 1 << 6, _("knowledge")),
    BlockerCategory("dependency", 1 << 7, _("dependency on another building block")),
]
BLOCKER_BY_CODE = {blocker.code: blocker for blocker in BLOCKERS}
BLOCKER_CHOICES = [(blocker.code, blocker.label) for blocker in BLOCKERS]
ALL_BLOCKERS_MASK = sum(blocker.bit for blocker in BLOCKERS)
# The blocker that the landscapes can bear out or question (a linked product version not ready in time).
SUPPLIER_NOT_READY = "supplier_not_ready"


def encode_blockers(codes: Iterable[str]) -> int:
    """The bitmask of these category codes; raises ``KeyError`` for an unknown code."""
    mask = 0
    for code in codes:
        mask |= BLOCKER_BY_CODE[code].bit
    return mask


def decode_blockers(mask: int) -> list[str]:
    """The category codes in ``mask``, in the fixed order of ``BLOCKERS``."""
    return [blocker.code for blocker in BLOCKERS if mask & blocker.bit]


def blocker_labels(mask: int) -> list[str]:
    return [str(blocker.label) for blocker in BLOCKERS if mask & blocker.bit]


class Source(models.TextChoices):
    SELF_REPORT = "self_report", _("self-report")
    SURVEY = "survey", _("survey round")
    IMPORT = "import", _("import")
    STAFF = "staff", _("programme staff")
    MERGER = "merger", _("merger")
    DEMO = "demo", _("demo data")
    CORRECTION = "correction", _("correction")
    PREDECESSOR = "predecessor", _("taken over from the predecessor")


# Sources a coordinator may use, and those programme staff may use (merger, demo, correction and the
# status a successor takes over from its predecessor are system-only).
COORDINATOR_SOURCES = {Source.SELF_REPORT}
STAFF_SOURCES = {Source.STAFF, Source.SURVEY, Source.IMPORT}
SYSTEM_SOURCES = {Source.MERGER, Source.DEMO, Source.CORRECTION, Source.PREDECESSOR}

MAX_TEXT_LENGTH = 2000
MAX_EVIDENCE_FILE_SIZE = 5 * 1024 * 1024
EVIDENCE_FILE_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "odt", "ods", "docx", "xlsx", "txt", "csv"]
