# SPDX-License-Identifier: EUPL-1.2
"""How the browser checks drive Debian's Chromium (shared by the tests and screenshot.py)."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
# A Dutch visitor's browser asks for Dutch; the English pages are reached through the language form.
LOCALE = "nl-NL"
MISSING_MESSAGE = (
    f"The browser checks drive Debian's Chromium, but {CHROMIUM} is missing. "
    "`make test` installs it (as root), or run: apt-get install -y chromium"
)


def chromium_missing() -> bool:
    return not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK))


def launch(playwright):
    """Launch headless Chromium with the options every check uses."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
