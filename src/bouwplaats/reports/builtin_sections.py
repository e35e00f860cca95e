# SPDX-License-Identifier: EUPL-1.2
"""The reports' own sections: their figures as tables and their charts (registered in ``apps.py``).

Each ``*_figures(scope)`` returns the section's tables (``core.tabular.Sheet``) from the shared reads
of the scope (``selectors.ReportScope``); each ``*_charts(section)`` draws SVG charts from those
tables, so a chart never shows a figure that its table does not.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from bouwplaats.cocreation.models import IdeaStatus
from bouwplaats.core.tabular import DATE, INTEGER, PERCENT, TEXT, Column, Sheet
from bouwplaats.monitor.constants import BLOCKERS
from bouwplaats.monitor.dashboards.selectors import share
from bouwplaats.monitor.insights.forecast import LISTED_RISKS, RISK_LABELS
from bouwplaats.ui.charts import bar_chart, format_value, stacked_bar_chart

from .sections import ALL_TEMPLATES, FULL_TEMPLATES, Section
from .selectors import TOP_COUNT
from .tables import EURO, POINTS


def _day(value) -> str:
    return date_format(value, "j F Y")


def _percent(value) -> str:
    return f"{format_value(value, 1)}%"


def _counted(count: int) -> str:
    return ngettext(
        "Percentages of the %(count)s municipality; the table gives the same figures.",
        "Percentages of the %(count)s municipalities; the table gives the same figures.",
        count,
    ) % {"count": count}


def _euros(amount: Decimal | None) -> int | None:
    return None if amount is None else int(amount.quantize(Decimal("1")))


# --- summary --------------------------------------------------------------------------------------


def summary_figures(scope) -> list[Sheet]:
    total = scope.total
    pairs = total * len(scope.blocks)
    top = scope.levels[-1].pk if scope.levels else None
    at_top = sum(1 for state in scope.states.values() if state.level_id == top)
    earlier = scope.compared_dates[-1]
    at_top_earlier = sum(counts[-1] for counts in scope.level_counts(earlier).values() if counts)
    measured = scope.measured_agreements
    meeting_all = sum(1 for met in scope.agreements_met.values() if measured and met == len(measured))
    entered = len(scope.agreements)
    of_total = max(scope.programme.result_agreement_total or entered, entered)
    at_risk = len({row.municipality.pk for row in scope.risk.rows})
    unreached = len(scope.unreached)
    figures = Sheet(
        _("Headline figures on %(date)s") % {"date": _day(scope.on)},
        [
            Column(_("Figure"), TEXT),
            Column(_("Number"), INTEGER),
            Column(_("Out of"), INTEGER),
            Column(_("Share (%)"), PERCENT),
        ],
        [
            [_("Municipalities in the programme"), total, None, None],
            [_("Result agreements entered"), entered, of_total, share(entered, of_total)],
            [
                _("Municipalities meeting every measured result agreement"),
                meeting_all if measured else None,
                total,
                share(meeting_all, total) if measured else None,
            ],
            [
                _("Municipality × building block pairs at the highest level"),
                at_top,
                pairs,
                share(at_top, pairs),
            ],
            [
                _("The same on %(date)s") % {"date": _day(earlier)},
                at_top_earlier,
                pairs,
                share(at_top_earlier, pairs),
            ],
            [_("Municipalities with a deadline at risk or missed"), at_risk, total, share(at_risk, total)],
            [_("Municipalities not reached yet"), unreached, total, share(unreached, total)],
            [_("Open questions in the knowledge centre"), scope.questions.open, None, None],
            [
                _("Ideas under consideration or planned"),
                scope.ideas.by_status[IdeaStatus.UNDER_CONSIDERATION] + scope.ideas.by_status[IdeaStatus.PLANNED],
                scope.ideas.proposed,
                None,
            ],
        ],
    )
    planned, spent = _budget_totals(scope.states.values())
    money = Sheet(
        _("Budgets"),
        [Column(_("Budget"), TEXT), Column(_("Amount (€)"), EURO)],
        [[str(budget.get_kind_display()).capitalize(), _euros(budget.amount)] for budget in scope.budgets]
        + [
            [_("Planned by the municipalities (reported)"), _euros(planned)],
            [_("Spent by the municipalities (reported)"), _euros(spent)],
        ],
    )
    return [figures, money]


def _budget_totals(states) -> tuple[Decimal, Decimal]:
    planned = sum((state.budget_planned for state in states if state.budget_planned is not None), Decimal(0))
    spent = sum((state.budget_spent for state in states if state.budget_spent is not None), Decimal(0))
    return planned, spent


# --- result agreements ----------------------------------------------------------------------------


def agreement_figures(scope) -> list[Sheet]:
    total = scope.total
    national = Sheet(
        _("Result agreements and the municipalities meeting them"),
        [
            Column(_("Result agreement"), TEXT),
            Column(_("Building blocks"), TEXT),
            Column(_("Required level"), TEXT),
            Column(_("Deadline"), DATE),
            Column(_("Measured on"), DATE),
            Column(_("Municipalities meeting it"), INTEGER),
            Column(_("Municipalities"), INTEGER),
            Column(_("Share meeting it (%)"), PERCENT),
        ],
        [
            [
                str(result.agreement),
                ", ".join(block.code for block in result.building_blocks) or _("none linked"),
                result.agreement.required_level.name,
                result.agreement.deadline,
                result.measured_on if result.met_ids is not None else None,
                result.met,
                total,
                result.share,
            ]
            for result in scope.agreements
        ],
    )
    tables = [national]
    measured = scope.measured_agreements
    if not measured:
        return tables
    count = len(measured)
    met = Counter(scope.agreements_met.values())
    tables.append(
        Sheet(
            _("Municipalities by the number of result agreements they meet (of %(count)s measured)") % {"count": count},
            [
                Column(_("Result agreements met"), TEXT),
                Column(_("Municipalities"), INTEGER),
                Column(_("Share (%)"), PERCENT),
            ],
            [
                [
                    _("%(met)s of %(count)s") % {"met": number, "count": count},
                    met.get(number, 0),
                    share(met.get(number, 0), total),
                ]
                for number in range(count, -1, -1)
            ],
        )
    )
    if scope.brief:
        return tables
    by_province: dict[str, list] = defaultdict(list)
    for municipality in scope.municipalities:
        by_province[municipality.province.name].append(municipality.pk)
    columns = [
        Column(_("Province"), TEXT),
        Column(_("Municipalities"), INTEGER),
        Column(_("Meeting every agreement"), INTEGER),
        Column(_("Share meeting every agreement (%)"), PERCENT),
    ] + [Column(_("No. %(number)s (%%)") % {"number": result.agreement.number}, PERCENT) for result in measured]
    rows = []
    for province, ids in sorted(by_province.items()):
        all_met = sum(1 for pk in ids if scope.agreements_met[pk] == count)
        rows.append(
            [province, len(ids), all_met, share(all_met, len(ids))]
            + [share(len(result.met_ids.intersection(ids)), len(ids)) for result in measured]
        )
    tables.append(Sheet(_("Result agreements met per province"), columns, rows))
    if scope.details_visible:
        tables.append(
            Sheet(
                _("Result agreements met per municipality"),
                [
                    Column(_("Municipality"), TEXT),
                    Column(_("Code"), TEXT),
                    Column(_("Province"), TEXT),
                    Column(_("Result agreements met"), INTEGER),
                    Column(_("Measured"), INTEGER),
                    Column(_("Share (%)"), PERCENT),
                ],
                [
                    [
                        municipality.name,
                        municipality.code,
                        municipality.province.name,
                        scope.agreements_met[municipality.pk],
                        count,
                        share(scope.agreements_met[municipality.pk], count),
                    ]
                    for municipality in scope.municipalities
                ],
            )
        )
    return tables


def agreement_charts(section) -> list:
    rows = [(row[0], row[7]) for row in section.tables[0].rows if row[5] is not None]
    if not rows:
        return []
    return [
        bar_chart(
            rows,
            title=_("Share of municipalities meeting each result agreement"),
            description=_counted(section.tables[0].rows[0][6]),
            max_value=100,
            value_format=_percent,
            colour="#009E73",
        )
    ]


# --- progress and trend ---------------------------------------------------------------------------


def progress_figures(scope) -> list[Sheet]:
    levels, total = scope.levels, scope.total
    now = scope.level_counts()
    three, twelve = scope.compared_dates
    before = {date: scope.level_counts(date) for date in scope.compared_dates}
    top = levels[-1].name if levels else ""

    def top_share(counts, block) -> float | None:
        values = counts.get(block.pk)
        return share(values[-1], total) if values else None

    rows = []
    for block in scope.blocks:
        current, earlier = top_share(now, block), top_share(before[twelve], block)
        change = None if current is None or earlier is None else round(current - earlier, 1)
        rows.append([block.name, current, top_share(before[three], block), earlier, change])
    trend = Sheet(
        _("Share of municipalities at the highest level (%(level)s) on %(date)s, %(three)s and %(twelve)s")
        % {"level": top, "date": _day(scope.on), "three": _day(three), "twelve": _day(twelve)},
        [
            Column(_("Building block"), TEXT),
            Column(_("On the date (%)"), PERCENT),
            Column(_("3 months earlier (%)"), PERCENT),
            Column(_("12 months earlier (%)"), PERCENT),
            Column(_("Change in 12 months (percentage points)"), POINTS),
        ],
        rows,
    )
    if scope.brief:
        return [trend]
    distribution = Sheet(
        _("Municipalities per building block and status level on %(date)s") % {"date": _day(scope.on)},
        [Column(_("Building block"), TEXT), Column(_("Code"), TEXT)]
        + [Column(level.name, INTEGER) for level in levels]
        + [Column(_("Municipalities"), INTEGER)],
        [[block.name, block.code, *now[block.pk], total] for block in scope.blocks],
    )
    return [trend, distribution]


def progress_charts(section) -> list:
    trend = section.tables[0]
    charts = [
        bar_chart(
            [(row[0], row[1]) for row in trend.rows],
            title=_("Share of municipalities at the highest level per building block"),
            description=_("Percentages on the report's date; the table gives the same figures and the trend."),
            max_value=100,
            value_format=_percent,
        )
    ]
    if len(section.tables) > 1:
        distribution = section.tables[1]
        levels = [str(column.heading) for column in distribution.columns[2:-1]]
        charts.append(
            stacked_bar_chart(
                [(row[0], row[2:-1]) for row in distribution.rows],
                levels,
                title=_("Distribution over the status levels per building block"),
                description=_(
                    "For each building block, how many municipalities are at each status level; "
                    "the table gives the same figures."
                ),
                axis_label=_("Share of the municipalities"),
            )
        )
    return charts


# --- deadline risk --------------------------------------------------------------------------------


def risk_figures(scope) -> list[Sheet]:
    risk = scope.risk
    total = scope.total
    worst: dict[int, int] = {}
    for row in risk.rows:
        worst[row.municipality.pk] = max(worst.get(row.municipality.pk, 0), int(row.risk))
    per_risk = Counter(worst.values())
    on_track = total - len(worst)
    summary = Sheet(
        _("Municipalities by their highest deadline risk on %(date)s") % {"date": _day(scope.on)},
        [Column(_("Risk"), TEXT), Column(_("Municipalities"), INTEGER), Column(_("Share (%)"), PERCENT)],
        [
            [str(RISK_LABELS[level]), per_risk.get(int(level), 0), share(per_risk.get(int(level), 0), total)]
            for level in LISTED_RISKS
        ]
        + [[_("on track or reached"), on_track, share(on_track, total)]],
    )
    if scope.brief:
        return [summary]
    per_block = Sheet(
        _("Municipalities at risk per building block"),
        [Column(_("Building block"), TEXT)]
        + [Column(str(RISK_LABELS[level]), INTEGER) for level in LISTED_RISKS]
        + [Column(_("At risk"), INTEGER)],
        [[count.building_block.name, *count.values, count.at_risk] for count in risk.counts()],
    )
    return [summary, per_block]


def risk_charts(section) -> list:
    if len(section.tables) < 2 or not section.tables[1].rows:
        return []
    table = section.tables[1]
    return [
        stacked_bar_chart(
            [(row[0], row[1:-1]) for row in table.rows],
            [str(column.heading) for column in table.columns[1:-1]],
            title=_("Municipalities at risk per building block"),
            description=_("For each building block, the municipalities per risk; the table gives the same figures."),
            normalise=False,
            palette="categorical",
            axis_label=_("Municipalities"),
        )
    ]


# --- blockers -------------------------------------------------------------------------------------


def blocker_figures(scope) -> list[Sheet]:
    total = scope.total
    pairs: Counter = Counter()
    municipalities: dict[str, set[int]] = defaultdict(set)
    per_block: dict[int, Counter] = defaultdict(Counter)
    reported: Counter = Counter()
    blocked: Counter = Counter()
    for (municipality_id, block_id), state in scope.states.items():
        reported[block_id] += 1
        blocked[block_id] += state.blockers > 0
        for blocker in BLOCKERS:
            if state.blockers & blocker.bit:
                pairs[blocker.code] += 1
                municipalities[blocker.code].add(municipality_id)
                per_block[block_id][blocker.code] += 1
    categories = Sheet(
        _("Blockers by category on %(date)s") % {"date": _day(scope.on)},
        [
            Column(_("Blocker"), TEXT),
            Column(_("Building blocks held back (municipality × building block)"), INTEGER),
            Column(_("Municipalities"), INTEGER),
            Column(_("Share of the municipalities (%)"), PERCENT),
        ],
        [
            [
                str(blocker.label),
                pairs[blocker.code],
                len(municipalities[blocker.code]),
                share(len(municipalities[blocker.code]), total),
            ]
            for blocker in BLOCKERS
        ],
    )
    by_block = Sheet(
        _("Blockers per building block"),
        [Column(_("Building block"), TEXT), Column(_("Reported"), INTEGER), Column(_("With a blocker"), INTEGER)]
        + [Column(str(blocker.label), INTEGER) for blocker in BLOCKERS],
        [
            [
                block.name,
                reported[block.pk],
                blocked[block.pk],
                *(per_block[block.pk][blocker.code] for blocker in BLOCKERS),
            ]
            for block in scope.blocks
        ],
    )
    return [categories, by_block]


def blocker_charts(section) -> list:
    table = section.tables[0]
    return [
        bar_chart(
            [(row[0], row[2]) for row in table.rows],
            title=_("Municipalities held back per category of blocker"),
            description=_(
                "The number of municipalities with the blocker on at least one building block; "
                "the table gives the same figures."
            ),
            whole_numbers=True,
            colour="#D55E00",
        )
    ]


# --- municipalities not reached yet ---------------------------------------------------------------


def unreached_figures(scope) -> list[Sheet]:
    unreached = scope.unreached
    by_province: dict[str, Counter] = defaultdict(Counter)
    for municipality in scope.municipalities:
        counts = by_province[municipality.province.name]
        counts["total"] += 1
        counts[unreached.get(municipality.pk, "reached")] += 1
    rows = []
    for province, counts in [*sorted(by_province.items()), (_("All provinces"), sum(by_province.values(), Counter()))]:
        not_reached = counts["none"] + counts["lowest"]
        rows.append(
            [
                province,
                counts["total"],
                counts["none"],
                counts["lowest"],
                not_reached,
                share(not_reached, counts["total"]),
            ]
        )
    tables = [
        Sheet(
            _("Municipalities not reached yet on %(date)s, per province") % {"date": _day(scope.on)},
            [
                Column(_("Province"), TEXT),
                Column(_("Municipalities"), INTEGER),
                Column(_("No report"), INTEGER),
                Column(_("Only the lowest level"), INTEGER),
                Column(_("Not reached"), INTEGER),
                Column(_("Share not reached (%)"), PERCENT),
            ],
            rows,
        )
    ]
    if scope.details_visible:
        situation = {"none": _("no report on any building block"), "lowest": _("only the lowest level")}
        tables.append(
            Sheet(
                _("Municipalities not reached yet"),
                [
                    Column(_("Municipality"), TEXT),
                    Column(_("Code"), TEXT),
                    Column(_("Province"), TEXT),
                    Column(_("Situation"), TEXT),
                ],
                [
                    [
                        municipality.name,
                        municipality.code,
                        municipality.province.name,
                        situation[unreached[municipality.pk]],
                    ]
                    for municipality in scope.municipalities
                    if municipality.pk in unreached
                ],
            )
        )
    return tables


# --- budget ---------------------------------------------------------------------------------------


def budget_figures(scope) -> list[Sheet]:
    programme_budget = Sheet(
        _("The programme's own budget"),
        [
            Column(_("Budget"), TEXT),
            Column(_("Description"), TEXT),
            Column(_("Amount (€)"), EURO),
            Column(_("Source"), TEXT),
        ],
        [
            [
                str(budget.get_kind_display()).capitalize(),
                budget.localised_description,
                _euros(budget.amount),
                budget.source_url,
            ]
            for budget in scope.budgets
        ],
    )
    per_block: dict[int, list] = defaultdict(lambda: [0, Decimal(0), Decimal(0)])
    for (_municipality, block_id), state in scope.states.items():
        if state.budget_planned is None and state.budget_spent is None:
            continue
        values = per_block[block_id]
        values[0] += 1
        values[1] += state.budget_planned or 0
        values[2] += state.budget_spent or 0
    planned, spent = _budget_totals(scope.states.values())
    with_budget = len(
        {
            pair[0]
            for pair, state in scope.states.items()
            if state.budget_planned is not None or state.budget_spent is not None
        }
    )
    rows = []
    if not scope.brief:
        for block in scope.blocks:
            count, block_planned, block_spent = per_block[block.pk]
            rows.append(
                [
                    block.name,
                    count,
                    _euros(block_planned),
                    _euros(block_spent),
                    share(float(block_spent), float(block_planned)) if block_planned else None,
                ]
            )
    rows.append(
        [
            _("All building blocks"),
            with_budget,
            _euros(planned),
            _euros(spent),
            share(float(spent), float(planned)) if planned else None,
        ]
    )
    reported = Sheet(
        _("Budgets reported by the municipalities on %(date)s") % {"date": _day(scope.on)},
        [
            Column(_("Building block"), TEXT),
            Column(_("Municipalities with a budget"), INTEGER),
            Column(_("Planned (€)"), EURO),
            Column(_("Spent (€)"), EURO),
            Column(_("Spent of planned (%)"), PERCENT),
        ],
        rows,
    )
    return [programme_budget, reported]


# --- knowledge centre and co-creation -------------------------------------------------------------


def knowledge_figures(scope) -> list[Sheet]:
    figures = scope.questions
    counts = Sheet(
        _("Questions about the programme's building blocks on %(date)s") % {"date": _day(scope.on)},
        [Column(_("Questions"), TEXT), Column(_("Number"), INTEGER)],
        [[_("Asked"), figures.asked], [_("Answered"), figures.answered], [_("Open"), figures.open]],
    )
    top_blocks = sorted(figures.open_by_block.items(), key=lambda item: (-item[1], item[0]))[:TOP_COUNT]
    blocks = Sheet(
        _("Building blocks with the most open questions"),
        [
            Column(_("Building block"), TEXT),
            Column(_("Open questions"), INTEGER),
            Column(_("Questions asked"), INTEGER),
        ],
        [[name, count, figures.asked_by_block[name]] for name, count in top_blocks],
    )
    top_themes = sorted(figures.open_by_theme.items(), key=lambda item: (-item[1], item[0]))[:TOP_COUNT]
    themes = Sheet(
        _("Themes with the most open questions"),
        [Column(_("Theme"), TEXT), Column(_("Open questions"), INTEGER)],
        [[name or pgettext("theme", "none"), count] for name, count in top_themes],
    )
    return [counts, blocks, themes]


def cocreation_figures(scope) -> list[Sheet]:
    ideas = scope.ideas
    labels = dict(IdeaStatus.choices)
    by_status = Sheet(
        _("Ideas proposed by %(date)s, by their status on that day") % {"date": _day(scope.on)},
        [Column(_("Status"), TEXT), Column(_("Ideas"), INTEGER)],
        [[str(labels[status]).capitalize(), ideas.by_status.get(status, 0)] for status in IdeaStatus.values]
        + [[_("All ideas"), ideas.proposed]],
    )
    top = Sheet(
        _("The most supported ideas"),
        [
            Column(_("Idea"), TEXT),
            Column(_("Building block"), TEXT),
            Column(_("Status"), TEXT),
            Column(_("Votes"), INTEGER),
        ],
        [[row.title, row.building_block, str(labels.get(row.status, row.status)), row.votes] for row in ideas.top],
    )
    return [by_status, top]


SECTIONS = [
    Section("summary", gettext_lazy("Summary"), summary_figures, 10, ALL_TEMPLATES, "reports/sections/summary.html"),
    Section(
        "agreements",
        gettext_lazy("Result agreements"),
        agreement_figures,
        20,
        ALL_TEMPLATES,
        "reports/sections/agreements.html",
        charts=agreement_charts,
    ),
    Section(
        "progress",
        gettext_lazy("Progress per building block"),
        progress_figures,
        30,
        ALL_TEMPLATES,
        "reports/sections/progress.html",
        charts=progress_charts,
    ),
    Section(
        "risk",
        gettext_lazy("Deadline risk"),
        risk_figures,
        40,
        ALL_TEMPLATES,
        "reports/sections/risk.html",
        charts=risk_charts,
    ),
    Section(
        "blockers",
        gettext_lazy("Blockers"),
        blocker_figures,
        50,
        FULL_TEMPLATES,
        "reports/sections/blockers.html",
        charts=blocker_charts,
    ),
    Section(
        "unreached",
        gettext_lazy("Municipalities not reached yet"),
        unreached_figures,
        60,
        FULL_TEMPLATES,
        "reports/sections/unreached.html",
    ),
    Section("budget", gettext_lazy("Budget"), budget_figures, 70, ALL_TEMPLATES, "reports/sections/budget.html"),
    Section(
        "knowledge",
        gettext_lazy("Questions to the knowledge centre"),
        knowledge_figures,
        80,
        FULL_TEMPLATES,
        "reports/sections/knowledge.html",
    ),
    Section(
        "cocreation",
        gettext_lazy("Ideas (co-creation)"),
        cocreation_figures,
        90,
        FULL_TEMPLATES,
        "reports/sections/cocreation.html",
    ),
]
