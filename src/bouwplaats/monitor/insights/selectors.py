# SPDX-License-Identifier: EUPL-1.2
"""Reads of the insight pages: a building block's dashboard, the blockers overview, the deadline
risk and the peer comparison on a municipality's page.

Every read covers the municipalities of the programme's division (``Programme.reference_date``),
narrowed by province and size class (the population of the reference year). "Now" comes from
``CurrentStatus``, a past date from one as-of query (an index seek per pair), trends and paces
from ``MonthlyStatus``: the number of queries is constant and no read walks the whole history.
A pair without any report counts as "nothing reported"; where a level is needed (medians, paces)
it counts as the lowest level.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from bouwplaats.catalogue.models import BuildingBlock, Programme, ResultAgreement, StatusLevel
from bouwplaats.organisations.constants import size_class_for
from bouwplaats.organisations.models import Municipality
from bouwplaats.organisations.selectors import filter_municipalities, with_population

from ..constants import BLOCKER_BY_CODE, BLOCKERS, blocker_labels
from ..dashboards.selectors import division
from ..extensions import blocker_verdict_sources, risk_reasons
from ..models import CurrentStatus, MonthlyStatus
from ..monthly import first_of_month, next_month, programme_months
from ..selectors import events_as_of, programme_levels
from ..verdicts import blocker_verdicts
from . import forecast as rules

__all__ = [
    "BlockOverview",
    "block_overview",
    "blocker_overview",
    "deadline_risk",
    "peer_comparison",
    "programme_levels",
    "scope_municipalities",
]


def months_before(month: datetime.date, count: int) -> datetime.date:
    year, index = divmod(month.year * 12 + month.month - 1 - count, 12)
    return datetime.date(year, index + 1, 1)


def scope_municipalities(
    programme: Programme,
    *,
    province: str = "",
    size_class: int | None = None,
    municipality_ids: Collection[int] | None = None,
) -> QuerySet[Municipality]:
    """The municipalities of the programme's division, narrowed down (``municipality_ids``: a registered
    filter, ``extensions.MunicipalityFilter``), by name."""
    return division(
        programme=programme, province=province, size_class=size_class, municipality_ids=municipality_ids
    ).order_by("name", "code")


def _is_now(on: datetime.date | None) -> bool:
    return on is None or on >= timezone.localdate()


def _states(pairs: QuerySet[CurrentStatus], *, on: datetime.date | None):
    """``municipality_id, building_block_id, level_id, blockers, planned_date, since, is_demo`` of
    each pair: now, or as of ``on`` (pairs without an event by then are left out)."""
    if _is_now(on):
        return pairs.values_list(
            "municipality_id",
            "building_block_id",
            "level_id",
            "blockers",
            "planned_date",
            "last_event__valid_from",
            "is_demo",
        )
    return (
        events_as_of(pairs, on=on)
        .order_by()
        .values_list(
            "municipality_id", "building_block_id", "level_id", "blockers", "planned_date", "valid_from", "is_demo"
        )
    )


# --- a building block's dashboard --------------------------------------------------------------


@dataclass
class BlockRow:
    municipality: Municipality
    level: StatusLevel | None  # None: nothing reported
    blockers: int = 0
    planned_date: datetime.date | None = None
    since: datetime.date | None = None
    is_demo: bool = False

    @property
    def blocker_labels(self) -> list[str]:
        return blocker_labels(self.blockers)

    @property
    def size_class(self):
        return self.municipality.size_class


@dataclass
class LevelGroup:
    level: StatusLevel | None  # None: nothing reported
    rows: list[BlockRow]

    @property
    def count(self) -> int:
        return len(self.rows)


@dataclass
class TrendPoint:
    month: datetime.date
    counts: list[int]  # per level, in ladder order
    total: int

    @property
    def shares(self) -> list[float]:
        return [100 * count / self.total if self.total else 0.0 for count in self.counts]

    @property
    def unreported_share(self) -> float:
        return 100 * (self.total - sum(self.counts)) / self.total if self.total else 0.0


@dataclass
class BlockOverview:
    programme: Programme
    building_block: BuildingBlock
    levels: list[StatusLevel]
    rows: list[BlockRow]
    on: datetime.date | None
    trend: list[TrendPoint] = field(default_factory=list)

    @property
    def groups(self) -> list[LevelGroup]:
        """The rows by level: nothing reported first, then the ladder from the lowest level."""
        by_level: dict[int | None, list[BlockRow]] = defaultdict(list)
        for row in self.rows:
            by_level[row.level.pk if row.level else None].append(row)
        groups = [LevelGroup(level=None, rows=by_level[None])] if by_level[None] else []
        return groups + [LevelGroup(level=level, rows=by_level[level.pk]) for level in self.levels]

    @property
    def unreported(self) -> int:
        return sum(1 for row in self.rows if row.level is None)

    @property
    def has_demo(self) -> bool:
        return any(row.is_demo for row in self.rows)

    def level_index(self) -> dict[str, int]:
        """CBS code → index of the level in the ladder (reported municipalities only)."""
        index = {level.pk: i for i, level in enumerate(self.levels)}
        return {row.municipality.code: index[row.level.pk] for row in self.rows if row.level is not None}

    def province_medians(self) -> dict[str, int]:
        """CBS code → index of the median level of its province (nothing reported as the lowest)."""
        index = {level.pk: i for i, level in enumerate(self.levels)}
        by_province: dict[int, list[int]] = defaultdict(list)
        for row in self.rows:
            by_province[row.municipality.province_id].append(index[row.level.pk] if row.level else 0)
        medians = {province: statistics.median_low(values) for province, values in by_province.items()}
        return {row.municipality.code: medians[row.municipality.province_id] for row in self.rows}

    def province_median_descriptions(self) -> dict[str, str]:
        """CBS code → "median level in <province>: <level>", for the titles of the aggregated map."""
        medians = self.province_medians()
        text = gettext("median level in %(province)s: %(level)s")
        return {
            row.municipality.code: text
            % {"province": row.municipality.province.name, "level": self.levels[medians[row.municipality.code]].name}
            for row in self.rows
        }

    def province_summary(self) -> list[dict]:
        """Per province: the number of municipalities, the median level and the count per level."""
        index = {level.pk: i for i, level in enumerate(self.levels)}
        by_province: dict[int, list[BlockRow]] = defaultdict(list)
        for row in self.rows:
            by_province[row.municipality.province_id].append(row)
        summary = []
        for rows in sorted(by_province.values(), key=lambda rows: rows[0].municipality.province.name):
            positions = [index[row.level.pk] if row.level else 0 for row in rows]
            counts = Counter(index[row.level.pk] for row in rows if row.level)
            summary.append(
                {
                    "province": rows[0].municipality.province,
                    "total": len(rows),
                    "median": self.levels[statistics.median_low(positions)] if self.levels else None,
                    "counts": [counts.get(i, 0) for i in range(len(self.levels))],
                    "unreported": sum(1 for row in rows if row.level is None),
                }
            )
        return summary

    def level_counts(self) -> list[int]:
        counts = Counter(row.level.pk for row in self.rows if row.level)
        return [counts.get(level.pk, 0) for level in self.levels]


def block_overview(
    *,
    programme: Programme,
    building_block: BuildingBlock,
    on: datetime.date | None = None,
    province: str = "",
    size_class: int | None = None,
    with_trend: bool = True,
    municipality_ids: Collection[int] | None = None,
) -> BlockOverview:
    """The level of every municipality in scope for one block (now or as of ``on``), and its trend.

    Four queries: the ladder, the municipalities, their states, the monthly counts.
    """
    levels = programme_levels(programme)
    by_level = {level.pk: level for level in levels}
    municipalities = list(
        scope_municipalities(programme, province=province, size_class=size_class, municipality_ids=municipality_ids)
    )
    ids = [municipality.pk for municipality in municipalities]
    pairs = CurrentStatus.objects.filter(building_block=building_block, municipality_id__in=ids)
    states = {state[0]: state for state in _states(pairs, on=on)}
    rows = []
    for municipality in municipalities:
        state = states.get(municipality.pk)
        if state is None:
            rows.append(BlockRow(municipality=municipality, level=None))
            continue
        _m, _b, level_id, blockers, planned_date, since, is_demo = state
        rows.append(
            BlockRow(
                municipality=municipality,
                level=by_level.get(level_id),
                blockers=blockers,
                planned_date=planned_date,
                since=since,
                is_demo=is_demo,
            )
        )
    overview = BlockOverview(
        programme=programme, building_block=building_block, levels=levels, rows=rows, on=None if _is_now(on) else on
    )
    if with_trend:
        overview.trend = block_trend(
            programme=programme, building_block=building_block, municipality_ids=ids, levels=levels
        )
    return overview


def block_trend(
    *, programme: Programme, building_block: BuildingBlock, municipality_ids: list[int], levels: list[StatusLevel]
) -> list[TrendPoint]:
    """Per month of the programme (up to this month): how many of the municipalities were at each level
    (rows counted, not ids: PostgreSQL reads them from the ``monthly_trend`` index alone)."""
    today = timezone.localdate()
    months = [month for month in programme_months(programme, today=today) if month <= first_of_month(today)]
    position = {level.pk: i for i, level in enumerate(levels)}
    counts: dict[datetime.date, list[int]] = {month: [0] * len(levels) for month in months}
    rows = (
        MonthlyStatus.objects.filter(building_block=building_block, municipality_id__in=municipality_ids)
        .values_list("month", "level_id")
        .annotate(count=Count("*"))
        .order_by()
    )
    for month, level_id, count in rows:
        if month in counts and level_id in position:
            counts[month][position[level_id]] += count
    total = len(municipality_ids)
    return [TrendPoint(month=month, counts=counts[month], total=total) for month in months]


# --- blockers overview -------------------------------------------------------------------------


@dataclass
class BlockerRow:
    building_block: BuildingBlock
    reported: int = 0  # municipalities with a status for the block
    blocked: int = 0  # of which with at least one blocker
    counts: list[int] = field(default_factory=list)  # per category of BLOCKERS
    # per registered verdict source (``BlockerOverview.verdict_sources``): how many of the municipalities that
    # report its blocker it confirms and how many it questions
    verdict_counts: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class BlockerOverview:
    programme: Programme
    municipalities: int
    rows: list[BlockerRow]
    has_demo: bool = False
    verdict_sources: list = field(default_factory=list)  # ``extensions.BlockerVerdictSource``

    @property
    def categories(self):
        return BLOCKERS

    @property
    def totals(self) -> list[int]:
        return [sum(row.counts[i] for row in self.rows) for i in range(len(BLOCKERS))]


def blocker_overview(
    *,
    programme: Programme,
    province: str = "",
    size_class: int | None = None,
    municipality_ids: Collection[int] | None = None,
) -> BlockerOverview:
    """Per building block: how many municipalities in scope each blocker category holds back (now).

    One grouped query counts the bits of the blocker mask in the database (``blockers & bit``);
    with the blocks and the number of municipalities, three queries in all; then those of the verdicts on the
    reported blockers (``verdicts``, when a source is registered).
    """
    scope = scope_municipalities(programme, province=province, size_class=size_class, municipality_ids=municipality_ids)
    blocks = list(BuildingBlock.objects.filter(programme=programme).order_by("cluster", "name"))
    bits = {f"bit_{blocker.code}": F("blockers").bitand(blocker.bit) for blocker in BLOCKERS}
    aggregates = {f"n_{blocker.code}": Count("pk", filter=Q(**{f"bit_{blocker.code}__gt": 0})) for blocker in BLOCKERS}
    grouped = (
        CurrentStatus.objects.filter(building_block__programme=programme, municipality_id__in=scope.values("pk"))
        .alias(**bits)
        .values("building_block_id")
        .annotate(
            reported=Count("pk"),
            blocked=Count("pk", filter=Q(blockers__gt=0)),
            demo=Count("pk", filter=Q(is_demo=True)),
            **aggregates,
        )
        .order_by()
    )
    by_block = {row["building_block_id"]: row for row in grouped}
    rows, has_demo = [], False
    for block in blocks:
        data = by_block.get(block.pk)
        if data is None:
            rows.append(BlockerRow(building_block=block, counts=[0] * len(BLOCKERS)))
            continue
        has_demo = has_demo or data["demo"] > 0
        rows.append(
            BlockerRow(
                building_block=block,
                reported=data["reported"],
                blocked=data["blocked"],
                counts=[data[f"n_{blocker.code}"] for blocker in BLOCKERS],
            )
        )
    overview = BlockerOverview(programme=programme, municipalities=scope.count(), rows=rows, has_demo=has_demo)
    _count_verdicts(overview, programme, scope, blocks)
    return overview


def _count_verdicts(overview: BlockerOverview, programme: Programme, scope, blocks) -> None:
    """Per block and verdict source, how many reports of its blocker it confirms and questions (``verdicts``):
    one query for the pairs that report a weighed blocker, and those of the sources."""
    sources = blocker_verdict_sources()
    overview.verdict_sources = sources
    if not sources:
        return
    weighed = 0
    for source in sources:
        weighed |= BLOCKER_BY_CODE[source.blocker].bit
    reported = {
        (municipality_id, block_id): mask
        for municipality_id, block_id, mask in CurrentStatus.objects.filter(
            building_block__programme=programme, municipality_id__in=scope.values("pk")
        )
        .alias(weighed=F("blockers").bitand(weighed))
        .filter(weighed__gt=0)
        .values_list("municipality_id", "building_block_id", "blockers")
    }
    counts: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for (_municipality_id, block_id), verdicts in blocker_verdicts(reported, blocks).items():
        for verdict in verdicts:
            counts[(block_id, verdict.source.key)][0 if verdict.confirmed else 1] += 1
    for row in overview.rows:
        row.verdict_counts = [tuple(counts[(row.building_block.pk, source.key)]) for source in sources]


# --- deadline risk -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What a block must reach by when: from a result agreement, or the block's own deadline."""

    building_block: BuildingBlock
    deadline: datetime.date
    required_level: StatusLevel
    agreement: ResultAgreement | None = None


