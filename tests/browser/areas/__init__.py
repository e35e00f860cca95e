# SPDX-License-Identifier: EUPL-1.2
"""Page lists per part of the site; each module defines ``PAGES``, a list of ``PageSpec``."""

import importlib
import pkgutil


def area_pages() -> list:
    pages = []
    for module in pkgutil.iter_modules(__path__):
        pages.extend(importlib.import_module(f"{__name__}.{module.name}").PAGES)
    return pages
