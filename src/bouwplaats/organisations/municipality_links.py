"""Links from a municipality's page to the pages of other apps about the same municipality.

The municipality page sits low in the project and must not know the apps built on it; those
register their page in ``AppConfig.ready`` (the URL takes the municipality's CBS code)::

    from bouwplaats.organisations.municipality_links import register_municipality_link
    register_municipality_link(_("Progress per building block"), "monitor:municipality-progress", position=10)
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MunicipalityLink:
    label: str  # a lazy translation, so that it follows the language of each request
    url_name: str  # takes the municipality's code as its one argument
    position: int


# Keyed by URL name: registering a page again replaces it rather than listing it twice.
_links: dict[str, MunicipalityLink] = {}


def register_municipality_link(label: str, url_name: str, *, position: int) -> None:
    _links[url_name] = MunicipalityLink(label=label, url_name=url_name, position=position)


def unregister_municipality_link(url_name: str) -> None:
    _links.pop(url_name, None)


def municipality_links(code: str) -> list[tuple[str, str]]:
    """(label, URL) of each registered page for the municipality ``code``, by position."""
    ordered = sorted(_links.values(), key=lambda link: (link.position, link.url_name))
    return [(link.label, reverse(link.url_name, args=[code])) for link in ordered]