@dataclass
class RiskRow:
    municipality: Municipality
    target: Target
    level: StatusLevel | None  # None: nothing reported
    forecast: rules.Forecast
    planned_date: datetime.date | None = None
    is_demo: bool = False

    @property
    def building_block(self) -> BuildingBlock:
        return self.target.building_block

    @property
    def risk(self) -> rules.Risk:
        return self.forecast.risk

    def sort_key(self):
        expected = self.forecast.expected or datetime.date.max
        return (
            -self.risk,
            -(self.forecast.required - self.forecast.position),
            self.target.deadline,
            -expected.toordinal(),
            self.municipality.name,
            self.building_block.name,
        )


@dataclass
class RiskCount:
    building_block: BuildingBlock
    counts: dict[rules.Risk, int]

    def count(self, risk: rules.Risk) -> int:
        return self.counts.get(risk, 0)

    @property
    def at_risk(self) -> int:
        return sum(self.counts.values())

    @property
    def values(self) -> list[int]:
        """The counts in the order of ``forecast.LISTED_RISKS``."""
        return [self.count(risk) for risk in rules.LISTED_RISKS]


@dataclass
class DeadlineRisk:
    programme: Programme
    on: datetime.date
    municipalities: int
    targets: list[Target]
    rows: list[RiskRow]  # listed rows (some risk), sorted by risk
    uses_agreements: bool
    has_demo: bool = False

    def counts(self) -> list[RiskCount]:
        """Per block, the number of municipalities by their highest risk on any of its targets."""
        worst: dict[tuple[int, int], rules.Risk] = {}
        for row in self.rows:
            key = (row.building_block.pk, row.municipality.pk)
            worst[key] = max(worst.get(key, rules.Risk.NONE), row.risk)
        per_block: dict[int, Counter] = defaultdict(Counter)
        for (block_id, _municipality), risk in worst.items():
            per_block[block_id][risk] += 1
        blocks = {target.building_block.pk: target.building_block for target in self.targets}
        return [
            RiskCount(building_block=block, counts=dict(per_block.get(block.pk, {})))
            for block in sorted(blocks.values(), key=lambda block: (block.cluster, block.name))
        ]


