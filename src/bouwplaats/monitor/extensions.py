# SPDX-License-Identifier: EUPL-1.2
"""Columns that apps above the monitor add to a municipality's progress table, sections they add to
the programme overview, reasons they add to the deadline risk, filters of the municipalities on the
monitor's pages and API, and verdicts on a reported blocker.

The monitor must not import the apps built on it; they register a column or a section in their
``AppConfig.ready`` instead (the knowledge centre shows each block's guide progress this way, the
suppliers their overdue delivery dates, the landscapes who waits on a supplier that is not ready).
"""

from collections.abc import Callable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""


@dataclass(frozen=True)
class ProgressColumn:
    key: str
    label: str  # a lazy translation
    # (municipality, building blocks) -> {building block id: Cell}; a constant number of queries.
    cells: Callable[..., dict[int, Cell]]
    # (user, municipality) -> whether the cells' links lead the user to their page: the permission
    # function of that page, so that no one is shown a link to a 403. None: everyone may follow them.
    links_visible: Callable[[object, object], bool] | None = None
    # The audit object types (model labels) of what the cells show: writes about them renew the cached
    # table (``monitor.versions``). None: unknown, so every write does.
    object_types: tuple[str, ...] | None = None

    def may_follow(self, user, municipality) -> bool:
        return self.links_visible is None or bool(self.links_visible(user, municipality))


_columns: dict[str, ProgressColumn] = {}


def register_progress_column(column: ProgressColumn) -> None:
    _columns[column.key] = column


def linked_columns(user, municipality) -> tuple[str, ...]:
    """The keys of the columns whose links ``user`` may follow for ``municipality``."""
    return tuple(key for key, column in _columns.items() if column.may_follow(user, municipality))


def column_object_types() -> tuple[str, ...] | None:
    """The object types the registered columns show; None when a column does not say."""
    types: list[str] = []
    for column in _columns.values():
        if column.object_types is None:
            return None
        types.extend(column.object_types)
    return tuple(types)


def progress_columns(
    municipality, building_blocks, *, linked: tuple[str, ...] | None = None
) -> list[tuple[ProgressColumn, dict[int, Cell]]]:
    """Every registered column with its cells for these blocks; the cells of the columns not in ``linked``
    (``linked_columns``) lose their links (None: all keep them)."""
    result = []
    for column in _columns.values():
        cells = column.cells(municipality, building_blocks)
        if linked is not None and column.key not in linked:
            cells = {block_id: replace(cell, url="") for block_id, cell in cells.items()}
        result.append((column, cells))
    return result


@dataclass(frozen=True)
class OverviewSection:
    """A section of the programme overview (/voortgang/), after the monitor's own figures."""

    key: str
    template: str
    # (programme, today) -> the template's context, or None to leave the section out; a constant number of queries.
    context: Callable[..., dict | None]
    # The audit object types (model labels) of what the section shows: writes about them renew the overview.
    object_types: tuple[str, ...]
    position: int = 0


_sections: dict[str, OverviewSection] = {}


def register_overview_section(section: OverviewSection) -> None:
    _sections[section.key] = section


def unregister_overview_section(key: str) -> None:
    _sections.pop(key, None)


def overview_sections() -> list[OverviewSection]:
    return sorted(_sections.values(), key=lambda section: (section.position, section.key))


def overview_object_types() -> tuple[str, ...]:
    """The object types that the registered overview sections show."""
    return tuple(dict.fromkeys(kind for section in _sections.values() for kind in section.object_types))


@dataclass(frozen=True)
class RiskReasonSource:
    """Reasons that an app above the monitor adds to the deadline risk of a municipality × block (the
    landscapes: the municipality's supplier is not ready by the deadline). They explain a risk; they do not
    change it."""

    key: str
    # (municipality ids, building blocks) -> {(municipality id, block id): [reason]}; a reason has a ``code``
    # and a ``text`` written in the active language when shown; a constant number of queries.
    reasons: Callable[..., dict[tuple[int, int], list]]
    # The audit object types (model labels) of what the reasons read: writes about them renew the cached pages.
    object_types: tuple[str, ...]


_risk_reasons: dict[str, RiskReasonSource] = {}


def register_risk_reasons(source: RiskReasonSource) -> None:
    _risk_reasons[source.key] = source


def unregister_risk_reasons(key: str) -> None:
    _risk_reasons.pop(key, None)


def risk_reasons(municipality_ids, building_blocks) -> dict[tuple[int, int], list]:
    """The registered reasons of these municipalities and blocks, all sources together."""
    result: dict[tuple[int, int], list] = {}
    for source in _risk_reasons.values():
        for key, reasons in source.reasons(municipality_ids, building_blocks).items():
            result.setdefault(key, []).extend(reasons)
    return result


