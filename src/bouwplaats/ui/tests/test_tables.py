# SPDX-License-Identifier: EUPL-1.2
"""Every table of the site sits in a frame that scrolls it when it does not fit: a focusable,
named region (keyboard users scroll it with the arrow keys, screen readers announce it)."""

import re
from pathlib import Path

import bouwplaats

SRC = Path(bouwplaats.__file__).parent
CSS = SRC / "ui" / "static" / "ui" / "css" / "bouwplaats.css"
WRAPPER = re.compile(r'<div class="table-wrapper"([^>]*)>\s*<table')


def _templates():
    return sorted(SRC.glob("*/templates/**/*.html")) + sorted(SRC.glob("*/*/templates/**/*.html"))


def test_every_table_is_in_a_focusable_named_scroll_region():
    problems = []
    tables = 0
    for path in _templates():
        text = path.read_text()
        count = text.count("<table")
        tables += count
        wrappers = WRAPPER.findall(text)
        if len(wrappers) != count:
            problems.append(f"{path.relative_to(SRC)}: {count} table(s), {len(wrappers)} in a table-wrapper")
        for attributes in wrappers:
            named = "aria-labelledby=" in attributes or "aria-label=" in attributes
            if 'tabindex="0"' not in attributes or 'role="region"' not in attributes or not named:
                problems.append(f'{path.relative_to(SRC)}: <div class="table-wrapper"{attributes}>')
    assert tables > 50
    assert not problems, "\n".join(problems)


def test_the_frame_scrolls_and_keeps_hidden_texts_inside():
    css = CSS.read_text()
    rule = re.search(r"\.table-wrapper \{([^}]*)\}", css).group(1)
    assert "overflow-x: auto" in rule and "max-width: 100%" in rule
    assert "position: relative" in rule  # else a visually hidden text in a cell widens the page
