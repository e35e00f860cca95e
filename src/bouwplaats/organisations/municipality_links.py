# SPDX-License-Identifier: EUPL-1.2
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

Where the number of links depends on the data (the municipality's progress in each programme of a
line of successors), an app registers a function that gives them, each one a page the visitor may
open::

    register_municipality_link_group("monitor.earlier-programmes", progress_in_other_programmes, position=15)
"""

from collections.abc import Callable

from bouwplaats.core.links import LinkRegistry, ShownLink

_registry = LinkRegistry()
_groups: dict[str, tuple[int, Callable[[object, str], list[ShownLink]]]] = {}


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


def register_municipality_link_group(
    key: str, links: Callable[[object, str], list[ShownLink]], *, position: int
) -> None:
    """``links(user, code)`` gives the pages about the municipality ``code`` that ``user`` may open."""
    _groups[key] = (position, links)


def unregister_municipality_link_group(key: str) -> None:
    _groups.pop(key, None)


def municipality_links(code: str, *, user=None) -> list[ShownLink]:
    """The registered pages about the municipality ``code`` that ``user`` may open (or what is shown
    instead), by position; a group's links keep their own order."""
    single = [
        ((position, 0, index), entry)
        for index, (position, entry) in enumerate(_registry.positioned_entries(user=user, args=[code]))
    ]
    grouped = [
        ((position, 1, key, index), entry)
        for key, (position, links) in sorted(_groups.items())
        for index, entry in enumerate(links(user, code))
    ]
    return [entry for _order, entry in sorted(single + grouped, key=lambda item: item[0])]
