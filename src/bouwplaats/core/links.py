# SPDX-License-Identifier: EUPL-1.2
"""Links that apps higher up register for the pages of an app lower down.

A lower app must not name the URLs of the apps built on it, yet some of its pages list theirs (the
management menus, a municipality's page). The lower app keeps a ``LinkRegistry``; the higher apps
register their pages in ``AppConfig.ready``.

A link is shown only to whom may open its page: ``visible(user, *args)`` must be the same permission
function that the page's view asks (so that no visitor is led to a 403). Where a visitor may not open
the page, ``instead(user, *args)`` may offer what they may see, with a note that says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.urls import reverse


def absolute(base_url: str, path: str) -> str:
    """``path`` on the site at ``base_url`` (for e-mails), or ``path`` itself without one."""
    return f"{base_url.rstrip('/')}{path}" if base_url else path


class ShownLink(NamedTuple):
    label: str
    url: str
    note: str = ""  # a sentence shown next to the link, e.g. why a page is not linked


@dataclass(frozen=True)
class Link:
    label: str  # a lazy translation, so that it follows the language of each request
    url_name: str
    position: int
    visible: Callable[..., bool] | None  # visible(user, *args) -> bool; None: for everyone
    instead: Callable[..., ShownLink | None] | None = None  # instead(user, *args), when not visible


class LinkRegistry:
    def __init__(self) -> None:
        # Keyed by URL name, so that registering a page again replaces it rather than listing it twice.
        self._links: dict[str, Link] = {}

    def register(self, label: str, url_name: str, *, position: int, visible=None, instead=None) -> None:
        self._links[url_name] = Link(
            label=label, url_name=url_name, position=position, visible=visible, instead=instead
        )

    def unregister(self, url_name: str) -> None:
        self._links.pop(url_name, None)

    def entries(self, *, user=None, args=()) -> list[ShownLink]:
        """What ``user`` is shown, by position (ties by URL name): each link they may open, and for the
        others what their ``instead`` offers; ``args`` go to each URL and to the permission functions."""
        return [entry for _position, entry in self.positioned_entries(user=user, args=args)]

    def positioned_entries(self, *, user=None, args=()) -> list[tuple[int, ShownLink]]:
        """``entries`` with the position of each, for a menu that merges them with links of its own."""
        shown = []
        for link in sorted(self._links.values(), key=lambda link: (link.position, link.url_name)):
            if link.visible is None or link.visible(user, *args):
                shown.append((link.position, ShownLink(link.label, reverse(link.url_name, args=args))))
            elif link.instead is not None:
                alternative = link.instead(user, *args)
                if alternative is not None:
                    shown.append((link.position, alternative))
        return shown

    def links(self, *, user=None, args=()) -> list[tuple[str, str]]:
        """(label, URL) of each link ``user`` may open (and of what is offered instead), by position."""
        return [(entry.label, entry.url) for entry in self.entries(user=user, args=args)]
