# SPDX-License-Identifier: EUPL-1.2
"""Readers of architecture model files and the AMEFF writer.

``read_model`` picks the reader for a format; ``detect_format`` guesses the format from the file
name and, for ``.xml``, from the namespace near the start of the file.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from ..models import SourceFormat
from .ameff import NAMESPACE as AMEFF_NAMESPACE
from .ameff import export_ameff, export_view_ameff, read_ameff
from .archi import NAMESPACE as ARCHI_NAMESPACE
from .archi import read_archimate
from .checks import check_model
from .csv_files import read_csv_model
from .layers import layer_of
from .limits import MAX_FILE_BYTES
from .parsed import ModelFileError, ParsedModel
from .viewpoints import viewpoint_name

__all__ = [
    "MAX_FILE_BYTES",
    "ModelFileError",
    "ParsedModel",
    "check_model",
    "detect_format",
    "detect_upload_format",
    "export_ameff",
    "export_view_ameff",
    "layer_of",
    "read_model",
]

SNIFF_BYTES = 4096


def detect_format(file_name: str, head: bytes = b"") -> str:
    """The :class:`SourceFormat` of a file; ``ModelFileError`` when it cannot be told."""
    suffix = Path(file_name).suffix.lower()
    if suffix in (".zip", ".csv"):
        return SourceFormat.CSV
    if suffix == ".archimate":
        return SourceFormat.ARCHIMATE
    start = head[:SNIFF_BYTES]
    if ARCHI_NAMESPACE.encode() in start:
        return SourceFormat.ARCHIMATE
    if AMEFF_NAMESPACE.encode() in start:
        return SourceFormat.AMEFF
    raise ModelFileError(
        _(
            "The format could not be recognised: upload an AMEFF file (.xml), an Archi file (.archimate) "
            "or a ZIP of CSV files."
        ),
        file=file_name,
    )


def detect_upload_format(upload) -> str:
    """:func:`detect_format` for an uploaded file, read from its start and rewound for the reader."""
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return detect_format(upload.name, head)


def read_model(source, *, format: str, file_name: str = "", **csv_metadata) -> ParsedModel:
    """Read and check a model file; raise :class:`ModelFileError` on the first problem."""
    if format == SourceFormat.CSV:
        model = read_csv_model(source, **csv_metadata)
    elif format == SourceFormat.AMEFF:
        model = read_ameff(source, file_name=file_name)
    elif format == SourceFormat.ARCHIMATE:
        model = read_archimate(source, file_name=file_name)
    else:
        raise ModelFileError(_("Unknown format “%(format)s”.") % {"format": format})
    _normalise_viewpoints(model)
    check_model(model)
    return model


def _normalise_viewpoints(model: ParsedModel) -> None:
    """Every viewpoint in the one stored form, its AMEFF name; one without is noted and left out."""
    for view in model.views:
        name = viewpoint_name(view.viewpoint)
        if name is None:
            model.notes.add("viewpoint", view.name or view.identifier)
            name = ""
        view.viewpoint = name
