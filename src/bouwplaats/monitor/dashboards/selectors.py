# SPDX-License-Identifier: EUPL-1.2
"""Aggregated progress of a programme: distribution over levels, result agreements and monthly trend.

Every figure counts the municipalities of the programme's division (optionally one province and
one size class). A municipality without a report for a block counts at the lowest level. The
figures come from grouped queries on ``CurrentStatus`` (now) and ``MonthlyStatus`` (past months),
so the number of queries is the same whatever the number of blocks, municipalities or events.

Result agreements: a municipality meets an agreement when each of its building blocks is at (or
above) the required level. Before the deadline this is measured now; once the deadline has passed
it is measured at the end of the last whole month on or before the deadline (the deadline's month
when the deadline is its last day, otherwise the month before), from ``MonthlyStatus``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from bouwplaats.catalogue.models import BuildingBlock, Programme, ResultAgreement, StatusLevel
from bouwplaats.organisations.models import Municipality
from bouwplaats.organisations.selectors import filter_municipalities

from ..models import CurrentStatus, MonthlyStatus
from ..monthly import first_of_month, month_end, programme_months
from ..selectors import programme_levels


def share(count: int | None, total: int) -> float | None:
    """``count`` as a percentage of ``total`` (one decimal), or None when there is nothing to count."""
    if count is None or not total:
        return None
    return round(100 * count / total, 1)


def measurement_month(deadline: datetime.date) -> datetime.date:
    """The month whose end state counts for a deadline: the last month ending on or before it."""
    month = first_of_month(deadline)
    if deadline == month_end(month):
        return month
    return first_of_month(month - datetime.timedelta(days=1))


def division(
    *,
    programme: Programme,
    province: str = "",
    size_class: int | None = None,
    municipality_ids: Collection[int] | None = None,
) -> QuerySet[Municipality]:
    """The municipalities of the programme's division, narrowed to a province and a size class, and to
    ``municipality_ids`` when given (a registered filter, ``extensions.MunicipalityFilter``)."""
    municipalities = filter_municipalities(
        Municipality.objects.select_related("province"),
        on=programme.reference_date,
        province=province,
        size_class=size_class,
    )
    if municipality_ids is not None:
        municipalities = municipalities.filter(pk__in=list(municipality_ids))
    return municipalities


@dataclass
class BlockDistribution:
    building_block: BuildingBlock
    counts: list[int]  # per level, lowest first
    total: int
    required_level: StatusLevel | None = None  # the highest level its result agreements require

    @property
    def shares(self) -> list[float | None]:
        return [share(count, self.total) for count in self.counts]

    @property
    def top_count(self) -> int:
        return self.counts[-1] if self.counts else 0

    @property
    def top_share(self) -> float | None:
        return share(self.top_count, self.total)

    @property
    def meeting_count(self) -> int | None:
        if self.required_level is None:
            return None
        return sum(self.counts[self.required_level.position :]) if self.counts else 0

    @property
    def meeting_share(self) -> float | None:
        return share(self.meeting_count, self.total)


@dataclass
class AgreementStatus:
    agreement: ResultAgreement
    building_blocks: list[BuildingBlock]
    total: int
    met: int | None  # None: no building blocks linked, nothing to measure
    deadline_passed: bool
    measured_month: datetime.date | None  # the month-end state used once the deadline has passed

    @property
    def share(self) -> float | None:
        return share(self.met, self.total)

    @property
    def measured_on(self) -> datetime.date | None:
        return month_end(self.measured_month) if self.measured_month else None


@dataclass
class Trend:
    months: list[datetime.date]
    series: list[tuple[str, list[float | None]]]  # label, percentage per month
    building_block: BuildingBlock | None = None  # None: the share at the top level per block


@dataclass
class Overview:
    programme: Programme
    levels: list[StatusLevel]
    blocks: list[BuildingBlock]
    municipality_count: int
    distributions: list[BlockDistribution]
    agreements: list[AgreementStatus]
    trend: Trend
    has_demo: bool
    province: str = ""
    size_class: int | None = None
    filters: dict = field(default_factory=dict)

    @property
    def top_level(self) -> StatusLevel | None:
        return self.levels[-1] if self.levels else None


def _counts_per_level(grouped: dict[int, int], levels: list[StatusLevel], total: int) -> list[int]:
    """Counts in ladder order from counts per level id; the lowest level gets the remainder."""
    counts = [grouped.get(level.pk, 0) for level in levels]
    if counts:
        counts[0] = max(total - sum(counts[1:]), 0)
    return counts


def _state_rows(*, blocks: list[BuildingBlock], municipalities, month: datetime.date | None) -> QuerySet:
    """``CurrentStatus`` rows (now) or ``MonthlyStatus`` rows (end of ``month``) of these blocks and municipalities."""
    rows = CurrentStatus.objects.all() if month is None else MonthlyStatus.objects.filter(month=first_of_month(month))
    return rows.filter(building_block__in=[block.pk for block in blocks], municipality__in=municipalities).order_by()


def distributions(
    *,
    programme: Programme,
    levels: list[StatusLevel],
    blocks: list[BuildingBlock],
    municipalities,
    total: int,
    month: datetime.date | None = None,
) -> list[BlockDistribution]:
    """The distribution over the levels per block, now or at the end of ``month`` (one grouped query,
    counting rows so that an index that holds the grouped columns suffices)."""
    grouped: dict[int, dict[int, int]] = defaultdict(dict)
    rows = (
        _state_rows(blocks=blocks, municipalities=municipalities, month=month)
        .values("building_block_id", "level_id")
        .annotate(count=Count("*"))
    )
    for row in rows:
        grouped[row["building_block_id"]][row["level_id"]] = row["count"]
    return [
        BlockDistribution(building_block=block, counts=_counts_per_level(grouped[block.pk], levels, total), total=total)
        for block in blocks
    ]


@dataclass
class ProvinceDistribution:
    province_code: str
    province_name: str
    building_block: BuildingBlock
    counts: list[int]
    total: int


def province_distributions(
    *,
    programme: Programme,
    levels: list[StatusLevel],
    blocks: list[BuildingBlock],
    size_class: int | None = None,
    month: datetime.date | None = None,
    municipality_ids: Collection[int] | None = None,
) -> list[ProvinceDistribution]:
    """Per province × block the distribution over the levels, now or at the end of ``month`` (two queries)."""
    municipalities = division(programme=programme, size_class=size_class, municipality_ids=municipality_ids).values(
        "pk"
    )
    provinces = list(
        Municipality.objects.filter(pk__in=municipalities)
        .values("province__code", "province__name")
        .annotate(total=Count("pk"))
        .order_by("province__code")
    )
    grouped: dict[tuple[str, int], dict[int, int]] = defaultdict(dict)
    rows = (
        _state_rows(blocks=blocks, municipalities=municipalities, month=month)
        .values("municipality__province__code", "building_block_id", "level_id")
        .annotate(count=Count("pk"))
    )
    for row in rows:
        grouped[(row["municipality__province__code"], row["building_block_id"])][row["level_id"]] = row["count"]
    return [
        ProvinceDistribution(
            province_code=province["province__code"],
            province_name=province["province__name"],
            building_block=block,
            counts=_counts_per_level(grouped[(province["province__code"], block.pk)], levels, province["total"]),
            total=province["total"],
        )
        for province in provinces
        for block in blocks
    ]


@dataclass
class OpenDataRow:
    month: datetime.date
    province_code: str
    province_name: str
    building_block: BuildingBlock
    level: StatusLevel
    count: int
    total: int
    is_demo: bool


def open_data_rows(
    *, programme: Programme, levels: list[StatusLevel], blocks: list[BuildingBlock], today: datetime.date
) -> list[OpenDataRow]:
    """Per month × province × block × level the number of municipalities (two grouped queries)."""
    months = trend_months(programme, today=today)
    if not months or not levels:
        return []
    municipalities = division(programme=programme).values("pk")
    provinces = list(
        Municipality.objects.filter(pk__in=municipalities)
        .values("province__code", "province__name")
        .annotate(total=Count("pk"))
        .order_by("province__code")
    )
    grouped: dict[tuple, dict[int, int]] = defaultdict(dict)
    demo: set[tuple] = set()
    rows = (
        MonthlyStatus.objects.filter(
            building_block__in=[block.pk for block in blocks],
            municipality__in=municipalities,
            month__gte=months[0],
            month__lte=months[-1],
        )
        .order_by()
        .values("month", "municipality__province__code", "building_block_id", "level_id")
        .annotate(count=Count("pk"), demo=Count("pk", filter=Q(is_demo=True)))
    )
    for row in rows:
        key = (row["month"], row["municipality__province__code"], row["building_block_id"])
        grouped[key][row["level_id"]] = row["count"]
        if row["demo"]:
            demo.add(key)
    result = []
    for month in months:
        for province in provinces:
            for block in blocks:
                key = (month, province["province__code"], block.pk)
                counts = _counts_per_level(grouped.get(key, {}), levels, province["total"])
                result.extend(
                    OpenDataRow(
                        month=month,
                        province_code=province["province__code"],
                        province_name=province["province__name"],
                        building_block=block,
                        level=level,
                        count=count,
                        total=province["total"],
                        is_demo=key in demo,
                    )
                    for level, count in zip(levels, counts, strict=True)
                )
    return result


def municipality_open_data_rows(*, programme: Programme, today: datetime.date):
    """Per municipality × block × month of the programme (up to now) its level at the end of the month,
    as tuples (month, municipality code, name, province code, block code, block name, level position,
    level code, level name, is_demo), in that order; one query, read in chunks. Only pairs with a report
    are listed. The caller checks ``programme.municipality_status_is_public()``."""
    months = trend_months(programme, today=today)
    if not months:
        return iter(())
    return (
        MonthlyStatus.objects.filter(
            building_block__programme=programme,
            municipality__in=division(programme=programme).values("pk"),
            month__gte=months[0],
            month__lte=months[-1],
        )
        .order_by("month", "municipality__code", "building_block__code")
        .values_list(
            "month",
            "municipality__code",
            "municipality__name",
            "municipality__province__code",
            "building_block__code",
            "building_block__name",
            "level__position",
            "level__code",
            "level__name",
            "is_demo",
        )
        .iterator(chunk_size=5000)
    )


def agreement_statuses(
    *, programme: Programme, levels: list[StatusLevel], municipalities, total: int, today: datetime.date
) -> list[AgreementStatus]:
    """Per result agreement the number of municipalities meeting it (four queries, whatever their number)."""
    agreements = list(
        ResultAgreement.objects.filter(programme=programme)
        .select_related("required_level")
        .prefetch_related("building_blocks")
        .order_by("number", "pk")
    )
    if not agreements:
        return []
    position = {level.pk: level.position for level in levels}
    lowest = levels[0].position if levels else 0
    now_blocks: set[int] = set()
    past: dict[datetime.date, set[int]] = defaultdict(set)
    for agreement in agreements:
        block_ids = {block.pk for block in agreement.building_blocks.all()}
        if agreement.deadline is not None and agreement.deadline < today:
            past[measurement_month(agreement.deadline)] |= block_ids
        else:
            now_blocks |= block_ids
    # (month or None for now) → municipality → block → level position
    state: dict[datetime.date | None, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    if now_blocks:
        for municipality_id, block_id, level_id in CurrentStatus.objects.filter(
            building_block_id__in=now_blocks, municipality__in=municipalities
        ).values_list("municipality_id", "building_block_id", "level_id"):
            state[None][municipality_id][block_id] = position.get(level_id, lowest)
    if past:
        condition = Q()
        for month, block_ids in past.items():
            condition |= Q(month=month, building_block_id__in=block_ids)
        for municipality_id, block_id, month, level_id in (
            MonthlyStatus.objects.filter(condition, municipality__in=municipalities)
            .values_list("municipality_id", "building_block_id", "month", "level_id")
            .order_by()
        ):
            state[month][municipality_id][block_id] = position.get(level_id, lowest)
    statuses = []
    for agreement in agreements:
        blocks = sorted(agreement.building_blocks.all(), key=lambda block: (block.code, block.pk))
        passed = agreement.deadline is not None and agreement.deadline < today  # unknown: measured now
        month = measurement_month(agreement.deadline) if passed else None
        required = agreement.required_level.position
        if not blocks:
            met = None
        elif required <= lowest:
            met = total
        else:
            met = sum(
                1
                for by_block in state[month].values()
                if all(by_block.get(block.pk, lowest) >= required for block in blocks)
            )
        statuses.append(
            AgreementStatus(
                agreement=agreement,
                building_blocks=blocks,
                total=total,
                met=met,
                deadline_passed=passed,
                measured_month=month,
            )
        )
    return statuses


def trend_months(programme: Programme, *, today: datetime.date) -> list[datetime.date]:
    """The programme's months up to the current month."""
    current = first_of_month(today)
    return [month for month in programme_months(programme, today=today) if month <= current]


