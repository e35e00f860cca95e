"""Reading an import file (CSV or XLSX) into rows of named cells; no knowledge of the domain.

A file starts with a header row; the columns are found by their names in Dutch or English, in
any case and order, as a ``Layout`` lists them (``STATUS_LAYOUT``: the status import's; the
landscape import of ``impact`` has its own). CSV files may be UTF-8 (with or without byte order
mark) or, as Excel saves them on Dutch Windows, Windows-1252, separated by semicolons, commas or
tabs. XLSX files are read in openpyxl's streaming mode; the first worksheet counts.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 50_000
EXTENSIONS = ("csv", "xlsx")
ENCODINGS = ("utf-8-sig", "cp1252")
SEPARATORS = (";", ",", "\t")

# Column → accepted header names (compared after ``normalise_header``); the first is the canonical one.
COLUMNS: dict[str, tuple[str, ...]] = {
    "municipality": (
        "municipality",
        "municipality_code",
        "gemeente",
        "gemeentecode",
        "gemeente_code",
        "code_gemeente",
        "cbs_code",
        "cbscode",
        "gm_code",
    ),
    "municipality_name": ("municipality_name", "gemeentenaam", "naam_gemeente", "naam"),
    "building_block": (
        "building_block",
        "block",
        "building_block_code",
        "bouwsteen",
        "bouwsteencode",
        "code_bouwsteen",
        "voorziening",
    ),
    "level": ("level", "status", "status_level", "niveau", "statusniveau", "fase"),
    "valid_from": ("valid_from", "date", "geldig_vanaf", "geldig_per", "datum", "peildatum"),
    "planned_date": ("planned_date", "planned", "geplande_datum", "gepland", "planning", "streefdatum"),
    "note": ("note", "notes", "comment", "opmerking", "opmerkingen", "toelichting"),
    "evidence_url": ("evidence_url", "evidence", "url", "link", "bewijs", "bewijs_url", "onderbouwing"),
    "blockers": ("blockers", "blocker", "belemmeringen", "belemmering"),
}


@dataclass(frozen=True)
class Layout:
    """The columns of one kind of import file and the most rows it may hold."""

    columns: dict[str, tuple[str, ...]]  # column → accepted header names (compared after ``normalise_header``)
    required: tuple[tuple[tuple[str, ...], object], ...]  # (any one of these columns, its name when missing)
    max_rows: int = MAX_ROWS

    def column_of(self, header: str) -> str | None:
        normalised = normalise_header(header)
        return next((name for name, aliases in self.columns.items() if normalised in aliases), None)


STATUS_LAYOUT = Layout(
    columns=COLUMNS,
    required=(
        (("municipality", "municipality_name"), _("municipality (code or name)")),
        (("building_block",), _("building block")),
        (("level",), _("status level")),
    ),
)


class FileRefused(Exception):
    """The file as a whole cannot be read; ``message`` says why (translatable)."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


@dataclass
class Row:
    number: int  # the line (CSV) or row (XLSX) number in the file, the header being 1 (or more)
    cells: dict[str, object]  # column name → raw value: str for CSV; str, int, float, date … for XLSX


@dataclass
class Table:
    file_type: str  # "csv" or "xlsx"
    columns: dict[str, str]  # column name → the header as written in the file
    ignored: list[str]  # headers that match no column
    rows: list[Row] = field(default_factory=list)
    encoding: str = ""
    separator: str = ""


def normalise_header(value: object) -> str:
    text = unicodedata.normalize("NFKD", str(value or "")).encode("ascii", "ignore").decode()
    text = text.strip().lower()
    for char in " -./":
        text = text.replace(char, "_")
    return "_".join(part for part in text.split("_") if part)


