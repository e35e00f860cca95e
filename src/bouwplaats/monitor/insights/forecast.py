# SPDX-License-Identifier: EUPL-1.2
"""The deadline-risk forecast: the rules, on plain values (see docs/dev/deadline-risk.md).

For one municipality, one building block and one target (a required level by a deadline) that the
municipality has not reached yet on the reference date:

1. **Pace** is the number of levels gained over the last ``WINDOW_MONTHS`` months (from the monthly
   status table; nothing reported counts as the lowest level), divided by that number of months.
2. With a pace above zero, the **expected date** is the reference date plus the months the
   remaining levels take at that pace. With no level gained, the pair is **stalled** and no date
   is expected ("not at this pace").
3. The pair is **expected to miss** the deadline when the deadline has passed, when it is stalled,
   when the expected date falls after the deadline, or when its own planned date does.
4. The **risk** adds points for each reason: stalled or too slow 2, planned date after the
   deadline 2, blockers 1. Three points or more is high, two medium, one low. A passed deadline is
   "missed", above high. Pairs without points are on track and not listed.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, gettext_lazy, ngettext

_ = gettext
WINDOW_MONTHS = 12
DAYS_PER_MONTH = 365.25 / 12


class Risk(IntEnum):
    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    MISSED = 4

    @property
    def label(self) -> str:
        return str(RISK_LABELS[self])

    @property
    def code(self) -> str:
        return self.name.lower()


RISK_LABELS = {
    Risk.NONE: gettext_lazy("on track"),
    Risk.LOW: gettext_lazy("low"),
    Risk.MEDIUM: gettext_lazy("medium"),
    Risk.HIGH: gettext_lazy("high"),
    Risk.MISSED: gettext_lazy("deadline missed"),
}
LISTED_RISKS = [Risk.MISSED, Risk.HIGH, Risk.MEDIUM, Risk.LOW]

POINTS_SLOW = 2
POINTS_PLANNED_LATE = 2
POINTS_BLOCKERS = 1


@dataclass(frozen=True)
class Reason:
    """One reason for a risk; its text is written when shown (in the active language)."""

    code: str  # missed, stalled, slow, planned_late, blockers
    date: datetime.date | None = None
    months: int = 0
    pace: float = 0.0
    levels: int = 0
    blocker_labels: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        if self.code == "missed":
            return _("the deadline of %(date)s has passed") % {"date": _date(self.date)}
        if self.code == "stalled":
            if self.date is None:
                return ngettext(
                    "stalled: no level gained in %(months)d month",
                    "stalled: no level gained in %(months)d months",
                    self.months,
                ) % {"months": self.months}
            return ngettext(
                "stalled: no level gained in %(months)d month (at this level since %(date)s)",
                "stalled: no level gained in %(months)d months (at this level since %(date)s)",
                self.months,
            ) % {
                "months": self.months,
                "date": _month(self.date),
            }
        if self.code == "slow":
            return ngettext(
                "at %(pace)s levels a month, %(levels)d more level takes until %(date)s",
                "at %(pace)s levels a month, %(levels)d more levels take until %(date)s",
                self.levels,
            ) % {
                "pace": _pace(self.pace),
                "levels": self.levels,
                "date": _date(self.date),
            }
        if self.code == "planned_late":
            return _("planned date %(date)s is after the deadline") % {"date": _date(self.date)}
        return _("blockers: %(list)s") % {"list": ", ".join(str(label) for label in self.blocker_labels)}

    def __str__(self) -> str:
        return str(self.text)


@dataclass
class Forecast:
    position: int  # the current level (position on the ladder)
    required: int  # the required level
    gained: int  # levels gained over the window
    pace: float  # levels per month
    expected: datetime.date | None  # None: not at this pace
    risk: Risk
    reasons: list[Reason] = field(default_factory=list)

    @property
    def stalled(self) -> bool:
        return self.gained <= 0


def add_months(date: datetime.date, months: float) -> datetime.date:
    return date + datetime.timedelta(days=math.ceil(months * DAYS_PER_MONTH))


def forecast(
    *,
    on: datetime.date,
    deadline: datetime.date,
    position: int,
    required: int,
    position_before: int,
    blocker_labels: Sequence[str] = (),
    planned_date: datetime.date | None = None,
    stalled_since: datetime.date | None = None,
    months: int = WINDOW_MONTHS,
) -> Forecast | None:
    """The forecast for one pair and target on ``on``; None when the level is already reached.

    ``position_before`` is the level ``months`` months earlier; ``stalled_since`` (optional) the
    first month the current level held, for the explanation.
    """
    if position >= required:
        return None
    gained = max(position - position_before, 0)
    pace = gained / months if months else 0.0
    expected = add_months(on, (required - position) / pace) if pace > 0 else None
    reasons: list[Reason] = []
    points = 0
    if deadline <= on:
        reasons.append(Reason("missed", date=deadline))
    if pace <= 0:
        points += POINTS_SLOW
        reasons.append(Reason("stalled", date=stalled_since, months=months))
    elif expected is not None and expected > deadline:
        points += POINTS_SLOW
        reasons.append(Reason("slow", date=expected, pace=pace, levels=required - position))
    if planned_date is not None and planned_date > deadline:
        points += POINTS_PLANNED_LATE
        reasons.append(Reason("planned_late", date=planned_date))
    if blocker_labels:
        points += POINTS_BLOCKERS
        reasons.append(Reason("blockers", blocker_labels=tuple(blocker_labels)))
    if deadline <= on:
        risk = Risk.MISSED
    elif points >= 3:
        risk = Risk.HIGH
    elif points == 2:
        risk = Risk.MEDIUM
    elif points == 1:
        risk = Risk.LOW
    else:
        risk = Risk.NONE
    return Forecast(
        position=position,
        required=required,
        gained=gained,
        pace=pace,
        expected=expected,
        risk=risk,
        reasons=reasons,
    )


def _date(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _month(value: datetime.date) -> str:
    return date_format(value, "F Y")


def _pace(value: float) -> str:
    return number_format(round(value, 2), decimal_pos=2)
