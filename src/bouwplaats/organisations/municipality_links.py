"""Links from a municipality's page to the pages of other apps about the same municipality.

The municipality page sits low in the project and must not know the apps built on it; those
register their page in ``AppConfig.ready`` (the URL takes the municipality's CBS code)::

    from bouwplaats.organisations.municipality_links import register_municipality_link
    register_municipality_link(
        _("Progress per building block"), "monitor:municipality-progress", position=10,
        visible=may_open_progress, instead=aggregated_progress,
    )

``visible(user, code)`` is the permission function of the linked page; ``instead(user, code)`` may
return a ``ShownLink`` to show when the visitor may not open it.
"""

from collections.abc import Callable

from bouwplaats.core.links import LinkRegistry, ShownLink

_registry = LinkRegistry()


def register_municipality_link(
    label: str,
    url_name: str,
    *,
    position: int,
    visible: Callable[[object, str], bool] | None = None,
    instead: Callable[[object, str], ShownLink | None] | None = None,
) -> None:
    """``url_name`` takes the municipality's code as its one argument."""
    _registry.register(label, url_name, position=position, visible=visible, instead=instead)


def unregister_municipality_link(url_name: str) -> None:
    _registry.unregister(url_name)


def municipality_links(code: str, *, user=None) -> list[ShownLink]:
    """The registered pages about the municipality ``code`` that ``user`` may open (or what is shown
    instead), by position."""
    return _registry.entries(user=user, args=[code])
