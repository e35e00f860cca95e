# SPDX-License-Identifier: EUPL-1.2
"""Printable documents as PDF with WeasyPrint: tagged for accessibility (PDF/UA-1, which also sets
the title and language from the HTML). The templates extend ``ui/print_base.html`` (cover, table of
contents with page numbers, page numbers in the footer)."""

from __future__ import annotations

from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"


def pdf_bytes(template: str, context: dict, *, base_url: str) -> bytes:
    """``template`` rendered with ``context`` (and ``print`` true) as a tagged PDF."""
    import weasyprint  # noqa: PLC0415 - loads Pango and its fonts, wanted only when a PDF is asked for

    html = render_to_string(template, {**context, "print": True})
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)