def trend(
    *,
    programme: Programme,
    levels: list[StatusLevel],
    blocks: list[BuildingBlock],
    municipalities,
    total: int,
    today: datetime.date,
    building_block: BuildingBlock | None = None,
) -> Trend:
    """Monthly shares from ``MonthlyStatus`` (one grouped query; it counts rows, not ids, so that
    PostgreSQL reads them from the ``monthly_trend`` index alone).

    Without ``building_block``: per block the share of municipalities at the top level. With one:
    for that block the share at each level.
    """
    months = trend_months(programme, today=today)
    if not months or not levels:
        return Trend(months=months, series=[], building_block=building_block)
    index = {month: position for position, month in enumerate(months)}
    rows = MonthlyStatus.objects.filter(
        municipality__in=municipalities, month__gte=months[0], month__lte=months[-1]
    ).order_by()
    if building_block is None:
        counts: dict[int, list[int]] = {block.pk: [0] * len(months) for block in blocks}
        grouped = (
            rows.filter(building_block__in=[block.pk for block in blocks], level=levels[-1])
            .values("building_block_id", "month")
            .annotate(count=Count("*"))
        )
        for row in grouped:
            counts[row["building_block_id"]][index[row["month"]]] = row["count"]
        series = [(block.name, [share(count, total) for count in counts[block.pk]]) for block in blocks]
    else:
        by_level: dict[int, list[int]] = {level.pk: [0] * len(months) for level in levels}
        grouped = rows.filter(building_block=building_block).values("month", "level_id").annotate(count=Count("*"))
        for row in grouped:
            if row["level_id"] in by_level:
                by_level[row["level_id"]][index[row["month"]]] = row["count"]
        lowest = levels[0].pk
        by_level[lowest] = [
            max(total - sum(by_level[level.pk][position] for level in levels[1:]), 0) for position in range(len(months))
        ]
        series = [(level.name, [share(count, total) for count in by_level[level.pk]]) for level in levels]
    return Trend(months=months, series=series, building_block=building_block)