@dataclass(frozen=True)
class MunicipalityFilter:
    """A filter that an app above the monitor adds to the monitor's pages and API, e.g. "the municipalities
    that use supplier X's products" (on pages about every block) or "whose supplier X is not ready" (on a
    block's page and the list of municipalities at risk); shown to whom ``visible(user)`` allows.

    Where it applies: the programme overview and the blockers overview (``overall_ids``), a building block's
    page and the deadline-risk pages (``municipality_ids``), the API's statuses and statistics under
    ``api_name`` (``overall_ids``; ``registered_filter_ids``)."""

    key: str  # the GET parameter of the pages
    label: str  # a lazy translation
    choices: Callable[[], list[tuple[str, str]]]  # () -> [(value, label)]; one query
    # (value, building blocks) -> the ids of the municipalities the filter keeps for these blocks; a constant
    # number of queries.
    municipality_ids: Callable[..., set[int]]
    visible: Callable[[object], bool]
    object_types: tuple[str, ...] = ()
    # (value) -> the ids of the municipalities the filter keeps on pages about every block; one query. None:
    # those pages do not offer the filter.
    overall_ids: Callable[[str], set[int]] | None = None
    overall_label: str = ""  # a lazy translation: the label where ``overall_ids`` applies ("" the label)
    api_name: str = ""  # the query parameter of the API that the monitor declares for it ("" none)
    refusal: str = ""  # a lazy translation: why the API refuses the parameter to whom ``visible`` does not allow


_filters: dict[str, MunicipalityFilter] = {}


def register_municipality_filter(municipality_filter: MunicipalityFilter) -> None:
    _filters[municipality_filter.key] = municipality_filter


def unregister_municipality_filter(key: str) -> None:
    _filters.pop(key, None)


def municipality_filters(user, *, overall: bool = False) -> list[MunicipalityFilter]:
    """The filters ``user`` may use; ``overall``: those that pages about every block offer."""
    return [item for item in _filters.values() if item.visible(user) and (not overall or item.overall_ids)]


def api_municipality_filter(api_name: str) -> MunicipalityFilter | None:
    """The registered filter behind the API's query parameter ``api_name``, if any."""
    return next((item for item in _filters.values() if api_name and item.api_name == api_name), None)


def filter_object_types(filters) -> tuple[str, ...]:
    """The object types that ``filters`` read."""
    return tuple(dict.fromkeys(kind for item in filters for kind in item.object_types))


def selected_municipality_ids(filters, values: dict, blocks=None) -> set[int] | None:
    """The municipalities that the chosen ``filters`` keep together (``values``: GET parameter -> value; an
    empty value chooses nothing): with ``blocks``, those of the blocks (``municipality_ids``), otherwise those
    of every block (``overall_ids``). None when no filter is chosen."""
    kept = None
    for item in filters:
        value = values.get(item.key)
        if not value:
            continue
        ids = item.municipality_ids(value, blocks) if blocks is not None else item.overall_ids(value)
        kept = ids if kept is None else kept & ids
    return kept


def municipality_filters_named(keys: list[str]) -> list[MunicipalityFilter]:
    """The filters with these keys (those ``municipality_filters`` gave a viewer), in their usual order."""
    return [item for item in _filters.values() if item.key in keys]


def insight_object_types() -> tuple[str, ...]:
    """The object types the registered risk reasons and municipality filters read."""
    types = [kind for source in _risk_reasons.values() for kind in source.object_types]
    types += [kind for item in _filters.values() for kind in item.object_types]
    return tuple(dict.fromkeys(types))


@dataclass(frozen=True)
class BlockerVerdictSource:
    """Facts of an app above the monitor that bear out or question a reported blocker: the landscapes confirm a
    reported "supplier not ready" when a product version the municipality runs is not ready by the deadline,
    and question it when every one that concerns the block is in time. Shown with the blocker on a
    municipality's block history, on a block's page and, counted, on the blockers overview."""

    key: str
    blocker: str  # the code of the blocker category it weighs (``constants.BLOCKERS``)
    # (municipality ids, building blocks) -> {(municipality id, block id): True (confirmed) or False
    # (questioned)}; pairs it knows nothing of are left out; a constant number of queries.
    verdicts: Callable[..., dict[tuple[int, int], bool]]
    template: str  # shows one verdict, given as ``verdict`` (True or False)
    object_types: tuple[str, ...]
    confirmed_label: str = ""  # lazy translations: the blockers overview's column headings
    questioned_label: str = ""
    explanation: str = ""  # a lazy translation: what the verdict weighs, under the blockers overview's table


_verdict_sources: dict[str, BlockerVerdictSource] = {}


def register_blocker_verdicts(source: BlockerVerdictSource) -> None:
    _verdict_sources[source.key] = source


def unregister_blocker_verdicts(key: str) -> None:
    _verdict_sources.pop(key, None)


def blocker_verdict_sources() -> list[BlockerVerdictSource]:
    return list(_verdict_sources.values())


def verdict_object_types() -> tuple[str, ...]:
    """The object types the registered verdicts read."""
    return tuple(dict.fromkeys(kind for source in _verdict_sources.values() for kind in source.object_types))
