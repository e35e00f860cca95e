# SPDX-License-Identifier: EUPL-1.2
import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from bouwplaats.monitor import rules, services
from bouwplaats.monitor.constants import MAX_TEXT_LENGTH
from bouwplaats.monitor.imports import services as imports
from bouwplaats.monitor.imports.checking import render_message

from ..imports.files import csv_file

D = datetime.date
NOON = datetime.datetime(2021, 3, 1, 12, tzinfo=datetime.UTC)


def test_a_report_is_newer_by_date_then_by_moment_of_recording():
    earlier = SimpleNamespace(valid_from=D(2021, 3, 1), recorded_at=NOON)
    same_day_later = SimpleNamespace(valid_from=D(2021, 3, 1), recorded_at=NOON + datetime.timedelta(hours=1))
    back_dated = SimpleNamespace(valid_from=D(2021, 2, 1), recorded_at=NOON + datetime.timedelta(days=1))
    assert rules.is_newer(same_day_later, earlier) and rules.is_newer(earlier, earlier)
    assert not rules.is_newer(back_dated, earlier)


def test_the_state_of_a_pair_nobody_reported_for_is_the_lowest_level_only():
    event = SimpleNamespace(level_id=7, planned_date=None, budget_planned=None, budget_spent=None, blockers=0, note="x")
    assert rules.state(event) == rules.initial_state(7) == (7, None, None, None, 0)
    assert rules.state(SimpleNamespace(**{**vars(event), "blockers": 1})) != rules.initial_state(7)


def test_dates_and_budgets():
    today = D(2021, 3, 1)
    assert rules.is_future(D(2021, 3, 2), today) and not rules.is_future(today, today)
    assert rules.is_negative("-0.01") and not rules.is_negative(0) and not rules.is_negative(None)


def test_texts_and_web_addresses_follow_the_fields_of_an_event():
    assert rules.fits_field("note", "x" * MAX_TEXT_LENGTH) and not rules.fits_field("note", "x" * (MAX_TEXT_LENGTH + 1))
    assert rules.fits_field("evidence_url", "https://example.org/plan.pdf") and rules.fits_field("evidence_url", "")
    assert not rules.fits_field("evidence_url", "not a url")
    assert not rules.fits_field("evidence_url", "https://example.org/" + "a" * 500)  # the column holds 500


@pytest.mark.django_db
def test_a_report_and_an_import_refuse_the_same_texts(staff, programme, levels, blocks, town_a):
    a, _, _ = blocks
    too_long, not_a_url = "x" * (MAX_TEXT_LENGTH + 1), "https://exa mple.org"
    for values in ({"note": too_long}, {"evidence_url": not_a_url}):
        with pytest.raises(ValidationError) as refused:
            services.status_report(actor=staff, municipality=town_a, building_block=a, level=levels[1], **values)
        assert set(refused.value.message_dict) == set(values)
    file = csv_file(
        [["GM0363", "AAA", "stap-1", too_long, ""], ["GM0363", "BBB", "stap-1", "", not_a_url]],
        header=["gemeentecode", "bouwsteen", "niveau", "toelichting", "bewijs_url"],
    )
    batch = imports.import_check(actor=staff, programme=programme, file=file, valid_on=D(2021, 3, 1))
    assert [[render_message(m) for m in row["messages"]] for row in batch.report["rows"]] == [
        [f"The text in the column “toelichting” is too long: at most {MAX_TEXT_LENGTH} characters."],
        [f"“{not_a_url}” is not a valid web address."],
    ]
