# SPDX-License-Identifier: EUPL-1.2
"""Sections that apps above the catalogue add to a building block's page.

The catalogue must not import the apps built on it, yet a block's page is where readers look for what
those apps know about the block (the suppliers' readiness and delivery dates). Those apps register a
section in ``AppConfig.ready``::

    from bouwplaats.catalogue.block_sections import BlockSection, register_block_section
    register_block_section(BlockSection("suppliers", "suppliers/_block_section.html", block_context, position=10))

``context(block, user)`` returns the template's context (a constant number of queries), or None to leave
the section out. The page includes each section's template with that context as ``section``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BlockSection:
    key: str
    template: str
    context: Callable[..., dict | None]  # (building block, user) -> the section's context, or None
    position: int = 0


_sections: dict[str, BlockSection] = {}


def register_block_section(section: BlockSection) -> None:
    _sections[section.key] = section


def unregister_block_section(key: str) -> None:
    _sections.pop(key, None)


def block_sections(block, user) -> list[tuple[str, dict]]:
    """(template, context) of every registered section that has something to show, by position."""
    shown = []
    for section in sorted(_sections.values(), key=lambda section: (section.position, section.key)):
        context = section.context(block, user)
        if context is not None:
            shown.append((section.template, context))
    return shown
