# SPDX-License-Identifier: EUPL-1.2
"""Helpers for the import and merger tests: files in memory and a snapshot of the monitor tables."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from bouwplaats.monitor.models import CurrentStatus, MonthlyStatus, StatusEvent

HEADER = ["gemeentecode", "bouwsteen", "niveau", "geldig_vanaf"]


def csv_file(rows, *, name="register.csv", separator=";", encoding="utf-8", header=HEADER):
    lines = [separator.join(str(cell) for cell in row) for row in ([header] if header else []) + list(rows)]
    content = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return SimpleUploadedFile(name, content, content_type="text/csv")


def xlsx_file(rows, *, name="register.xlsx", header=HEADER):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in ([header] if header else []) + list(rows):
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name, buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def snapshot():
    """Everything an import may write, to compare before and after."""
    return (
        list(StatusEvent.objects.order_by("pk").values_list("pk", "level_id", "valid_from")),
        list(CurrentStatus.objects.order_by("pk").values_list("pk", "level_id", "version", "last_event_id")),
        list(MonthlyStatus.objects.order_by("pk").values_list("pk", "level_id", "month")),
    )
