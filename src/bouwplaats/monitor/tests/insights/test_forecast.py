# SPDX-License-Identifier: EUPL-1.2
"""The deadline-risk rules on plain values."""

import datetime

import pytest

from bouwplaats.monitor.insights import forecast as rules
from bouwplaats.monitor.insights.forecast import Risk

ON = datetime.date(2014, 1, 1)
DEADLINE = datetime.date(2015, 1, 1)


def run(**kwargs):
    arguments = {"on": ON, "deadline": DEADLINE, "position": 1, "required": 3, "position_before": 1} | kwargs
    return rules.forecast(**arguments)


def codes(result):
    return [reason.code for reason in result.reasons]


def test_a_reached_level_has_no_forecast():
    assert run(position=3, position_before=0) is None
    assert run(position=4, required=3) is None


def test_stalled_without_other_reasons_is_medium_and_has_no_expected_date():
    result = run(stalled_since=datetime.date(2012, 5, 1))
    assert result.stalled
    assert result.expected is None
    assert result.risk == Risk.MEDIUM
    assert codes(result) == ["stalled"]
    assert "since May 2012" in result.reasons[0].text


def test_pace_on_track_is_not_a_risk():
    # Two levels gained in 12 months: one level per 6 months; two more take 12 months (< deadline).
    result = run(position=2, position_before=0, required=3)
    assert result.pace == pytest.approx(2 / 12)
    assert result.expected == ON + datetime.timedelta(days=183)
    assert result.risk == Risk.NONE
    assert result.reasons == []


def test_too_slow_a_pace_is_a_risk_with_the_expected_date():
    # One level in 12 months, two more levels: two years, after the deadline.
    result = run(position=1, position_before=0, required=3)
    assert result.expected == ON + datetime.timedelta(days=731)
    assert result.expected > DEADLINE
    assert result.risk == Risk.MEDIUM
    assert codes(result) == ["slow"]
    assert "2 more levels take until 2 January 2016" in result.reasons[0].text


def test_blockers_raise_the_risk():
    on_track = run(position=2, position_before=0, blocker_labels=["capacity"])
    assert on_track.risk == Risk.LOW
    assert codes(on_track) == ["blockers"]
    assert on_track.reasons[0].text == "blockers: capacity"
    stalled = run(blocker_labels=["capacity", "budget"])
    assert stalled.risk == Risk.HIGH
    assert codes(stalled) == ["stalled", "blockers"]


def test_a_planned_date_after_the_deadline_raises_the_risk():
    on_pace = run(position=2, position_before=0, planned_date=datetime.date(2015, 3, 1))
    assert on_pace.risk == Risk.MEDIUM
    assert codes(on_pace) == ["planned_late"]
    assert run(position=2, position_before=0, planned_date=datetime.date(2014, 12, 1)).risk == Risk.NONE
    slow_and_late = run(position=1, position_before=0, planned_date=datetime.date(2016, 1, 1))
    assert slow_and_late.risk == Risk.HIGH


def test_a_passed_deadline_is_missed():
    result = run(on=datetime.date(2015, 2, 1), position=2, position_before=0)
    assert result.risk == Risk.MISSED
    assert codes(result)[0] == "missed"


def test_a_level_that_went_down_counts_as_no_progress():
    result = run(position=1, position_before=2)
    assert result.gained == 0
    assert result.stalled
