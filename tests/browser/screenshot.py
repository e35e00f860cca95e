# SPDX-License-Identifier: EUPL-1.2
"""Save a screenshot of the home page to docs/screenshot.png (1280×900).

Run from the repository root:  .venv/bin/python tests/browser/screenshot.py [--output PATH] [--path /]
It starts the site the same way as the browser tests (see server.py) and stops it afterwards.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.browser.chromium import LOCALE, MISSING_MESSAGE, VIEWPORT, chromium_missing, launch  # noqa: E402
from tests.browser.server import SiteError, running_site  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "docs" / "screenshot.png")
    parser.add_argument("--path", default="/", help="the page to capture (default: the home page)")
    args = parser.parse_args(argv)

    if chromium_missing():
        print(MISSING_MESSAGE, file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    try:
        with running_site() as site, sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                page = browser.new_page(viewport=VIEWPORT, locale=LOCALE)
                page.goto(site.url + args.path, wait_until="networkidle")
                args.output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.output))
            finally:
                browser.close()
    except SiteError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Saved {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
