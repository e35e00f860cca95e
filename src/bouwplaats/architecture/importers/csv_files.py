# SPDX-License-Identifier: EUPL-1.2
"""Reading a model flattened to CSV, as the shipped GEMMA model is (see ``data/gemma/SOURCE.md``).

A model is four files, optionally with a common prefix (``gemma_elements.csv``): ``elements``,
``relations``, ``views`` and ``view_elements``; the last two may be missing. They are read from a
folder or from a ZIP file holding them. The CSV files carry no model-level metadata: the name,
documentation and properties (``Release``) are passed in by the caller.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .limits import MAX_FILE_BYTES, read_limited, too_large
from .parsed import ModelFileError, ParsedElement, ParsedModel, ParsedRelation, ParsedView

ROLES = ("view_elements", "elements", "relations", "views")  # longest suffix first
REQUIRED_ROLES = ("elements", "relations")
COLUMNS = {
    "elements": ("id", "type", "name", "documentation", "properties"),
    "relations": ("id", "type", "name", "source_id", "target_id", "attributes", "documentation", "properties"),
    "views": ("id", "name", "documentation", "properties"),
    "view_elements": ("view_id", "element_id"),
}


def _role(file_name: str) -> str | None:
    stem = file_name.rsplit("/", 1)[-1].lower()
    if not stem.endswith(".csv"):
        return None
    stem = stem[: -len(".csv")]
    for role in ROLES:
        if stem == role or stem.endswith(f"_{role}") or stem.endswith(f"-{role}"):
            return role
    return None


def _files_in_folder(folder: Path) -> dict[str, tuple[str, bytes]]:
    found: dict[str, tuple[str, bytes]] = {}
    total = 0
    for path in sorted(folder.iterdir()):
        role = _role(path.name)
        if role is None or role in found:
            continue
        total += path.stat().st_size
        if total > MAX_FILE_BYTES:
            raise too_large(path.name)
        found[role] = (path.name, path.read_bytes())
    return found


def _files_in_zip(stream, name: str) -> dict[str, tuple[str, bytes]]:
    data = read_limited(stream, name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ModelFileError(_("This is not a ZIP file with the CSV files of a model."), file=name) from None
    found: dict[str, tuple[str, bytes]] = {}
    total = 0
    for info in archive.infolist():
        role = _role(info.filename)
        if role is None or role in found:
            continue
        # The sizes in the ZIP directory can lie; read at most one byte past the limit.
        with archive.open(info) as member:
            content = member.read(MAX_FILE_BYTES - total + 1)
        total += len(content)
        if total > MAX_FILE_BYTES:
            raise too_large(info.filename)
        found[role] = (info.filename, content)
    return found


def _rows(role: str, file_name: str, content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ModelFileError(_("The file is not UTF-8 text."), file=file_name, line=line) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [column for column in COLUMNS[role] if column not in (reader.fieldnames or [])]
    if missing:
        raise ModelFileError(
            ngettext("Missing column: %(columns)s.", "Missing columns: %(columns)s.", len(missing))
            % {"columns": ", ".join(missing)},
            file=file_name,
            line=1,
        )
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        raise ModelFileError(str(error), file=file_name, line=reader.line_num) from None


def _json_object(value: str, *, column: str, file_name: str, line: int, identifier: str) -> dict:
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise ModelFileError(
            _("The column %(column)s must hold a JSON object.") % {"column": column},
            file=file_name,
            line=line,
            element=identifier,
        )
    return parsed


def read_csv_model(source, *, name: str = "", documentation: str = "", properties: dict | None = None) -> ParsedModel:
    """Read a folder (a ``Path``) or a ZIP file (a path or a binary stream) of model CSV files."""
    if isinstance(source, (str, Path)) and Path(source).is_dir():
        files = _files_in_folder(Path(source))
    elif isinstance(source, (str, Path)):
        with open(source, "rb") as stream:
            files = _files_in_zip(stream, Path(source).name)
    else:
        files = _files_in_zip(source, getattr(source, "name", "") or "")
    missing = [role for role in REQUIRED_ROLES if role not in files]
    if missing:
        raise ModelFileError(
            _("The CSV files for %(roles)s are missing (expected names such as elements.csv and relations.csv).")
            % {"roles": ", ".join(missing)}
        )

    model = ParsedModel(source_format="csv", name=name, documentation=documentation, properties=dict(properties or {}))
    model.file_names = {
        "element": files["elements"][0],
        "relation": files["relations"][0],
        "view": files.get("view_elements", files.get("views", ("", b"")))[0],
    }
    file_name, content = files["elements"]
    for line, row in _rows("elements", file_name, content):
        model.elements.append(
            ParsedElement(
                identifier=row["id"],
                type=row["type"],
                name=row["name"],
                documentation=row["documentation"],
                properties=_json_object(
                    row["properties"], column="properties", file_name=file_name, line=line, identifier=row["id"]
                ),
                folder_path=row.get("folder_path") or "",
                profile=row.get("profile") or "",
                line=line,
            )
        )
    file_name, content = files["relations"]
    for line, row in _rows("relations", file_name, content):
        model.relations.append(
            ParsedRelation(
                identifier=row["id"],
                type=row["type"],
                source=row["source_id"],
                target=row["target_id"],
                name=row["name"],
                documentation=row["documentation"],
                properties=_json_object(
                    row["properties"], column="properties", file_name=file_name, line=line, identifier=row["id"]
                ),
                attributes=_json_object(
                    row["attributes"], column="attributes", file_name=file_name, line=line, identifier=row["id"]
                ),
                line=line,
            )
        )
    if "views" in files:
        file_name, content = files["views"]
        views = {}
        for line, row in _rows("views", file_name, content):
            views[row["id"]] = ParsedView(
                identifier=row["id"],
                name=row["name"],
                documentation=row["documentation"],
                properties=_json_object(
                    row["properties"], column="properties", file_name=file_name, line=line, identifier=row["id"]
                ),
                viewpoint=row.get("viewpoint") or "",
                folder_path=row.get("folder_path") or "",
                line=line,
            )
        model.views = list(views.values())
        if "view_elements" in files:
            file_name, content = files["view_elements"]
            for line, row in _rows("view_elements", file_name, content):
                view = views.get(row["view_id"])
                if view is None:
                    raise ModelFileError(
                        _("The view %(view)s is not in the views file.") % {"view": row["view_id"]},
                        file=file_name,
                        line=line,
                    )
                view.element_ids.append(row["element_id"])
    return model
