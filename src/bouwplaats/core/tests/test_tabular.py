# SPDX-License-Identifier: EUPL-1.2
"""Reading CSV/XLSX uploads and writing CSV, XLSX and ODS with ``core.tabular``."""

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from bouwplaats.core import tabular
from bouwplaats.core.tabular import Column, FileRefused, Layout, Sheet, cell_date, cell_text, read_table

from .ods import read_ods

LAYOUT = Layout(
    columns={
        "municipality": ("gemeente", "gemeentecode", "municipality"),
        "name": ("naam", "name"),
        "date": ("datum", "date"),
    },
    required=((("municipality",), "gemeente"), (("name",), "naam")),
)
CSV_TEXT = "Gemeente;Naam;Datum\r\nGM0363;Één café;01-02-2021\r\nGM0014;Groningen;\r\n"


@pytest.fixture(autouse=True)
def english(english_messages):
    """The messages are asserted in English."""


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_without_worksheets() -> bytes:
    """A workbook that lists no sheet (openpyxl refuses to save one, so edit a saved one)."""
    source, result = zipfile.ZipFile(io.BytesIO(xlsx([]))), io.BytesIO()
    with zipfile.ZipFile(result, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
            target.writestr(item, data)
    return result.getvalue()


# --- reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "encoding", "separator"),
    [
        pytest.param(CSV_TEXT.encode(), "utf-8", ";", id="utf-8"),
        pytest.param(CSV_TEXT.encode("utf-8-sig"), "utf-8", ";", id="utf-8-with-bom"),
        pytest.param(CSV_TEXT.encode("cp1252"), "cp1252", ";", id="windows-1252"),
        pytest.param(CSV_TEXT.replace(";", ",").encode(), "utf-8", ",", id="commas"),
        pytest.param(CSV_TEXT.replace(";", "\t").encode(), "utf-8", "\t", id="tabs"),
    ],
)
def test_csv_in_the_encodings_and_separators_spreadsheets_save(content, encoding, separator):
    table = read_table("lijst.csv", content, layout=LAYOUT)
    assert (table.file_type, table.encoding, table.separator) == ("csv", encoding, separator)
    assert table.columns == {"municipality": "Gemeente", "name": "Naam", "date": "Datum"}
    assert [(row.number, row.cells) for row in table.rows] == [
        (2, {"municipality": "GM0363", "name": "Één café", "date": "01-02-2021"}),
        (3, {"municipality": "GM0014", "name": "Groningen", "date": ""}),
    ]


def test_empty_rows_comment_rows_and_unknown_columns_are_skipped():
    content = "\r\n# a note above\r\nGEMEENTE;naam;extra\r\n\r\nGM0363;Amsterdam;x\r\n;;\r\n# GM0014;skipped\r\n"
    table = read_table("lijst.CSV", content.encode(), layout=LAYOUT)
    assert table.ignored == ["extra"]
    assert [(row.number, row.cells) for row in table.rows] == [(5, {"municipality": "GM0363", "name": "Amsterdam"})]


def test_xlsx_keeps_numbers_and_dates_and_reads_the_first_sheet():
    content = xlsx([["gemeente", "naam", "datum"], [363, "Één", datetime.datetime(2021, 2, 1)], ["GM0014", None, None]])
    table = read_table("lijst.xlsx", content, layout=LAYOUT)
    assert table.file_type == "xlsx"
    assert [row.cells for row in table.rows] == [
        {"municipality": 363, "name": "Één", "date": datetime.datetime(2021, 2, 1)},
        {"municipality": "GM0014", "name": None, "date": None},
    ]


