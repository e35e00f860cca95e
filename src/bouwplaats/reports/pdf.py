"""A report as a PDF: a cover page, a table of contents with page numbers, the sections, and page
numbers in the footer; tagged for accessibility (PDF/UA-1), with the title and language set.

WeasyPrint renders ``reports/report_print.html``, which shows each section with the same section
template (and so the same figures) as the page.
"""

from __future__ import annotations

from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"


def pdf_bytes(context: dict, *, base_url: str) -> bytes:
    import weasyprint  # noqa: PLC0415 - loads Pango and its fonts, wanted only when a PDF is asked for

    html = render_to_string("reports/report_print.html", {**context, "print": True})
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)
