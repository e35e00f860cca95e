# SPDX-License-Identifier: EUPL-1.2
"""A report as a PDF: a cover page, a table of contents with page numbers, the sections, and page
numbers in the footer; tagged for accessibility (PDF/UA-1), with the title and language set.

WeasyPrint renders ``reports/report_print.html`` (on ``ui/print_base.html``), which shows each
section with the same section template (and so the same figures) as the page.
"""

from __future__ import annotations

from bouwplaats.ui import pdf


def pdf_bytes(context: dict, *, base_url: str) -> bytes:
    return pdf.pdf_bytes("reports/report_print.html", context, base_url=base_url)
