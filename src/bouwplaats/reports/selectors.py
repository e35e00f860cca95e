# SPDX-License-Identifier: EUPL-1.2
"""Reads of the programme reports: everything a report shows, for any date ("as of").

A ``ReportScope`` is one report being computed: a programme, a report template and a date. The
sections (``sections``) read their figures from it; what several sections need (the state of every
municipality × building block on the date, the result agreements met, the deadline risk) is read
once per report and kept on the scope. The state on a date is the monitor's as-of read (the latest
event per pair with ``valid_from`` on or before it; ``CurrentStatus`` for today), so a report's
queries do not depend on the length of the history, nor on the number of municipalities, blocks,
agreements, questions or ideas. A municipality without a report for a block counts at the lowest
level, as on the monitor's pages.

``report`` computes a whole report (about twenty queries); ``cached_report`` keeps it per data
version of what it shows (``report_version``), the date and the language, for the page, the PDF,
the XLSX and the API alike (``report_params`` names what it depends on).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Q
from django.utils import timezone

from bouwplaats.audit.selectors import data_version, data_version_of
from bouwplaats.catalogue.models import BuildingBlock, Programme, ResultAgreement, StatusLevel
from bouwplaats.cocreation.models import Idea, IdeaStatus, IdeaStatusChange, Vote
from bouwplaats.core import tabular
from bouwplaats.core.fragments import part, versioned_part
from bouwplaats.knowledge.models import Question
from bouwplaats.monitor.dashboards.selectors import measurement_month, programme_blocks, programme_levels, share
from bouwplaats.monitor.insights import selectors as insight_selectors
from bouwplaats.monitor.models import CurrentStatus, MonthlyStatus
from bouwplaats.monitor.monthly import month_end
from bouwplaats.monitor.selectors import events_as_of
from bouwplaats.monitor.versions import MONITOR_SOURCES
from bouwplaats.organisations.models import Municipality

from .models import ProgrammeBudget
from .reviews.selectors import ReviewPage, latest_review
from .sections import TEMPLATES, ReportTemplate, Section, section_object_types, sections_for

# What the reports show besides the monitor's sources: questions, ideas and votes (audited on the
# idea), the programme budget (loaded with the reference data) and the demo content of those apps.
REPORT_SOURCES = (
    *MONITOR_SOURCES,
    "knowledge.question",
    "knowledge.theme",
    "knowledge.demo",
    "cocreation.idea",
    "cocreation.demo",
    "reports.programmebudget",
)
# How many months before the report's date its trend compares with.
COMPARED_MONTHS = (3, 12)
# How many of the most supported ideas and of the building blocks and themes with the most open
# questions a report lists.
TOP_COUNT = 5


def report_version(request) -> int:
    """The newest audit entry about anything the reports show (ADR 13), the registered sections included."""
    extra = section_object_types()
    if extra is None:  # a section that does not say what it shows: any write renews the reports
        return data_version(request)
    return data_version_of(request, tuple(dict.fromkeys((*REPORT_SOURCES, *extra))))


def default_date(programme: Programme, today: datetime.date | None = None) -> datetime.date:
    """The date a report is computed for when none is chosen: today, or the programme's last day once
    it has ended (as the deadline risk)."""
    today = today or timezone.localdate()
    if programme.end_date and programme.end_date <= today:
        return programme.end_date - datetime.timedelta(days=1)
    return today


def months_earlier(day: datetime.date, count: int) -> datetime.date:
    """The same day ``count`` months earlier (the month's last day where the month is shorter)."""
    year, index = divmod(day.year * 12 + day.month - 1 - count, 12)
    month = datetime.date(year, index + 1, 1)
    return month.replace(day=min(day.day, month_end(month).day))


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the site's time zone: what happened on the day is before it."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


# --- the state of every pair on a date ------------------------------------------------------------


@dataclass(frozen=True)
class PairState:
    level_id: int
    blockers: int
    budget_planned: Decimal | None
    budget_spent: Decimal | None
    is_demo: bool


def _pairs(blocks: list[BuildingBlock], municipalities):
    return CurrentStatus.objects.filter(
        building_block_id__in=[block.pk for block in blocks], municipality_id__in=municipalities
    ).order_by()


def states_on(
    *, blocks: list[BuildingBlock], municipalities, on: datetime.date, today: datetime.date
) -> dict[tuple[int, int], PairState]:
    """(municipality id, block id) → the state on ``on`` of every pair with a report by then (one query)."""
    fields = ("municipality_id", "building_block_id", "level_id", "blockers", "budget_planned", "budget_spent")
    pairs = _pairs(blocks, municipalities)
    rows = (pairs if on >= today else events_as_of(pairs, on=on).order_by()).values_list(*fields, "is_demo")
    return {(row[0], row[1]): PairState(*row[2:]) for row in rows}


def level_counts_on(
    *, blocks: list[BuildingBlock], levels: list[StatusLevel], municipalities, total: int, on, today
) -> dict[int, list[int]]:
    """Block id → the number of municipalities per level on ``on``, lowest first; a municipality
    without a report counts at the lowest level (one grouped query)."""
    pairs = _pairs(blocks, municipalities)
    source = pairs if on >= today else events_as_of(pairs, on=on).order_by()
    grouped: dict[int, Counter] = defaultdict(Counter)
    for block_id, level_id, count in source.values_list("building_block_id", "level_id").annotate(n=Count("pk")):
        grouped[block_id][level_id] += count
    return {block.pk: counts_per_level(grouped[block.pk], levels, total) for block in blocks}


def counts_per_level(by_level: dict[int, int], levels: list[StatusLevel], total: int) -> list[int]:
    """Counts in ladder order from counts per level id; the lowest level gets the municipalities not counted."""
    counts = [by_level.get(level.pk, 0) for level in levels]
    if counts:
        counts[0] = max(total - sum(counts[1:]), 0)
    return counts


# --- result agreements --------------------------------------------------------------------------


@dataclass
class AgreementResult:
    """Who meets a result agreement on the report's date (or at its deadline, once that has passed)."""

    agreement: ResultAgreement
    building_blocks: list[BuildingBlock]
    total: int
    met_ids: set[int] | None  # the municipalities meeting it; None: no building blocks, nothing to measure
    deadline_passed: bool
    measured_on: datetime.date  # the date whose state counts

    @property
    def met(self) -> int | None:
        return None if self.met_ids is None else len(self.met_ids)

    @property
    def share(self) -> float | None:
        return share(self.met, self.total)


def agreement_results(
    *,
    programme: Programme,
    levels: list[StatusLevel],
    municipality_ids: list[int],
    states: dict[tuple[int, int], PairState],
    on: datetime.date,
) -> list[AgreementResult]:
    """Per result agreement the municipalities meeting it, by the monitor's rule: each of its blocks at
    the required level or higher; measured on ``on`` until the deadline, and once the deadline lies
    before ``on`` at the end of the last whole month before it (``MonthlyStatus``). Three queries."""
    agreements = list(
        ResultAgreement.objects.filter(programme=programme)
        .select_related("required_level")
        .prefetch_related("building_blocks")
        .order_by("number", "pk")
    )
    position = {level.pk: level.position for level in levels}
    lowest = levels[0].position if levels else 0
    past: dict[datetime.date, set[int]] = defaultdict(set)
    for agreement in agreements:
        if agreement.deadline is not None and agreement.deadline < on:
            past[measurement_month(agreement.deadline)] |= {block.pk for block in agreement.building_blocks.all()}
    at_month: dict[datetime.date, dict[tuple[int, int], int]] = defaultdict(dict)
    if past:
        condition = Q()
        for month, block_ids in past.items():
            condition |= Q(month=month, building_block_id__in=block_ids)
        monthly = MonthlyStatus.objects.filter(condition, municipality_id__in=municipality_ids).order_by()
        for municipality_id, block_id, month, level_id in monthly.values_list(
            "municipality_id", "building_block_id", "month", "level_id"
        ):
            at_month[month][(municipality_id, block_id)] = position.get(level_id, lowest)
    now = {pair: position.get(state.level_id, lowest) for pair, state in states.items()}
    results = []
    for agreement in agreements:
        blocks = sorted(agreement.building_blocks.all(), key=lambda block: (block.code, block.pk))
        passed = agreement.deadline is not None and agreement.deadline < on
        month = measurement_month(agreement.deadline) if passed else None
        levels_of = at_month[month] if passed else now
        required = agreement.required_level.position
        met_ids = None
        if blocks:
            met_ids = {
                municipality_id
                for municipality_id in municipality_ids
                if all(levels_of.get((municipality_id, block.pk), lowest) >= required for block in blocks)
            }
        results.append(
            AgreementResult(
                agreement=agreement,
                building_blocks=blocks,
                total=len(municipality_ids),
                met_ids=met_ids,
                deadline_passed=passed,
                measured_on=month_end(month) if month else on,
            )
        )
    return results


# --- knowledge centre and co-creation -------------------------------------------------------------


@dataclass
class QuestionFigures:
    asked: int = 0
    answered: int = 0
    open: int = 0
    open_by_block: Counter = field(default_factory=Counter)  # block name → open questions
    asked_by_block: Counter = field(default_factory=Counter)
    open_by_theme: Counter = field(default_factory=Counter)  # theme name ("" without one) → open questions
    has_demo: bool = False


def question_figures(*, programme: Programme, on: datetime.date) -> QuestionFigures:
    """The questions about the programme's building blocks asked by the end of ``on``: how many were
    answered by then and how many were still open (neither answered nor closed), in all and per block
    and theme (one query)."""
    moment = end_of_day(on)
    rows = (
        Question.objects.filter(building_blocks__programme=programme, created_at__lt=moment)
        .order_by()
        .values_list("pk", "answered_at", "closed_at", "theme__name", "building_blocks__name", "is_demo")
    )
    figures = QuestionFigures()
    seen: set[int] = set()
    for pk, answered_at, closed_at, theme, block, is_demo in rows:
        answered = answered_at is not None and answered_at < moment
        is_open = not answered and not (closed_at is not None and closed_at < moment)
        figures.asked_by_block[block] += 1
        if is_open:
            figures.open_by_block[block] += 1
        if pk in seen:  # one row per linked block of the programme
            continue
        seen.add(pk)
        figures.asked += 1
        figures.answered += answered
        figures.open += is_open
        figures.has_demo = figures.has_demo or is_demo
        if is_open:
            figures.open_by_theme[theme or ""] += 1
    return figures


@dataclass
class IdeaRow:
    pk: int
    title: str
    building_block: str
    status: str  # IdeaStatus value on the date
    votes: int  # votes cast by the end of the date (withdrawn votes are not kept, so not counted)


@dataclass
class IdeaFigures:
    proposed: int = 0
    by_status: Counter = field(default_factory=Counter)  # IdeaStatus value → ideas
    top: list[IdeaRow] = field(default_factory=list)
    has_demo: bool = False


def idea_figures(*, programme: Programme, on: datetime.date, top: int = TOP_COUNT) -> IdeaFigures:
    """The programme's ideas proposed by the end of ``on``, by their status on that day (from their
    public history), and the ``top`` most supported by then (three queries)."""
    moment = end_of_day(on)
    ideas = list(
        Idea.objects.filter(programme=programme, created_at__lt=moment)
        .order_by("created_at", "pk")
        .values_list("pk", "title", "building_block__name", "status", "is_demo")
    )
    ids = [idea[0] for idea in ideas]
    status_on: dict[int, str] = {}
    changes = IdeaStatusChange.objects.filter(idea_id__in=ids, changed_at__lt=moment).order_by("changed_at", "pk")
    for idea_id, status in changes.values_list("idea_id", "to_status"):
        status_on[idea_id] = status  # the last change by then wins
    votes = dict(
        Vote.objects.filter(idea_id__in=ids, created_at__lt=moment)
        .order_by()
        .values_list("idea_id")
        .annotate(n=Count("pk"))
        .values_list("idea_id", "n")
    )
    figures = IdeaFigures(proposed=len(ideas))
    rows = []
    for pk, title, block, status, is_demo in ideas:
        status = status_on.get(pk, IdeaStatus.RECEIVED if pk not in status_on else status)
        figures.by_status[status] += 1
        figures.has_demo = figures.has_demo or is_demo
        rows.append(IdeaRow(pk=pk, title=title, building_block=block or "", status=status, votes=votes.get(pk, 0)))
    rows.sort(key=lambda row: (-row.votes, row.title, row.pk))
    figures.top = [row for row in rows[:top] if row.votes]
    return figures


# --- one report -------------------------------------------------------------------------------


class ReportScope:
    """One report being computed: what its sections read, each read once.

    The attributes a section of another app may use: ``programme``, ``on`` (the date), ``today``,
    ``template`` (a ``ReportTemplate``), ``brief`` (the short template: headline figures only) and
    ``details_visible`` (whether the reader may see single municipalities' figures).
    """

    def __init__(
        self,
        *,
        programme: Programme,
        template: ReportTemplate,
        on: datetime.date,
        today: datetime.date,
        details_visible: bool,
    ) -> None:
        self.programme = programme
        self.template = template
        self.on = on
        self.today = today
        self.details_visible = details_visible

    @property
    def brief(self) -> bool:
        return self.template.brief

    @property
    def compared_dates(self) -> list[datetime.date]:
        """The earlier dates the trend compares with: 3 and 12 months before the report's date."""
        return [months_earlier(self.on, months) for months in COMPARED_MONTHS]

    @cached_property
    def levels(self) -> list[StatusLevel]:
        return programme_levels(self.programme)

    @cached_property
    def blocks(self) -> list[BuildingBlock]:
        return programme_blocks(self.programme)

    @property
    def division(self):
        """The municipalities of the programme's division, as a subquery."""
        return Municipality.objects.on(self.programme.reference_date).values("pk")

    @cached_property
    def municipalities(self) -> list[Municipality]:
        return list(
            Municipality.objects.on(self.programme.reference_date).select_related("province").order_by("name", "code")
        )

    @cached_property
    def municipality_ids(self) -> list[int]:
        return [municipality.pk for municipality in self.municipalities]

    @property
    def total(self) -> int:
        return len(self.municipalities)

    @cached_property
    def states(self) -> dict[tuple[int, int], PairState]:
        return states_on(blocks=self.blocks, municipalities=self.division, on=self.on, today=self.today)

    @cached_property
    def _counts(self) -> dict[datetime.date, dict[int, list[int]]]:
        return {}

    def level_counts(self, on: datetime.date | None = None) -> dict[int, list[int]]:
        """Block id → municipalities per level on ``on`` (the report's date by default)."""
        on = on or self.on
        if on not in self._counts:
            if on == self.on:
                grouped: dict[int, Counter] = defaultdict(Counter)
                for (_municipality, block_id), state in self.states.items():
                    grouped[block_id][state.level_id] += 1
                counts = {
                    block.pk: counts_per_level(grouped[block.pk], self.levels, self.total) for block in self.blocks
                }
            else:
                counts = level_counts_on(
                    blocks=self.blocks,
                    levels=self.levels,
                    municipalities=self.division,
                    total=self.total,
                    on=on,
                    today=self.today,
                )
            self._counts[on] = counts
        return self._counts[on]

    @cached_property
    def agreements(self) -> list[AgreementResult]:
        return agreement_results(
            programme=self.programme,
            levels=self.levels,
            municipality_ids=self.municipality_ids,
            states=self.states,
            on=self.on,
        )

    @property
    def measured_agreements(self) -> list[AgreementResult]:
        return [result for result in self.agreements if result.met_ids is not None]

    @cached_property
    def agreements_met(self) -> dict[int, int]:
        """Municipality id → the number of measured result agreements it meets."""
        met: Counter = Counter()
        for result in self.measured_agreements:
            met.update(result.met_ids)
        return {pk: met.get(pk, 0) for pk in self.municipality_ids}

    @cached_property
    def risk(self) -> insight_selectors.DeadlineRisk:
        return insight_selectors.deadline_risk(programme=self.programme, on=self.on)

    @cached_property
    def unreached(self) -> dict[int, str]:
        """Municipality id → "none" (no report on any block) or "lowest" (only the lowest level) for the
        municipalities the programme has not reached yet on the date."""
        lowest = self.levels[0].pk if self.levels else None
        reported: dict[int, bool] = {}
        for (municipality_id, _block), state in self.states.items():
            reported[municipality_id] = reported.get(municipality_id, False) or state.level_id != lowest
        result = {}
        for pk in self.municipality_ids:
            if pk not in reported:
                result[pk] = "none"
            elif not reported[pk]:
                result[pk] = "lowest"
        return result

    @cached_property
    def budgets(self) -> list[ProgrammeBudget]:
        return list(ProgrammeBudget.objects.filter(programme=self.programme).order_by("position", "code"))

    @cached_property
    def questions(self) -> QuestionFigures:
        return question_figures(programme=self.programme, on=self.on)

    @cached_property
    def ideas(self) -> IdeaFigures:
        return idea_figures(programme=self.programme, on=self.on)

    @cached_property
    def review(self) -> ReviewPage | None:
        """The newest Gateway review on or before the date, with the one before it (None: no review yet)."""
        return latest_review(self.programme, as_of=self.on)

    @property
    def has_demo(self) -> bool:
        """Whether generated demo data went into the figures read so far."""
        values = self.__dict__
        return (
            any(state.is_demo for state in values.get("states", {}).values())
            or ("risk" in values and self.risk.has_demo)
            or ("questions" in values and self.questions.has_demo)
            or ("ideas" in values and self.ideas.has_demo)
            or (values.get("review") is not None and self.review.has_demo)
        )


@dataclass
class ReportSection:
    key: str
    title: str
    tables: list[tabular.Sheet]
    template: str
    detail: object = None  # what the section's template shows besides its tables (Section.detail)


@dataclass
class Report:
    """A computed report: plain values only, so that it can be kept in the cache."""

    programme: Programme
    template: ReportTemplate
    on: datetime.date
    today: datetime.date
    details_visible: bool
    compared_dates: list[datetime.date]
    sections: list[ReportSection]
    has_demo: bool = False

    def section(self, key: str) -> ReportSection | None:
        return next((section for section in self.sections if section.key == key), None)


def _figures(section: Section, scope: ReportScope) -> list[tabular.Sheet]:
    sheets = section.figures(scope)
    return [tabular.Sheet(sheet.title, sheet.columns, list(sheet.rows)) for sheet in sheets]


def report(
    *,
    programme: Programme,
    template: ReportTemplate,
    on: datetime.date,
    details_visible: bool,
    today: datetime.date | None = None,
) -> Report:
    """Every section of ``template`` computed for ``programme`` on ``on``."""
    scope = ReportScope(
        programme=programme,
        template=template,
        on=on,
        today=today or timezone.localdate(),
        details_visible=details_visible,
    )
    sections = [
        ReportSection(
            key=section.key,
            title=str(section.title),
            tables=_figures(section, scope),
            template=section.template,
            detail=section.detail(scope) if section.detail else None,
        )
        for section in sections_for(template.code)
    ]
    return Report(
        programme=programme,
        template=template,
        on=on,
        today=scope.today,
        details_visible=details_visible,
        compared_dates=scope.compared_dates,
        sections=sections,
        has_demo=scope.has_demo,
    )


def report_params(*, programme: Programme, template: ReportTemplate, on: datetime.date, details_visible: bool) -> dict:
    """What a cached report and each output of it depend on besides the language and the data version of
    what it shows (``report_version``), as JSON values: the programme, template, date and today."""
    return {
        "programme": programme.pk,
        "template": template.code,
        "on": on.isoformat(),
        "details_visible": details_visible,
        "today": timezone.localdate().isoformat(),
    }


def cached_report(*, version: int, **params) -> Report:
    """``report`` kept in the cache under ``version``, the data version of what it shows
    (``report_version``), and ``params`` (``report_params``); after a write, a worker computes the new
    one while readers get the previous one (``core.fragments``)."""
    return versioned_part(report_part, version=version, **params)


@part("reports.report")
def report_part(*, programme: int, template: str, on: str, details_visible: bool, today: str) -> Report:
    return report(
        programme=Programme.objects.get(pk=programme),
        template=TEMPLATES[template],
        on=datetime.date.fromisoformat(on),
        details_visible=details_visible,
        today=datetime.date.fromisoformat(today),
    )
