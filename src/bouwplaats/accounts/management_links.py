# SPDX-License-Identifier: EUPL-1.2
"""Links to the management pages of the apps above accounts, for the management menus.

The staff navigation and the account page list the management pages, but accounts must not know
the apps built on it. Those register their pages in ``AppConfig.ready`` instead::

    from bouwplaats.accounts.management_links import register_management_link
    register_management_link(_("Survey rounds"), "monitor:survey-list", position=10)

The menus show the pages of accounts itself first, then the registered links by position.
"""

from collections.abc import Callable

from bouwplaats.core.links import LinkRegistry

from .permissions import is_programme_staff

_registry = LinkRegistry()


def register_management_link(
    label: str, url_name: str, *, position: int, visible: Callable[[object], bool] = is_programme_staff
) -> None:
    _registry.register(label, url_name, position=position, visible=visible)


def unregister_management_link(url_name: str) -> None:
    _registry.unregister(url_name)


def management_links(user) -> list[tuple[str, str]]:
    """(label, URL) of each registered link that ``user`` may see, by position (ties by URL name)."""
    return _registry.links(user=user)