def default_risk_date(programme: Programme) -> datetime.date:
    """Today, or the programme's last day when it has ended."""
    today = timezone.localdate()
    if programme.end_date and programme.end_date <= today:
        return programme.end_date - datetime.timedelta(days=1)
    return today


def targets_for(programme: Programme, levels: list[StatusLevel], blocks: list[BuildingBlock]) -> list[Target]:
    """Each block's result agreements; a block without one is due at the top level by its deadline.

    An agreement whose deadline is not known is due by the block's deadline; without either, it sets no target.
    """
    top = levels[-1] if levels else None
    targets = []
    for block in blocks:
        agreements = list(block.result_agreements.all())
        if agreements:
            targets.extend(
                Target(block, agreement.deadline or block.deadline, agreement.required_level, agreement)
                for agreement in agreements
                if agreement.deadline or block.deadline
            )
        elif block.deadline and top is not None:
            targets.append(Target(block, block.deadline, top))
    return targets


def deadline_risk(
    *,
    programme: Programme,
    on: datetime.date | None = None,
    province: str = "",
    size_class: int | None = None,
    building_block: BuildingBlock | None = None,
    risks: list[rules.Risk] | None = None,
    municipality: Municipality | None = None,
    municipality_ids: Collection[int] | None = None,
) -> DeadlineRisk:
    """The forecast for every municipality in scope × target not yet reached on ``on``; with
    ``municipality``, for that one only (when it is in scope).

    Six queries: the ladder, the blocks with their agreements (two), the municipalities, the
    states on ``on``, and the monthly level a year earlier with the month since which it held
    (index seeks per pair, bounded by the number of months); and those of the registered reasons
    (``extensions.RiskReasonSource``) when a row is at risk. ``municipality_ids`` keeps those municipalities
    only (a registered filter).
    """
    on = on or default_risk_date(programme)
    levels = programme_levels(programme)
    position = {level.pk: i for i, level in enumerate(levels)}
    by_level = {level.pk: level for level in levels}
    blocks = BuildingBlock.objects.filter(programme=programme).prefetch_related(
        Prefetch("result_agreements", queryset=ResultAgreement.objects.select_related("required_level"))
    )
    if building_block is not None:
        blocks = blocks.filter(pk=building_block.pk)
    blocks = list(blocks.order_by("cluster", "name"))
    targets = targets_for(programme, levels, blocks)
    uses_agreements = any(target.agreement for target in targets)
    scope = scope_municipalities(programme, province=province, size_class=size_class, municipality_ids=municipality_ids)
    if municipality is not None:  # one municipality's own risk (its "My municipality" page)
        scope = scope.filter(pk=municipality.pk)
    municipalities = list(scope)
    ids = [municipality.pk for municipality in municipalities]
    block_ids = [block.pk for block in blocks]
    pairs = CurrentStatus.objects.filter(building_block_id__in=block_ids, municipality_id__in=ids)
    states = {(state[0], state[1]): state for state in _states(pairs, on=on)}

    window_start = months_before(first_of_month(on), rules.WINDOW_MONTHS)
    pair = {"municipality_id": OuterRef("municipality_id"), "building_block_id": OuterRef("building_block_id")}
    earlier_change = (
        MonthlyStatus.objects.filter(**pair, month__lt=window_start)
        .exclude(level_id=OuterRef("level_id"))
        .order_by("-month")
        .values("month")[:1]
    )
    first_month = MonthlyStatus.objects.filter(**pair).order_by("month").values("month")[:1]
    at_window_start = (
        MonthlyStatus.objects.filter(building_block_id__in=block_ids, municipality_id__in=ids, month=window_start)
        .annotate(changed=Subquery(earlier_change), first=Subquery(first_month))
        .order_by()
        .values_list("municipality_id", "building_block_id", "level_id", "changed", "first")
    )
    before: dict[tuple[int, int], tuple[int, datetime.date]] = {}  # level id a year ago, held since
    for municipality_id, block_id, level_id, changed, first in at_window_start:
        before[(municipality_id, block_id)] = (level_id, next_month(changed) if changed else first)

    rows: list[RiskRow] = []
    has_demo = False
    labels_by_mask: dict[int, tuple] = {}

    def blocker_codes(mask: int) -> tuple:
        """The lazy labels of a mask (translated when a reason is shown)."""
        if mask not in labels_by_mask:
            labels_by_mask[mask] = tuple(blocker.label for blocker in BLOCKERS if mask & blocker.bit)
        return labels_by_mask[mask]

    for municipality in municipalities:
        for target in targets:
            key = (municipality.pk, target.building_block.pk)
            state = states.get(key)
            level_id, blockers, planned_date, is_demo = (
                (state[2], state[3], state[4], state[6]) if state else (None, 0, None, False)
            )
            current = position.get(level_id, 0)
            required = position[target.required_level.pk]
            if current >= required:
                continue
            level_before, held_since = before.get(key, (None, None))
            result = rules.forecast(
                on=on,
                deadline=target.deadline,
                position=current,
                required=required,
                position_before=position.get(level_before, 0),
                blocker_labels=blocker_codes(blockers),
                planned_date=planned_date,
                stalled_since=held_since if level_before is not None and level_before == level_id else None,
            )
            if result is None or result.risk == rules.Risk.NONE:
                continue
            if risks and result.risk not in risks:
                continue
            has_demo = has_demo or is_demo
            rows.append(
                RiskRow(
                    municipality=municipality,
                    target=target,
                    level=by_level.get(level_id),
                    forecast=result,
                    planned_date=planned_date,
                    is_demo=is_demo,
                )
            )
    if rows:  # the reasons the apps above add (``extensions.RiskReasonSource``): they explain, not score
        extra = risk_reasons({row.municipality.pk for row in rows}, blocks)
        for row in rows:
            row.forecast.reasons.extend(extra.get((row.municipality.pk, row.building_block.pk), ()))
    rows.sort(key=RiskRow.sort_key)
    return DeadlineRisk(
        programme=programme,
        on=on,
        municipalities=len({row.municipality.pk for row in rows}),
        targets=targets,
        rows=rows,
        uses_agreements=uses_agreements,
        has_demo=has_demo,
    )