def programme_blocks(programme: Programme) -> list[BuildingBlock]:
    return list(
        BuildingBlock.objects.filter(programme=programme)
        .only("pk", "code", "name", "cluster", "programme_id")
        .order_by("cluster", "name", "pk")
    )


def programme_overview(
    *,
    programme: Programme,
    today: datetime.date,
    province: str = "",
    size_class: int | None = None,
    building_block: BuildingBlock | None = None,
    levels: list[StatusLevel] | None = None,
    blocks: list[BuildingBlock] | None = None,
    municipality_ids: Collection[int] | None = None,
) -> Overview:
    """Everything the programme overview shows (about ten queries, independent of the data's size);
    ``municipality_ids`` narrows the municipalities counted (a registered filter)."""
    levels = levels if levels is not None else programme_levels(programme)
    blocks = blocks if blocks is not None else programme_blocks(programme)
    municipalities = division(
        programme=programme, province=province, size_class=size_class, municipality_ids=municipality_ids
    ).values("pk")
    total = municipalities.count()
    block_distributions = distributions(
        programme=programme, levels=levels, blocks=blocks, municipalities=municipalities, total=total
    )
    agreements = agreement_statuses(
        programme=programme, levels=levels, municipalities=municipalities, total=total, today=today
    )
    required: dict[int, StatusLevel] = {}
    for status in agreements:
        for block in status.building_blocks:
            level = status.agreement.required_level
            if block.pk not in required or level.position > required[block.pk].position:
                required[block.pk] = level
    for distribution in block_distributions:
        distribution.required_level = required.get(distribution.building_block.pk)
    monthly_trend = trend(
        programme=programme,
        levels=levels,
        blocks=blocks,
        municipalities=municipalities,
        total=total,
        today=today,
        building_block=building_block,
    )
    has_demo = CurrentStatus.objects.filter(
        building_block__in=[block.pk for block in blocks], municipality__in=municipalities, is_demo=True
    ).exists()
    return Overview(
        programme=programme,
        levels=levels,
        blocks=blocks,
        municipality_count=total,
        distributions=block_distributions,
        agreements=agreements,
        trend=monthly_trend,
        has_demo=has_demo,
        province=province,
        size_class=size_class,
    )
