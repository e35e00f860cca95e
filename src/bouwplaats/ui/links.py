"""Links that apps higher up register for the pages of an app lower down.

A lower app must not name the URLs of the apps built on it, yet some of its pages list theirs (the
management menus, a municipality's page). The lower app keeps a ``LinkRegistry``; the higher apps
register their pages in ``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Link:
    label: str  # a lazy translation, so that it follows the language of each request
    url_name: str
    position: int
    visible: Callable[[object], bool] | None  # visible(user) -> bool; None: for everyone


class LinkRegistry:
    def __init__(self) -> None:
        # Keyed by URL name, so that registering a page again replaces it rather than listing it twice.
        self._links: dict[str, Link] = {}

    def register(self, label: str, url_name: str, *, position: int, visible=None) -> None:
        self._links[url_name] = Link(label=label, url_name=url_name, position=position, visible=visible)

    def unregister(self, url_name: str) -> None:
        self._links.pop(url_name, None)

    def links(self, *, user=None, args=()) -> list[tuple[str, str]]:
        """(label, URL) of each link ``user`` may see, by position (ties by URL name); ``args`` go to each URL."""
        ordered = sorted(self._links.values(), key=lambda link: (link.position, link.url_name))
        return [
            (link.label, reverse(link.url_name, args=args))
            for link in ordered
            if link.visible is None or link.visible(user)
        ]
