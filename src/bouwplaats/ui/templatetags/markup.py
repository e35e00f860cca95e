"""``{% load markup %}`` and ``{{ text|markdown }}``: user-written Markdown as sanitised HTML."""

from django import template

from bouwplaats.ui.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text) -> str:
    return render_markdown(str(text) if text is not None else "")
