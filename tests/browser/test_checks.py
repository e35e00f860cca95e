# SPDX-License-Identifier: EUPL-1.2
"""The checks themselves must be able to fail: run them on pages with known faults."""

import pytest

from tests.browser.checks import KnownIssue, axe_violations, format_violations, structure_problems, without_known_issues

pytestmark = pytest.mark.browser

FAULTY_PAGE = """<!DOCTYPE html><html><head></head><body>
<header><a href="/" aria-current="page">Home</a><a href="/voortgang/" aria-current="page">Voortgang</a></header>
<p class="notice demo-notice">Demo</p><p class="notice demo-notice">Demo</p>
<main><table><tr><td>1</td></tr></table>
<div class="table-wrapper"><table><tr><td>2</td></tr></table></div></main>
<h1>One</h1><h1>Two</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<form><input type="text" name="q"></form>
</body></html>"""

GOOD_PAGE = """<!DOCTYPE html><html lang="nl"><head><title>Goed</title></head><body>
<main><h1>Eén kop</h1><p>Tekst.</p></main></body></html>"""


def test_checks_report_known_faults(browser):
    page = browser.new_page()
    try:
        page.set_content(FAULTY_PAGE)
        problems = structure_problems(page, language="nl")
        assert any("exactly one <h1>, found 2" in p for p in problems), problems
        assert any("<title>" in p for p in problems), problems
        assert any('lang="nl"' in p for p in problems), problems
        assert any("one current item in the header, found 2" in p for p in problems), problems
        assert any("one demo-data banner, found 2" in p for p in problems), problems
        assert any("2 table(s) not in a focusable, named scroll region" in p for p in problems), problems

        violations = axe_violations(page)
        ids = {v["id"] for v in violations}
        assert {"image-alt", "html-has-lang", "label"} <= ids, ids
        message = format_violations(violations, "about:blank")
        assert "image-alt" in message and "img" in message, message

        page.set_content(GOOD_PAGE)
        assert structure_problems(page, language="nl") == []
        assert axe_violations(page) == []
    finally:
        page.context.close()


def test_known_issues_are_tolerated_only_inside_their_widget(browser):
    page = browser.new_page()
    image = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
    try:
        body = f'<main><div id="widget">{image}</div><p>{image}</p></main>'
        page.set_content(f'<html lang="nl"><head><title>T</title></head><body>{body}</body></html>')
        violations = axe_violations(page)
        issue = KnownIssue("image-alt", "#widget", "a third-party widget")
        remaining = without_known_issues(page, violations, [issue])
        assert [v["id"] for v in remaining] == ["image-alt"]
        assert [node["target"] for node in remaining[0]["nodes"]] == [["p > img"]]
        assert without_known_issues(page, violations, [KnownIssue("image-alt", "main", "all of it")]) == []
    finally:
        page.context.close()
