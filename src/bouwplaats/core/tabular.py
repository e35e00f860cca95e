# SPDX-License-Identifier: EUPL-1.2
"""Tables in files: reading CSV/XLSX uploads and writing CSV, XLSX and ODS downloads.

Reading. ``read_table`` turns an uploaded file into rows of named cells. A file starts with a
header row; the columns are found by their names in Dutch or English, in any case and order, as a
``Layout`` lists them (each import has its own). CSV files may be UTF-8 (with or without byte
order mark) or, as Excel saves them on Dutch Windows, Windows-1252, separated by semicolons, commas
or tabs. XLSX files are read in openpyxl's streaming mode; the first worksheet counts. A file that
cannot be read as a whole raises ``FileRefused`` with a message for the user: too large, empty,
not text (NUL bytes, UTF-16), not a workbook, no worksheet, a column given twice, a required
column missing, no rows. Empty rows and rows whose first filled cell starts with ``#`` are skipped.

Writing. A ``Sheet`` describes one table: a title, columns (a heading and a kind) and rows of raw
values. ``csv_bytes``, ``xlsx_bytes`` and ``ods_bytes`` write it, each in its own way: plain text
with ISO dates and dot decimals in CSV (UTF-8 with a byte order mark, so spreadsheets read the
accents); number, percentage, euro (currency) and date cells in XLSX and ODS, under a bold header row.
``download`` makes the HttpResponse with the content type and a file name. Text that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) is written with a leading quote in every format (``escape``).

``xlsx_write`` and ``ods_write`` write into a file (a path or a binary file object) without holding
the table in memory, for tables of hundreds of thousands of rows (the open data, written by a
background task).

Libraries. XLSX is read and written with openpyxl (its streaming modes keep large files out of
memory, and it sets number formats, bold headers and a frozen header row). ODS, the OpenDocument
format that governments are asked to offer, is written here as XML text straight into the zip
file, row by row: odfpy (which tablib uses for ODS) builds the whole document as a tree first,
about 25 kB and a millisecond per row, which a table of 300,000 rows cannot afford. The tests read
the files back with odfpy. tablib itself is not used: it would add a layer over the same
libraries without number formats per column or a streaming reader.
"""

from __future__ import annotations

import csv
import datetime
import io
import numbers
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax import saxutils

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# --- reading -------------------------------------------------------------------------------------

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 50_000
EXTENSIONS = ("csv", "xlsx")
ENCODINGS = ("utf-8-sig", "cp1252")
SEPARATORS = (";", ",", "\t")


@dataclass(frozen=True)
class Layout:
    """The columns of one kind of import file and the most rows it may hold."""

    columns: dict[str, tuple[str, ...]]  # column → accepted header names (compared after ``normalise_header``)
    required: tuple[tuple[tuple[str, ...], object], ...]  # (any one of these columns, its name when missing)
    max_rows: int = MAX_ROWS

    def column_of(self, header: str) -> str | None:
        normalised = normalise_header(header)
        return next((name for name, aliases in self.columns.items() if normalised in aliases), None)


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


