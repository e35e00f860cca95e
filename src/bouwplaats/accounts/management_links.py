"""Links to the management pages of the apps above accounts, for the management menus.

The staff navigation and the account page list the management pages, but accounts must not know
the apps built on it. Those register their pages in ``AppConfig.ready`` instead::

    from bouwplaats.accounts.management_links import register_management_link
    register_management_link(_("Survey rounds"), "monitor:survey-list", position=10)

The menus show the pages of accounts itself first, then the registered links by position.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .permissions import is_programme_staff


@dataclass(frozen=True)
class ManagementLink:
    label: str  # a lazy translation, so that it follows the language of each request
    url_name: str
    position: int
    visible: Callable[[object], bool]  # visible(user) -> bool


# Keyed by URL name, so that registering a page again replaces it rather than listing it twice.
_links: dict[str, ManagementLink] = {}


def register_management_link(
    label: str, url_name: str, *, position: int, visible: Callable[[object], bool] = is_programme_staff
) -> None:
    _links[url_name] = ManagementLink(label=label, url_name=url_name, position=position, visible=visible)


def unregister_management_link(url_name: str) -> None:
    _links.pop(url_name, None)


def management_links(user) -> list[tuple[str, str]]:
    """(label, URL) of each registered link that ``user`` may see, by position (ties by URL name)."""
    ordered = sorted(_links.values(), key=lambda link: (link.position, link.url_name))
    return [(link.label, reverse(link.url_name)) for link in ordered if link.visible(user)]
