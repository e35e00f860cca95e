# SPDX-License-Identifier: EUPL-1.2
"""What municipalities ask: questions per month by theme, building block, province and size class;
open questions by age; the median time to an answer. Computed from three queries, in Python
(the volumes are a few thousand questions a year)."""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bouwplaats.organisations.constants import size_class_for
from bouwplaats.organisations.models import Municipality
from bouwplaats.organisations.selectors import DEFAULT_DIVISION_DATE, with_population

from ..models import Question, QuestionStatus
from ..models.questions import OPEN_STATUSES

# Age buckets of open questions, in days: (label, lowest, highest or None).
AGE_BUCKETS = ((0, 7), (8, 30), (31, 90), (91, None))
TOP_SERIES = 6  # lines per chart; the rest is added up as "other"


@dataclass
class Breakdown:
    """Monthly counts per category: ``counts[category][month]``, with totals, largest first."""

    name: str
    title: str
    months: list[str]
    counts: dict[str, Counter] = field(default_factory=dict)

    @property
    def categories(self) -> list[str]:
        return sorted(self.counts, key=lambda c: (-sum(self.counts[c].values()), c))

    def table(self) -> list[tuple[str, list[int], int]]:
        return [(c, [self.counts[c][m] for m in self.months], sum(self.counts[c].values())) for c in self.categories]

    def series(self) -> list[tuple[str, list[int]]]:
        """At most TOP_SERIES lines; the smaller categories together as one."""
        categories = self.categories
        shown, rest = categories[:TOP_SERIES], categories[TOP_SERIES:]
        lines = [(c, [self.counts[c][m] for m in self.months]) for c in shown]
        if rest:
            lines.append((_("other"), [sum(self.counts[c][m] for c in rest) for m in self.months]))
        return lines

    def long_rows(self) -> list[tuple[str, str, int]]:
        return [(m, c, self.counts[c][m]) for c in self.categories for m in self.months if self.counts[c][m]]


@dataclass
class Insight:
    total: int
    months: list[str]
    breakdowns: list[Breakdown]
    age_buckets: list[tuple[str, int]]
    median_days: float | None
    median_by_theme: list[tuple[str, float, int]]  # theme, median days, answered questions


def _month(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m")


def _months_between(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _size_classes(municipality_ids: set[int]) -> dict[int, str]:
    annotated = with_population(Municipality.objects.filter(pk__in=municipality_ids), on=DEFAULT_DIVISION_DATE)
    labels = {}
    for pk, inhabitants in annotated.values_list("pk", "inhabitants"):
        size_class = size_class_for(inhabitants)
        labels[pk] = size_class.label if size_class else _("unknown")
    return labels


def _age_label(low: int, high: int | None) -> str:
    if high is None:
        return ngettext("more than %(days)d day", "more than %(days)d days", low - 1) % {"days": low - 1}
    return _("%(low)d–%(high)d days") % {"low": low, "high": high}


def questions_for_insight(year: int | None = None) -> QuerySet[Question]:
    queryset = Question.objects.exclude(status=QuestionStatus.MERGED)
    if year:
        queryset = queryset.filter(created_at__year=year)
    return queryset


def insight(*, year: int | None = None, now: datetime.datetime | None = None) -> Insight:
    now = now or timezone.now()
    rows = list(
        questions_for_insight(year).values_list(
            "pk",
            "created_at",
            "answered_at",
            "status",
            "theme__name",
            "municipality_id",
            "municipality__province__name",
        )
    )
    ids = [row[0] for row in rows]
    blocks = defaultdict(list)
    for question_id, name in Question.building_blocks.through.objects.filter(question_id__in=ids).values_list(
        "question_id", "buildingblock__name"
    ):
        blocks[question_id].append(name)
    size_labels = _size_classes({row[5] for row in rows if row[5]})

    months = _months_between(min(_month(r[1]) for r in rows), max(_month(r[1]) for r in rows)) if rows else []
    none = _("none")
    by_theme = Breakdown("theme", _("Questions per month by theme"), months)
    by_block = Breakdown("block", _("Questions per month by building block"), months)
    by_province = Breakdown("province", _("Questions per month by province"), months)
    by_size = Breakdown("size", _("Questions per month by size class"), months)
    answer_days = []
    theme_days = defaultdict(list)
    ages = Counter()
    for pk, created, answered, status, theme, municipality_id, province in rows:
        month = _month(created)
        by_theme.counts.setdefault(theme or none, Counter())[month] += 1
        for block in blocks.get(pk) or [none]:
            by_block.counts.setdefault(block, Counter())[month] += 1
        by_province.counts.setdefault(province or _("not given"), Counter())[month] += 1
        size = size_labels.get(municipality_id, _("not given"))
        by_size.counts.setdefault(size, Counter())[month] += 1
        if answered:
            days = (answered - created).total_seconds() / 86400
            answer_days.append(days)
            theme_days[theme or none].append(days)
        if status in OPEN_STATUSES:
            age = (now - created).days
            for low, high in AGE_BUCKETS:
                if age >= low and (high is None or age <= high):
                    ages[(low, high)] += 1
                    break
    return Insight(
        total=len(rows),
        months=months,
        breakdowns=[by_theme, by_block, by_province, by_size],
        age_buckets=[(_age_label(low, high), ages[(low, high)]) for low, high in AGE_BUCKETS],
        median_days=round(statistics.median(answer_days), 1) if answer_days else None,
        median_by_theme=sorted(
            ((theme, round(statistics.median(days), 1), len(days)) for theme, days in theme_days.items()),
            key=lambda row: row[0],
        ),
    )


def years() -> list[int]:
    return sorted({moment.year for moment in Question.objects.dates("created_at", "year")})