def file_type(name: str) -> str:
    """``csv`` or ``xlsx`` from the file name; raises ``FileRefused`` otherwise."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise FileRefused(_("Upload a CSV or XLSX file (a name ending in .csv or .xlsx)."))
    return extension


def read_table(name: str, content: bytes, *, layout: Layout = STATUS_LAYOUT) -> Table:
    """The header and data rows of the file; raises ``FileRefused`` when it cannot be read."""
    kind = file_type(name)
    if not content:
        raise FileRefused(_("The file is empty."))
    if len(content) > MAX_FILE_SIZE:
        raise FileRefused(_("The file is too large: at most %(size)d MB.") % {"size": MAX_FILE_SIZE // (1024 * 1024)})
    if kind == "xlsx":
        return _read_xlsx(content, layout)
    return _read_csv(content, layout)


def _header(values: list[object], layout: Layout) -> tuple[dict[int, str], dict[str, str], list[str]]:
    """Column positions; raises ``FileRefused`` for a column given twice or a missing one."""
    positions: dict[int, str] = {}
    written: dict[str, str] = {}
    ignored: list[str] = []
    for index, value in enumerate(values):
        header = str(value or "").strip()
        if not header:
            continue
        name = layout.column_of(header)
        if name is None:
            ignored.append(header)
            continue
        if name in written:
            raise FileRefused(
                _("The columns “%(first)s” and “%(second)s” both hold the same thing; keep one of them.")
                % {"first": written[name], "second": header}
            )
        positions[index] = name
        written[name] = header
    missing = [label for columns, label in layout.required if not any(column in written for column in columns)]
    if missing:
        raise FileRefused(
            _("The header row lacks these columns: %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(str(item) for item in missing)}
        )
    return positions, written, ignored


def _rows(records, layout: Layout, *, kind: str, encoding: str = "", separator: str = "") -> Table:
    """Build a table from an iterator of (number, values) records, the first non-empty being the header.

    Empty rows and comment rows (whose first filled cell starts with ``#``, as in the survey
    answers template) are skipped.
    """
    records = ((number, values) for number, values in records if not _comment(values))
    header = None
    for number, values in records:
        if any(_filled(value) for value in values):
            header = (number, list(values))
            break
    if header is None:
        raise FileRefused(_("The file holds no header row and no data."))
    positions, written, ignored = _header(header[1], layout)
    table = Table(file_type=kind, columns=written, ignored=ignored, encoding=encoding, separator=separator)
    for number, values in records:
        if not any(_filled(value) for value in values):
            continue
        if len(table.rows) >= layout.max_rows:
            raise FileRefused(_("The file has more than %(max)d rows; split it up.") % {"max": layout.max_rows})
        cells = {name: values[index] if index < len(values) else None for index, name in positions.items()}
        table.rows.append(Row(number=number, cells=cells))
    if not table.rows:
        raise FileRefused(_("The file holds no rows below the header."))
    return table


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _comment(values) -> bool:
    first = next((value for value in values if _filled(value)), None)
    return isinstance(first, str) and first.strip().startswith("#")


def _read_csv(content: bytes, layout: Layout) -> Table:
    for encoding in ENCODINGS:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise FileRefused(_("The file could not be read as text: save it as “CSV UTF-8”."))
    if "\x00" in text:
        raise FileRefused(_("The file could not be read as text: save it as “CSV UTF-8”."))
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    separator = max(SEPARATORS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        records = ((reader.line_num, values) for values in reader)
        return _rows(records, layout, kind="csv", encoding=encoding.removesuffix("-sig"), separator=separator)
    except csv.Error as error:
        raise FileRefused(_("The file is not valid CSV: %(error)s") % {"error": error}) from None


def _read_xlsx(content: bytes, layout: Layout) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise FileRefused(_("The file is not a valid XLSX workbook.")) from None
    try:
        if not workbook.worksheets:
            raise FileRefused(_("The workbook has no worksheet."))
        sheet = workbook.worksheets[0]
        records = ((number, list(values)) for number, values in enumerate(sheet.iter_rows(values_only=True), start=1))
        return _rows(records, layout, kind="xlsx")
    finally:
        workbook.close()


# --- cell values ---------------------------------------------------------------------------------

DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")


def cell_text(value: object) -> str:
    """A cell as stripped text; whole numbers from spreadsheets without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


def cell_date(value: object) -> datetime.date | None:
    """A date from a cell; ``None`` when empty; raises ``ValueError`` when it is no date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)