TOO_LARGE = b"gemeente;naam\r\n" + b"GM0363;x\r\n" * (tabular.MAX_FILE_SIZE // 9)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("lijst.txt", b"a;b", "Upload a CSV or XLSX file (a name ending in .csv or .xlsx).", id="type"),
        pytest.param("lijst", b"a;b", "Upload a CSV or XLSX file (a name ending in .csv or .xlsx).", id="no-ext"),
        pytest.param("lijst.csv", b"", "The file is empty.", id="empty"),
        pytest.param("lijst.csv", TOO_LARGE, "The file is too large: at most 5 MB.", id="too-large"),
        pytest.param(
            "lijst.csv",
            CSV_TEXT.replace("Groningen", "Gron\x00ingen").encode(),
            "The file could not be read as text: save it as “CSV UTF-8”.",
            id="nul-byte",
        ),
        pytest.param(
            "lijst.csv",
            CSV_TEXT.encode("utf-16"),  # Excel's "Unicode text": every other byte is NUL
            "The file could not be read as text: save it as “CSV UTF-8”.",
            id="utf-16",
        ),
        pytest.param("lijst.xlsx", b"not a workbook", "The file is not a valid XLSX workbook.", id="not-xlsx"),
        pytest.param("lijst.xlsx", workbook_without_worksheets(), "The workbook has no worksheet.", id="no-sheet"),
        pytest.param("lijst.xlsx", xlsx([]), "The file holds no header row and no data.", id="empty-sheet"),
        pytest.param("lijst.csv", b"\r\n;;\r\n", "The file holds no header row and no data.", id="blank-csv"),
        pytest.param(
            "lijst.csv",
            b"gemeente;gemeentecode;naam\r\nGM0363;GM0363;A\r\n",
            "The columns “gemeente” and “gemeentecode” both hold the same thing; keep one of them.",
            id="repeated-column",
        ),
        pytest.param(
            "lijst.csv",
            b"gemeente;datum\r\nGM0363;x\r\n",
            "The header row lacks these columns: naam. The first row must name the columns.",
            id="missing-column",
        ),
        pytest.param("lijst.csv", b"gemeente;naam\r\n", "The file holds no rows below the header.", id="no-rows"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_message(name, content, message):
    with pytest.raises(FileRefused) as refused:
        read_table(name, content, layout=LAYOUT)
    assert str(refused.value.message) == message


def test_a_file_with_more_rows_than_its_layout_allows_is_refused():
    layout = Layout(columns=LAYOUT.columns, required=LAYOUT.required, max_rows=2)
    content = b"gemeente;naam\r\nGM1;a\r\nGM2;b\r\n"
    assert len(read_table("l.csv", content, layout=layout).rows) == 2
    with pytest.raises(FileRefused) as refused:
        read_table("l.csv", content + b"GM3;c\r\n", layout=layout)
    assert str(refused.value.message) == "The file has more than 2 rows; split it up."


def test_an_upload_is_read_without_its_folders_and_refused_when_it_says_it_is_too_large():
    upload = SimpleUploadedFile("C:\\Users\\x\\lijst.csv", b"gemeente;naam\r\n")
    upload.read()
    assert tabular.read_upload(upload) == ("lijst.csv", b"gemeente;naam\r\n")
    upload.size = tabular.MAX_FILE_SIZE + 1
    with pytest.raises(FileRefused) as refused:
        tabular.read_upload(upload)
    assert str(refused.value.message) == "The file is too large: at most 5 MB."


def test_cell_values():
    assert [cell_text(value) for value in (None, 363.0, 2.5, " GM0363 ", datetime.datetime(2021, 2, 1, 9))] == [
        "",
        "363",
        "2.5",
        "GM0363",
        "2021-02-01",
    ]
    expected = datetime.date(2021, 2, 1)
    for value in ("2021-02-01", "01-02-2021", "01/02/2021", "01.02.2021", "2021/02/01", datetime.datetime(2021, 2, 1)):
        assert cell_date(value) == expected, value
    assert cell_date("") is None and cell_date(None) is None
    with pytest.raises(ValueError):
        cell_date("1 februari")


# --- writing -------------------------------------------------------------------------------------

COLUMNS = [
    Column("Gemeente"),
    Column("Aantal", tabular.INTEGER),
    Column("Aandeel (%)", tabular.PERCENT),
    Column("Datum", tabular.DATE),
    Column("Maand", tabular.MONTH),
    "Bedrag",
]
ROWS = [
    ["Súdwest-Fryslân", 12, 37.5, datetime.date(2014, 3, 16), datetime.date(2014, 3, 1), Decimal("147500")],
    ["’s-Hertogenbosch", 0, None, None, None, 2.5],
    ["", None, 100, datetime.date(2013, 12, 31), datetime.date(2013, 12, 1), None],
]
# The rows as a spreadsheet reads them back: numbers as numbers, dates as dates, empty cells empty.
EXPECTED = [
    ["Súdwest-Fryslân", 12, 37.5, datetime.date(2014, 3, 16), datetime.date(2014, 3, 1), 147500],
    ["’s-Hertogenbosch", 0, None, None, None, 2.5],
    [None, None, 100, datetime.date(2013, 12, 31), datetime.date(2013, 12, 1), None],
]
DANGEROUS = ["=1+1", "+31 20 1234567", "-2", "@SUM(A1)", "\tx", "\rx"]


def sheet() -> Sheet:
    return Sheet("Voortgang: één [2014]", COLUMNS, ROWS)


def read_xlsx(content: bytes) -> dict[str, list[list]]:
    workbook = load_workbook(io.BytesIO(content))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}


def test_csv_round_trip():
    content = tabular.csv_bytes(sheet())
    assert content.startswith(b"\xef\xbb\xbf")  # the byte order mark, so spreadsheets read the accents
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [
        ["Gemeente", "Aantal", "Aandeel (%)", "Datum", "Maand", "Bedrag"],
        ["Súdwest-Fryslân", "12", "37.5", "2014-03-16", "2014-03", "147500"],
        ["’s-Hertogenbosch", "0", "", "", "", "2.5"],
        ["", "", "100.0", "2013-12-31", "2013-12", ""],
    ]


def test_xlsx_round_trip_with_number_and_date_cells():
    content = tabular.xlsx_bytes(sheet(), Sheet("Codes", (), [["AAA", "Één"]]))
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Voortgang één 2014", "Codes"]
    first = workbook.worksheets[0]
    assert first.freeze_panes == "A2" and first["A1"].font.b
    values = [list(row) for row in first.iter_rows(values_only=True)]
    assert values[0] == ["Gemeente", "Aantal", "Aandeel (%)", "Datum", "Maand", "Bedrag"]
    as_dates = [[cell.date() if isinstance(cell, datetime.datetime) else cell for cell in row] for row in values[1:]]
    percent = [[row[2] * 100 if row[2] is not None else None] for row in as_dates]
    assert percent == [[37.5], [None], [100]]
    assert [row[:2] + row[3:] for row in as_dates] == [row[:2] + row[3:] for row in EXPECTED]
    assert (first["C2"].number_format, first["D2"].number_format, first["E2"].number_format) == (
        "0.0%",
        "yyyy-mm-dd",
        "yyyy-mm",
    )
    assert read_xlsx(content)["Codes"] == [["AAA", "Één"]]  # no header row without columns


def test_ods_round_trip_with_number_and_date_cells():
    content = tabular.ods_bytes(sheet(), Sheet("Codes", (), [["AAA", "Één", True]]))
    assert zipfile.ZipFile(io.BytesIO(content)).read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    sheets = read_ods(content)
    assert list(sheets) == ["Voortgang één 2014", "Codes"]
    assert sheets["Voortgang één 2014"] == [["Gemeente", "Aantal", "Aandeel (%)", "Datum", "Maand", "Bedrag"]] + [
        [None if cell == "" else cell for cell in row] for row in EXPECTED
    ]
    assert sheets["Codes"] == [["AAA", "Één", True]]


def test_ods_holds_markup_and_leaves_out_what_xml_cannot_hold():
    title = 'Rapport <"A&B">'
    texts = ["<b>vet</b> & ]]>", "regel 1\nregel 2\ttab", "nul\x00 en \x0b weg", "eind\ufffe"]
    sheets = read_ods(tabular.ods_bytes(Sheet(title, (), [[text] for text in texts])))
    assert list(sheets) == [tabular.sheet_title(title)]
    assert [row[0] for row in sheets[tabular.sheet_title(title)]] == [
        "<b>vet</b> & ]]>",
        "regel 1\nregel 2\ttab",
        "nul en  weg",
        "eind",
    ]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text(text):
    unsafe = Sheet("x", ["=kop"], [[text], [-2], ["a=b"]])
    expected = ["'=kop", "'" + text, -2, "a=b"]
    assert tabular.escape(text) == "'" + text
    csv_rows = list(csv.reader(io.StringIO(tabular.csv_bytes(unsafe).decode("utf-8-sig"), newline="")))
    assert csv_rows == [[str(value)] for value in expected]
    assert [row[0] for row in read_xlsx(tabular.xlsx_bytes(unsafe))["x"]] == expected
    xml_line_ends = [value.replace("\r", "\n") if isinstance(value, str) else value for value in expected]
    assert [row[0] for row in read_ods(tabular.ods_bytes(unsafe))["x"]] == xml_line_ends  # XML reads \r as \n


def test_csv_options_for_imports_and_machines():
    answers = Sheet("a", ["gemeentecode", "bouwsteen"], [["", "AAA"]])
    content = tabular.csv_bytes(answers, delimiter=";", comments=["AAA = Één loket", "=1"])
    assert content.decode("utf-8-sig") == "gemeentecode;bouwsteen\r\n;AAA\r\n\r\n# AAA = Één loket\r\n# =1\r\n"
    layout = Layout(columns={"code": ("gemeentecode",), "block": ("bouwsteen",)}, required=())
    assert [row.cells for row in read_table("a.csv", content, layout=layout).rows] == [{"code": "", "block": "AAA"}]
    plain = tabular.csv_bytes(answers, bom=False, line_end="\n")
    assert plain == b"gemeentecode,bouwsteen\n,AAA\n"


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
def test_a_download_has_its_content_type_and_file_name(fmt, content_type):
    response = tabular.download("voortgang-gm0363", fmt, sheet())
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="voortgang-gm0363.{fmt}"'
    read = {"csv": lambda content: content, "xlsx": read_xlsx, "ods": read_ods}[fmt]  # zip files hold their time
    assert read(response.content) == read(tabular.file_bytes(fmt, sheet()))


def test_sheet_titles_hold_no_forbidden_characters_and_at_most_31():
    assert (
        tabular.sheet_title("Voortgang van ’s-Hertogenbosch per bouwsteen: [2014]")
        == "Voortgang van ’s-Hertogenbosch"  # cut at 31, without the space
    )
    assert tabular.sheet_title("a/b\\c?d*e") == "a b c d e"
    assert tabular.sheet_title(" :: ") == "1"
    with pytest.raises(ValueError):
        tabular.file_bytes("pdf", sheet())


def test_a_value_that_does_not_fit_its_column_is_written_by_its_type():
    odd = Sheet("x", [Column("Aandeel", tabular.PERCENT), Column("Maand", tabular.MONTH)], [["n.v.t.", 3, "extra"]])
    assert tabular.csv_bytes(odd).decode("utf-8-sig").splitlines()[1] == "n.v.t.,3,extra"
    assert read_xlsx(tabular.xlsx_bytes(odd))["x"][1] == ["n.v.t.", 3, "extra"]
    assert read_ods(tabular.ods_bytes(odd))["x"][1] == ["n.v.t.", 3, "extra"]
