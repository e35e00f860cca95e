# SPDX-License-Identifier: EUPL-1.2
"""Where a user lands after logging in, when the login link names no ``next`` page.

Accounts must not know the apps built on it, yet the best first page of a coordinator or of
programme staff belongs to one of them. Those apps register a function in ``AppConfig.ready``::

    from bouwplaats.accounts.landing import register_landing
    register_landing(landing_url, position=10)

``landing_url(user)`` returns a URL, or None to leave the choice to the next function; the first
URL by position wins. Without one the user lands on the account page (``LOGIN_REDIRECT_URL``).
"""

from collections.abc import Callable

_landings: dict[str, tuple[int, Callable[[object], str | None]]] = {}


def register_landing(landing: Callable[[object], str | None], *, position: int) -> None:
    _landings[f"{landing.__module__}.{landing.__qualname__}"] = (position, landing)


def unregister_landing(landing: Callable[[object], str | None]) -> None:
    _landings.pop(f"{landing.__module__}.{landing.__qualname__}", None)


def landing_url(user) -> str | None:
    """The first URL a registered function gives for ``user``, by position; None when none does."""
    for _position, landing in sorted(_landings.values(), key=lambda item: item[0]):
        url = landing(user)
        if url:
            return url
    return None
