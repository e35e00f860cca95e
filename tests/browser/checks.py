# SPDX-License-Identifier: EUPL-1.2
"""Checks that every page must pass: structure (one h1, a title, the language) and axe-core."""

from __future__ import annotations

from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe

FAILING_IMPACTS = ("serious", "critical")


@dataclass(frozen=True)
class KnownIssue:
    """A violation tolerated only inside a third-party widget that we cannot change (with the reason)."""

    rule: str  # the axe rule id
    inside: str  # a CSS selector of the widget; nodes outside it still fail
    reason: str


_axe = Axe()


def axe_violations(page, impacts=FAILING_IMPACTS) -> list[dict]:
    """Run axe-core on the page as it is now; returns the violations of the given impacts."""
    results = _axe.run(page)
    return [v for v in results.response["violations"] if v.get("impact") in impacts]


def without_known_issues(page, violations: list[dict], known_issues=()) -> list[dict]:
    """The violations, less the nodes that a known issue tolerates."""
    remaining = []
    for violation in violations:
        scopes = [issue.inside for issue in known_issues if issue.rule == violation["id"]]
        nodes = [node for node in violation["nodes"] if not (scopes and _inside(page, node, scopes))]
        if nodes:
            remaining.append({**violation, "nodes": nodes})
    return remaining


def _inside(page, node: dict, scopes: list[str]) -> bool:
    target = node.get("target") or []
    if len(target) != 1 or not isinstance(target[0], str):  # inside a frame or shadow root: not tolerated
        return False
    return page.evaluate(
        "([selector, scopes]) => { const el = document.querySelector(selector);"
        " return !!el && scopes.some(scope => el.closest(scope)); }",
        [target[0], scopes],
    )


def format_violations(violations: list[dict], url: str) -> str:
    impacts = "/".join(sorted({v.get("impact") or "?" for v in violations}))
    lines = [f"{len(violations)} accessibility violation(s) ({impacts}) on {url}:"]
    for violation in violations:
        lines.append(f"\n* [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation["nodes"][:10]:
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"  - {target}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
            html = (node.get("html") or "").replace("\n", " ")
            if html:
                lines.append(f"      html: {html[:200]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"  ... and {len(violation['nodes']) - 10} more node(s)")
    return "\n".join(lines)


def assert_accessible(page, known_issues=()) -> None:
    violations = without_known_issues(page, axe_violations(page), known_issues)
    assert not violations, format_violations(violations, page.url)


def structure_problems(page, language: str) -> list[str]:
    """What is wrong with the page's basic structure; empty when all is well."""
    problems = []
    h1_texts = page.locator("h1").all_inner_texts()
    if len(h1_texts) != 1:
        problems.append(f"expected exactly one <h1>, found {len(h1_texts)}: {h1_texts!r}")
    elif not h1_texts[0].strip():
        problems.append("the <h1> is empty")
    if not page.title().strip():
        problems.append("the <title> is missing or empty")
    lang = page.locator("html").get_attribute("lang")
    if lang != language:
        problems.append(f'expected <html lang="{language}">, found lang={lang!r}')
    if page.locator("main").count() != 1:
        problems.append(f"expected exactly one <main>, found {page.locator('main').count()}")
    current = page.locator("header [aria-current]").count()
    if current > 1:
        problems.append(f"expected at most one current item in the header, found {current}")
    banners = page.locator(".demo-notice").count()
    if banners > 1:
        problems.append(f"expected at most one demo-data banner, found {banners}")
    unframed = page.evaluate(
        """() => [...document.querySelectorAll('main table')].filter(table => {
             const frame = table.closest('.table-wrapper');
             return !frame || frame.getAttribute('tabindex') !== '0' || frame.getAttribute('role') !== 'region'
               || !(frame.getAttribute('aria-label') || frame.getAttribute('aria-labelledby'));
           }).length"""
    )
    if unframed:
        problems.append(f"{unframed} table(s) not in a focusable, named scroll region (.table-wrapper)")
    return problems


def assert_page_ok(page, language: str, known_issues=()) -> None:
    problems = structure_problems(page, language)
    assert not problems, f"{page.url}:\n  " + "\n  ".join(problems)
    assert_accessible(page, known_issues)
