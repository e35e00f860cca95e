# SPDX-License-Identifier: EUPL-1.2
"""The GEMMA model shipped in ``data/gemma/``, imported by ``manage.py load_reference_data``."""

from __future__ import annotations

import json
from pathlib import Path

from .models import SourceFormat
from .services import ImportOutcome, architecture_model_import

MODEL_FOLDER = "gemma/model"
METADATA_FILE = "gemma/gemma-model.json"


def import_shipped_gemma(*, data_dir: Path | str) -> ImportOutcome:
    """Import the shipped GEMMA release as the system; a no-op when it is there already.

    Raises ``ValidationError`` (field ``source``) when the files are missing or have a problem,
    and ``OSError``/``ValueError`` when the metadata file cannot be read.
    """
    data_dir = Path(data_dir)
    metadata = json.loads((data_dir / METADATA_FILE).read_text(encoding="utf-8"))
    return architecture_model_import(
        actor=None,
        source=data_dir / MODEL_FOLDER,
        format=SourceFormat.CSV,
        name=metadata["name"],
        documentation=metadata.get("documentation", ""),
        properties=metadata.get("properties", {}),
        source_name=MODEL_FOLDER,
    )