def too_large_message() -> str:
    return _("The file is too large: at most %(size)d MB.") % {"size": MAX_FILE_SIZE // (1024 * 1024)}


def read_upload(file) -> tuple[str, bytes]:
    """The name (without folders) and the content of an uploaded file, read no further than one byte
    past the limit; raises ``FileRefused`` when the upload says it is too large."""
    name = (getattr(file, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    if (getattr(file, "size", None) or 0) > MAX_FILE_SIZE:
        raise FileRefused(too_large_message())
    file.seek(0)
    return name, file.read(MAX_FILE_SIZE + 1)


def read_table(name: str, content: bytes, *, layout: Layout) -> Table:
    """The header and data rows of the file; raises ``FileRefused`` when it cannot be read."""
    kind = file_type(name)
    if not content:
        raise FileRefused(_("The file is empty."))
    if len(content) > MAX_FILE_SIZE:
        raise FileRefused(too_large_message())
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


def _decoded(content: bytes) -> tuple[str, str] | None:
    """The text and its encoding, in the first encoding that reads it; None when none does."""
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _read_csv(content: bytes, layout: Layout) -> Table:
    decoded = _decoded(content)
    if decoded is None or "\x00" in decoded[0]:  # NUL bytes: UTF-16 or not text at all
        raise FileRefused(_("The file could not be read as text: save it as “CSV UTF-8”."))
    text, encoding = decoded
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    separator = max(SEPARATORS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        records = ((reader.line_num, values) for values in reader)
        return _rows(records, layout, kind="csv", encoding=encoding.removesuffix("-sig"), separator=separator)
    except csv.Error as error:
        raise FileRefused(_("The file is not valid CSV: %(error)s") % {"error": error}) from None


def _read_xlsx(content: bytes, layout: Layout) -> Table:
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


# --- writing -------------------------------------------------------------------------------------

CSV, XLSX, ODS = "csv", "xlsx", "ods"
FORMATS = (CSV, XLSX, ODS)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ODS: "application/vnd.oasis.opendocument.spreadsheet",
}
# The kinds of a column. AUTO: by each value's type. PERCENT: a number from 0 to 100.
# MONTH: a date standing for its month. EURO: an amount in whole euros (a currency cell).
AUTO, TEXT, INTEGER, DECIMAL, PERCENT, DATE, MONTH = "auto", "text", "int", "decimal", "percent", "date", "month"
EURO = "euro"
# A spreadsheet runs a cell that starts with one of these as a formula: such text gets a leading quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The euro format is the one Excel writes for "€ 1.234" (Dutch currency, no decimals); the separators
# follow the reader's own settings.
XLSX_FORMATS = {
    INTEGER: "0",
    DECIMAL: "0.0",
    PERCENT: "0.0%",
    DATE: "yyyy-mm-dd",
    MONTH: "yyyy-mm",
    EURO: "[$€-413] #,##0",
}


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str = AUTO


@dataclass
class Sheet:
    """One table to write: ``columns`` (``Column`` or a heading) over ``rows`` of raw values.

    Without columns no header row is written. ``title`` names the sheet in XLSX and ODS.
    """

    title: str
    columns: Sequence[Column | str]
    rows: Iterable[Sequence]

    def __post_init__(self):
        self.columns = [column if isinstance(column, Column) else Column(str(column)) for column in self.columns]


def escape(value):
    """The value as a cell; text that a spreadsheet would run as a formula gets a leading quote."""
    if value is None:
        return ""
    if type(value) is str:  # the most common cell, and the quickest to tell
        return "'" + value if value.startswith(FORMULA_START) else value
    if isinstance(value, numbers.Number | datetime.date):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def sheet_title(caption: str) -> str:
    """A sheet's name: the caption without the characters a sheet's name may not hold, cut to the
    31 characters a spreadsheet allows."""
    caption = str(caption)
    for character in "[]:*?/\\":
        caption = caption.replace(character, " ")
    return " ".join(caption.split())[:31].strip() or "1"


def _cells(sheet: Sheet):
    """The rows of the sheet as (kind, escaped value) pairs; empty cells as ``None``. A cell past the
    columns, or whose value does not fit its column's kind, is written by its value's type."""
    kinds = [column.kind for column in sheet.columns]
    for row in sheet.rows:
        cells = []
        for index, value in enumerate(row):
            kind = kinds[index] if index < len(kinds) else AUTO
            if value is None or value == "":
                cells.append((kind, None))
                continue
            value = escape(value)
            if kind in (AUTO, TEXT):
                cells.append((kind, value))
                continue
            fits = isinstance(value, datetime.date) if kind in (DATE, MONTH) else isinstance(value, numbers.Number)
            cells.append((kind if fits else AUTO, value))
        yield cells


def _csv_text(kind: str, value) -> object:
    if value is None:
        return ""
    if kind == PERCENT:
        return f"{value:.1f}"
    if kind == MONTH:
        return value.strftime("%Y-%m")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def csv_bytes(
    sheet: Sheet, *, delimiter: str = ",", comments: Sequence[str] = (), bom: bool = True, line_end: str = "\r\n"
) -> bytes:
    """The sheet as CSV in UTF-8; ``comments`` follow the rows after an empty one, each in a row
    starting with ``#`` (which ``read_table`` skips). Without ``bom`` (for machines) no byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    if sheet.columns:
        writer.writerow([escape(str(column.heading)) for column in sheet.columns])
    for row in _cells(sheet):
        writer.writerow([_csv_text(kind, value) for kind, value in row])
    if comments:
        writer.writerow([])
        writer.writerows(["# " + str(comment)] for comment in comments)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(*sheets: Sheet) -> bytes:
    """The sheets as one XLSX workbook."""
    buffer = io.BytesIO()
    xlsx_write(buffer, *sheets)
    return buffer.getvalue()


def xlsx_write(target, *sheets: Sheet) -> None:
    """The sheets as one XLSX workbook into ``target`` (a path or a binary file), in openpyxl's
    streaming mode: the rows go to a temporary file as they come, not into memory."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        target_sheet = workbook.create_sheet(sheet_title(sheet.title))
        if sheet.columns:
            for index, column in enumerate(sheet.columns, start=1):  # before the rows, in a write-only sheet
                width = max(12, min(len(column.heading) + 2, 40))
                target_sheet.column_dimensions[get_column_letter(index)].width = width
            target_sheet.freeze_panes = "A2"
            header = []
            for column in sheet.columns:
                cell = WriteOnlyCell(target_sheet, value=escape(str(column.heading)))
                cell.font = bold
                header.append(cell)
            target_sheet.append(header)
        for row in _cells(sheet):
            target_sheet.append([_xlsx_cell(target_sheet, kind, value) for kind, value in row])
    workbook.save(target)


def _xlsx_cell(target, kind: str, value):
    if value is None or kind not in XLSX_FORMATS or isinstance(value, str):
        return value
    cell = WriteOnlyCell(target, value=value / 100 if kind == PERCENT else value)
    cell.number_format = XLSX_FORMATS[kind]
    return cell


# ODS is written as XML text, row by row, straight into the zip file: an XML tree of the whole
# document (odfpy's way) takes about 25 kB of memory and a millisecond for every row of ten cells.
ODS_MEDIA_TYPE = CONTENT_TYPES[ODS]
ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'office:version="1.2"'
)
# The header's bold, and the number formats of percentage, date, month and euro cells.
ODS_STYLES = (
    '<style:style style:name="heading" style:family="table-cell">'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
    '<number:percentage-style style:name="n-percent">'
    '<number:number number:decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text>'
    "</number:percentage-style>"
    '<number:date-style style:name="n-date"><number:year number:style="long"/><number:text>-</number:text>'
    '<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/>'
    "</number:date-style>"
    '<number:date-style style:name="n-month"><number:year number:style="long"/><number:text>-</number:text>'
    '<number:month number:style="long"/></number:date-style>'
    '<number:currency-style style:name="n-euro">'
    '<number:currency-symbol number:language="nl" number:country="NL">€</number:currency-symbol>'
    "<number:text> </number:text>"
    '<number:number number:decimal-places="0" number:min-integer-digits="1" number:grouping="true"/>'
    "</number:currency-style>"
    + "".join(
        f'<style:style style:name="c-{kind}" style:family="table-cell" style:data-style-name="n-{kind}"/>'
        for kind in ("percent", "date", "month", "euro")
    )
)
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{ODS_MEDIA_TYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
ODS_DOCUMENT_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ODS_NAMESPACES}></office:document-styles>'
)
# Characters that XML 1.0 cannot hold (control characters, lone surrogates): left out.
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ODS_ROWS_PER_WRITE = 1000


def ods_bytes(*sheets: Sheet) -> bytes:
    """The sheets as one OpenDocument spreadsheet."""
    buffer = io.BytesIO()
    ods_write(buffer, *sheets)
    return buffer.getvalue()


def ods_write(target, *sheets: Sheet) -> None:
    """The sheets as one OpenDocument spreadsheet into ``target`` (a path or a binary file), written
    row by row: what is held in memory is a thousand rows at most."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # The media type first and uncompressed, so that a reader knows the file from its first bytes.
        archive.writestr(zipfile.ZipInfo("mimetype"), ODS_MEDIA_TYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        archive.writestr("styles.xml", ODS_DOCUMENT_STYLES)
        with archive.open("content.xml", "w") as content:
            content.write(
                (
                    f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NAMESPACES}>'
                    f"<office:automatic-styles>{ODS_STYLES}</office:automatic-styles>"
                    "<office:body><office:spreadsheet>"
                ).encode()
            )
            for sheet in sheets:
                _ods_table(content, sheet)
            content.write(b"</office:spreadsheet></office:body></office:document-content>")


def _ods_table(content, sheet: Sheet) -> None:
    head = [f"<table:table table:name={_xml_attribute(sheet_title(sheet.title))}>"]
    if sheet.columns:
        head.append(f'<table:table-column table:number-columns-repeated="{len(sheet.columns)}"/>')
        cells = "".join(
            _ods_cell(TEXT, escape(str(column.heading)), 'table:style-name="heading" ') for column in sheet.columns
        )
        head.append(f"<table:table-row>{cells}</table:table-row>")
    content.write("".join(head).encode())
    chunk = []
    for row in _cells(sheet):
        chunk.append(
            "<table:table-row>" + "".join(_ods_cell(kind, value) for kind, value in row) + "</table:table-row>"
        )
        if len(chunk) >= ODS_ROWS_PER_WRITE:
            content.write("".join(chunk).encode())
            chunk = []
    chunk.append("</table:table>")
    content.write("".join(chunk).encode())


def _xml_text(value) -> str:
    """Text as XML content: the characters XML cannot hold left out, markup escaped."""
    return saxutils.escape(XML_UNSAFE.sub("", str(value)))


def _xml_attribute(value) -> str:
    """Text as a quoted XML attribute value (line breaks and tabs kept as character references)."""
    return saxutils.quoteattr(XML_UNSAFE.sub("", str(value)))


def _ods_cell(kind: str, value, style: str = "") -> str:
    """One cell: its value by its type (and the number format of its column's kind), and the text shown."""
    if value is None:
        return "<table:table-cell/>"
    if type(value) is str:
        attributes = f'{style}office:value-type="string"'
    elif isinstance(value, bool):
        attributes = f'office:value-type="boolean" office:boolean-value="{"true" if value else "false"}"'
    elif isinstance(value, numbers.Number) and kind == EURO:
        attributes = (
            f'office:value-type="currency" office:currency="EUR" office:value="{value}" table:style-name="c-euro"'
        )
    elif isinstance(value, numbers.Number) and kind == PERCENT:
        attributes = f'office:value-type="percentage" office:value="{value / 100}" table:style-name="c-percent"'
        value = f"{value:.1f}%"
    elif isinstance(value, numbers.Number):
        attributes = f'office:value-type="float" office:value="{value}"'
    elif isinstance(value, datetime.date):
        stamp = value.isoformat() if kind != MONTH else value.replace(day=1).isoformat()
        chosen = "c-month" if kind == MONTH else "c-date"
        attributes = f'office:value-type="date" office:date-value="{stamp[:19]}" table:style-name="{chosen}"'
        value = value.strftime("%Y-%m") if kind == MONTH else stamp[:10]
    else:
        attributes = f'{style}office:value-type="string"'
    return f"<table:table-cell {attributes}><text:p>{_xml_text(value)}</text:p></table:table-cell>"


def file_bytes(fmt: str, *sheets: Sheet, **csv_options) -> bytes:
    """The sheets in the format ``fmt`` (one of ``FORMATS``); CSV holds the first sheet only."""
    if fmt == XLSX:
        return xlsx_bytes(*sheets)
    if fmt == ODS:
        return ods_bytes(*sheets)
    if fmt == CSV:
        return csv_bytes(sheets[0], **csv_options)
    raise ValueError(fmt)


def download(filename: str, fmt: str, *sheets: Sheet, **csv_options) -> HttpResponse:
    """A download of the sheets as ``<filename>.<fmt>``; ``csv_options`` go to ``csv_bytes``."""
    return file_response(file_bytes(fmt, *sheets, **csv_options), f"{filename}.{fmt}", CONTENT_TYPES[fmt])


def file_response(content: bytes | str, filename: str, content_type: str) -> HttpResponse:
    """``content`` as an attachment named ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
