# SPDX-License-Identifier: EUPL-1.2
"""What a successor programme can take over from its predecessor: the parts that apps register.

Starting a successor (``services.successor_start``) copies the parts that programme staff choose.
The catalogue must not know the apps built on it, so each app registers its own parts in
``AppConfig.ready``::

    from bouwplaats.catalogue.succession import register_part
    register_part(
        "statuses", _("Current status per municipality"), statuses_copy,
        position=40, requires=("status_levels", "building_blocks"),
    )

A part's ``copy(*, predecessor, successor, actor) -> int`` writes what it takes over into the
successor and returns how many objects it wrote. It runs inside the transaction of
``successor_start``, after the parts with a lower position, and neither checks permissions nor
records an audit entry: the successor's start is one write, checked and audited once. It must
leave the predecessor as it was. ``requires`` names the parts it builds on (the building blocks
that statuses belong to, the ladder their levels come from); the form refuses a choice without
them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Copy = Callable[..., int]


@dataclass(frozen=True)
class Part:
    key: str
    label: str  # a lazy translation, shown on the successor form
    copy: Copy
    position: int
    requires: tuple[str, ...] = ()
    help_text: str = ""  # a lazy translation: what is taken over, and how


_parts: dict[str, Part] = {}


def register_part(
    key: str,
    label: str,
    copy: Copy,
    *,
    position: int,
    requires: tuple[str, ...] = (),
    help_text: str = "",
) -> None:
    """Register (or replace) the part ``key``; parts are copied and listed by position."""
    _parts[key] = Part(key=key, label=label, copy=copy, position=position, requires=requires, help_text=help_text)


def unregister_part(key: str) -> None:
    _parts.pop(key, None)


def parts() -> list[Part]:
    """The registered parts in the order they are copied (by position, ties by key)."""
    return sorted(_parts.values(), key=lambda part: (part.position, part.key))


def part_keys() -> list[str]:
    return [part.key for part in parts()]


def get_part(key: str) -> Part | None:
    return _parts.get(key)
