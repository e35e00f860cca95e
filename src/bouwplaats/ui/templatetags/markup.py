# SPDX-License-Identifier: EUPL-1.2
"""``{% load markup %}``: ``{{ text|markdown }}`` renders user-written Markdown as sanitised HTML,
``{{ text|markdown_text }}`` gives its plain text (auto-escaped like any string)."""

from django import template

from bouwplaats.ui.markdown import markdown_to_text, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text) -> str:
    return render_markdown(str(text) if text is not None else "")


@register.filter(name="markdown_text")
def markdown_text_filter(text) -> str:
    return markdown_to_text(str(text) if text is not None else "")