# --- peer comparison ---------------------------------------------------------------------------


@dataclass
class PeerGroup:
    size: int
    counts: list[int]  # per level; nothing reported counts as the lowest level
    levels: list[StatusLevel] = field(default_factory=list, repr=False)

    @property
    def median_level(self) -> StatusLevel | None:
        median = self.median()
        return self.levels[median] if median is not None and self.levels else None

    def share_at_or_above(self, position: int) -> float | None:
        if not self.size:
            return None
        return 100 * sum(self.counts[position:]) / self.size

    def median(self) -> int | None:
        if not self.size:
            return None
        half, seen = (self.size + 1) // 2, 0
        for position, count in enumerate(self.counts):
            seen += count
            if seen >= half:
                return position
        return len(self.counts) - 1  # pragma: no cover - counts always add up to size


@dataclass
class PeerRow:
    building_block: BuildingBlock
    position: int
    level: StatusLevel
    size_class: PeerGroup
    province: PeerGroup

    @property
    def size_class_share(self) -> float | None:
        """The share of the size class at this municipality's level or higher (%)."""
        return self.size_class.share_at_or_above(self.position)

    @property
    def province_share(self) -> float | None:
        return self.province.share_at_or_above(self.position)


@dataclass
class PeerComparison:
    size_class_label: str
    size_class_members: int
    province_name: str
    province_members: int
    levels: list[StatusLevel]
    rows: list[PeerRow]


