# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.template import Context, Template

from bouwplaats.ui.markdown import markdown_to_text, render_markdown


def test_markdown_is_rendered():
    html = render_markdown("Een **vet** woord en [een link](https://www.vng.nl/).")
    assert "<strong>vet</strong>" in html
    assert '<a href="https://www.vng.nl/" rel="nofollow noopener">een link</a>' in html


def test_headings_start_below_the_page_heading():
    html = render_markdown("# Kop\n\n## Tussenkop")
    assert "<h1" not in html
    assert "<h2>Kop</h2>" in html
    assert "<h3>Tussenkop</h3>" in html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert('x')</script>hallo",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>hallo",
        "hallo <style>body{display:none}</style>",
        "<iframe src='https://evil.example'></iframe>hallo",
    ],
)
def test_script_and_embedding_are_removed_with_their_content(payload):
    html = render_markdown(payload).lower()
    for forbidden in ("<script", "alert(", "<style", "display:none", "<iframe", "evil.example"):
        assert forbidden not in html
    assert "hallo" in html


@pytest.mark.parametrize(
    "payload",
    [
        "<img src=x onerror=alert(1)>",
        '<a href="https://ok.example" onclick="alert(1)">klik</a>',
        '<p onmouseover="alert(1)">tekst</p>',
        "<svg onload=alert(1)>",
        '<div style="background:url(javascript:alert(1))">x</div>',
    ],
)
def test_event_handlers_and_styles_are_removed(payload):
    html = render_markdown(payload).lower()
    for forbidden in ("onerror", "onclick", "onmouseover", "onload", "style=", "alert(", "<img", "<svg"):
        assert forbidden not in html


@pytest.mark.parametrize(
    "payload",
    [
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        '<a href="javascript:alert(1)">klik</a>',
        "[klik](vbscript:msgbox(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![plaatje](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    ],
)
def test_dangerous_url_schemes_are_dropped(payload):
    html = render_markdown(payload).lower()
    for forbidden in ("javascript:", "vbscript:", "data:", "<img"):
        assert forbidden not in html


def test_allowed_schemes_are_kept():
    # A path written in the text is kept as written: the literal path is what is tested.
    html = render_markdown("[mail](mailto:kcc@example.org) [pagina](/kennis/) [web](http://example.org)")
    assert 'href="mailto:kcc@example.org"' in html
    assert 'href="/kennis/"' in html
    assert 'href="http://example.org"' in html
    assert html.count('rel="nofollow noopener"') == 3


def test_raw_html_outside_the_allow_list_becomes_text():
    html = render_markdown('<form action="/x"><input name="a"><button>Verstuur</button></form><div>blok</div>')
    for forbidden in ("<form", "<input", "<button", "<div"):
        assert forbidden not in html
    assert "Verstuur" in html and "blok" in html


def test_tables_are_kept():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in html and "<th>a</th>" in html and "<td>2</td>" in html


def test_empty_and_none():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_template_filter_escapes_nothing_twice_and_sanitises():
    rendered = Template("{% load markup %}{{ text|markdown }}").render(
        Context({"text": "**a** & b <script>x()</script>"})
    )
    assert "<strong>a</strong> &amp; b" in rendered
    assert "<script" not in rendered


def test_plain_text_drops_markup_and_keeps_the_words_escaped_later():
    assert markdown_to_text("Ja, via **Digimelding** en [de handreiking](https://example.org).") == (
        "Ja, via Digimelding en de handreiking."
    )
    assert markdown_to_text("<script>alert(1)</script>a < b & c") == "a < b & c"
