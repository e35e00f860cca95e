# SPDX-License-Identifier: EUPL-1.2
"""No module imports another module's private names: what is shared is made public."""

import ast
from pathlib import Path

import bouwplaats

ROOT = Path(bouwplaats.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_module(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def private_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """``from X import _name`` in ``source`` where X is another module (``gettext as _`` is not one)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom):
            continue
        origin = _imported_module(node, module, is_package)
        if origin == module:
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                found.append(f"{module}:{node.lineno}: from {origin} import {alias.name}")
    return found


def test_no_module_imports_the_private_names_of_another():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        found += private_imports(path.read_text(), _module_name(path), is_package=path.name == "__init__.py")
    assert not found, "\n".join(found)


def test_the_check_finds_a_private_import_and_allows_the_rest():
    source = (
        "from django.utils.translation import gettext as _\n"
        "from ..views import _refresh\n"
        "from .services import record\n"
        "from bouwplaats.monitor.rules import _helper\n"
    )
    assert private_imports(source, "bouwplaats.monitor.surveys.views") == [
        "bouwplaats.monitor.surveys.views:2: from bouwplaats.monitor.views import _refresh",
        "bouwplaats.monitor.surveys.views:4: from bouwplaats.monitor.rules import _helper",
    ]