def peer_comparison(*, programme: Programme, municipality: Municipality, levels, rows, as_of=None):
    """For each block: the municipality's level next to the levels of the municipalities of the same
    size class and of the same province (now, or as of ``as_of``). ``rows`` are the progress rows.

    Five queries: the municipality's population, then per group its members and its level counts.
    """
    if not levels:
        return None
    division = programme.reference_date
    inhabitants = (
        with_population(Municipality.objects.filter(pk=municipality.pk), on=division)
        .values_list("inhabitants", flat=True)
        .first()
    )
    size_class = size_class_for(inhabitants)
    position = {level.pk: i for i, level in enumerate(levels)}
    groups = {
        "province": Municipality.objects.on(division).filter(province_id=municipality.province_id),
    }
    if size_class is not None:
        groups["size_class"] = filter_municipalities(
            Municipality.objects.all(), on=division, size_class=size_class.code
        )
    results: dict[str, tuple[int, dict[int, Counter]]] = {}
    for name, members in groups.items():
        ids = list(members.values_list("pk", flat=True))
        pairs = CurrentStatus.objects.filter(building_block__programme=programme, municipality_id__in=ids)
        if _is_now(as_of):
            counted = pairs.values_list("building_block_id", "level_id").annotate(count=Count("pk")).order_by()
        else:
            counted = (
                events_as_of(pairs, on=as_of)
                .values_list("building_block_id", "level_id")
                .annotate(count=Count("pk"))
                .order_by()
            )
        per_block: dict[int, Counter] = defaultdict(Counter)
        for block_id, level_id, count in counted:
            per_block[block_id][position.get(level_id, 0)] += count
        results[name] = (len(ids), per_block)

    def group(name: str, block_id: int) -> PeerGroup:
        if name not in results:
            return PeerGroup(size=0, counts=[0] * len(levels), levels=levels)
        size, per_block = results[name]
        counts = [per_block[block_id].get(i, 0) for i in range(len(levels))]
        counts[0] += size - sum(counts)  # nothing reported: the lowest level
        return PeerGroup(size=size, counts=counts, levels=levels)

    peer_rows = [
        PeerRow(
            building_block=row.building_block,
            position=position.get(row.level.pk, 0) if row.level else 0,
            level=row.level,
            size_class=group("size_class", row.building_block.pk),
            province=group("province", row.building_block.pk),
        )
        for row in rows
    ]
    return PeerComparison(
        size_class_label=str(size_class.label) if size_class else "",
        size_class_members=results.get("size_class", (0, {}))[0],
        province_name=municipality.province.name,
        province_members=results["province"][0],
        levels=levels,
        rows=peer_rows,
    )
