# SPDX-License-Identifier: EUPL-1.2
"""What apps above the suppliers add to the suppliers' pages: sections of a supplier's page, and links on the
staff's part of the supplier list.

The suppliers must not import the apps built on them (``impact``, whose landscapes point at product
versions); those register here in their ``AppConfig.ready``::

    register_supplier_section(SupplierSection("waiting", "impact/_supplier_waiting.html", context))
    register_staff_link(_("Link the landscapes' suppliers"), "impact:supplier-links", position=10, visible=...)

``context(supplier, user)`` returns the template's context (a constant number of queries), or None to leave
the section out; the page includes the template with that context as ``section``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bouwplaats.core.links import LinkRegistry, ShownLink


@dataclass(frozen=True)
class SupplierSection:
    key: str
    template: str
    context: Callable[..., dict | None]  # (supplier, user) -> the section's context, or None
    position: int = 0


_sections: dict[str, SupplierSection] = {}
_staff_links = LinkRegistry()


def register_supplier_section(section: SupplierSection) -> None:
    _sections[section.key] = section


def unregister_supplier_section(key: str) -> None:
    _sections.pop(key, None)


def supplier_sections(supplier, user) -> list[tuple[str, dict]]:
    """(template, context) of every registered section that has something to show, by position."""
    shown = []
    for section in sorted(_sections.values(), key=lambda section: (section.position, section.key)):
        context = section.context(supplier, user)
        if context is not None:
            shown.append((section.template, context))
    return shown


def register_staff_link(label, url_name: str, *, position: int, visible: Callable[[object], bool]) -> None:
    _staff_links.register(label, url_name, position=position, visible=visible)


def staff_links(user) -> list[ShownLink]:
    """The registered links of the supplier list's staff part that ``user`` may open."""
    return _staff_links.entries(user=user)
