# SPDX-License-Identifier: EUPL-1.2
"""Markdown for text written by users (questions, answers, comments, articles), rendered safely.

The text is converted with Python-Markdown and the result is sanitised by nh3 with an explicit
allow-list: raw HTML in the input is never trusted, links may only point to http(s) and mailto
addresses (or relative ones), images are not allowed (no tracking pixels, no images without a text
alternative), headings start at level 2 (the page keeps its one h1), and every link gets
``rel="nofollow noopener"`` so that posting links earns no search ranking and opened pages
cannot reach back.
"""

import html as html_lib
import re
import threading

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope", "align"},
    "td": {"align"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
# Tags removed together with their content (the rest of a disallowed tag's content is kept as text).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript"})
EXTENSIONS = ["tables", "sane_lists"]


_HEADING = re.compile(r"<(/?)h([1-5])>")
# Building a converter loads its extensions, which costs more than converting a short text; a
# converter is not thread-safe, so each thread keeps one and resets it before each use.
_local = threading.local()


def _to_html(text: str) -> str:
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown_lib.Markdown(extensions=EXTENSIONS, output_format="html")
    return converter.reset().convert(text or "")


def _shift_headings(html: str) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", html)


def render_markdown(text: str) -> SafeString:
    """``text`` as sanitised HTML; safe to place in any page."""
    html = _to_html(text)
    cleaned = nh3.clean(
        _shift_headings(html),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


def markdown_to_text(text: str) -> str:
    """``text`` without its Markdown markup, as plain text (for excerpts); escape it when shown."""
    html = _to_html(text)
    stripped = nh3.clean(html, tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT), strip_comments=True)
    return " ".join(html_lib.unescape(stripped).split())


def markdown_excerpt(text: str, length: int) -> str:
    """The start of ``text`` as plain text, at most ``length`` characters (cut ones end in "…")."""
    plain = markdown_to_text(text)
    if len(plain) <= length:
        return plain
    return plain[: length - 1].rstrip() + "…"
