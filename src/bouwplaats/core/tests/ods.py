# SPDX-License-Identifier: EUPL-1.2
"""Reading an ODS download back in tests (the site writes ODS but does not read it)."""

import datetime
import io

from odf import opendocument
from odf.namespaces import OFFICENS, TABLENS
from odf.table import Table, TableCell, TableRow


def read_ods(content: bytes) -> dict[str, list[list]]:
    """Each sheet's cells as values: by their value type, percentages back to 0–100."""
    document = opendocument.load(io.BytesIO(content))
    sheets = {}
    for table in document.spreadsheet.getElementsByType(Table):
        rows = []
        for row in table.getElementsByType(TableRow):
            rows.append([_ods_value(cell) for cell in row.getElementsByType(TableCell)])
        sheets[table.getAttrNS(TABLENS, "name")] = rows
    return sheets


def _ods_value(cell):
    kind = cell.getAttrNS(OFFICENS, "value-type")
    if kind is None:
        return None
    if kind in ("float", "currency"):
        value = float(cell.getAttrNS(OFFICENS, "value"))
        return int(value) if value.is_integer() else value
    if kind == "percentage":
        return round(float(cell.getAttrNS(OFFICENS, "value")) * 100, 6)
    if kind == "date":
        return datetime.date.fromisoformat(cell.getAttrNS(OFFICENS, "date-value")[:10])
    if kind == "boolean":
        return cell.getAttrNS(OFFICENS, "boolean-value") == "true"
    return str(cell)
