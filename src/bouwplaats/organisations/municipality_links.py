"""Links from a municipality's page to the pages of other apps about the same municipality.

The municipality page sits low in the project and must not know the apps built on it; those
register their page in ``AppConfig.ready`` (the URL takes the municipality's CBS code)::

    from bouwplaats.organisations.municipality_links import register_municipality_link
    register_municipality_link(_("Progress per building block"), "monitor:municipality-progress", position=10)
"""

from bouwplaats.ui.links import LinkRegistry

_registry = LinkRegistry()


def register_municipality_link(label: str, url_name: str, *, position: int) -> None:
    """``url_name`` takes the municipality's code as its one argument."""
    _registry.register(label, url_name, position=position)


def unregister_municipality_link(url_name: str) -> None:
    _registry.unregister(url_name)


def municipality_links(code: str) -> list[tuple[str, str]]:
    """(label, URL) of each registered page for the municipality ``code``, by position."""
    return _registry.links(args=[code])
