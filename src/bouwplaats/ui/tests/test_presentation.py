import datetime

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import translation

from bouwplaats.ui.presentation import choice_labels, grouped_number_formatter, long_date_formatter

DATES = [datetime.date(2013, 3, 5), datetime.date(2013, 3, 31), datetime.date(2014, 12, 1), datetime.date(2012, 1, 9)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_long_dates_read_as_the_date_filter(language):
    with translation.override(language):
        long_date = long_date_formatter()
        assert [long_date(day) for day in DATES] == [date_filter(day, "j F Y") for day in DATES]


def test_long_dates_follow_the_language():
    with translation.override("nl"):
        assert long_date_formatter()(DATES[0]) == "5 maart 2013"
    with translation.override("en"):
        assert long_date_formatter()(DATES[0]) == "5 March 2013"


@pytest.mark.parametrize(("language", "expected"), [("nl", "1.234.567"), ("en", "1,234,567")])
def test_grouped_numbers(language, expected):
    with translation.override(language):
        assert grouped_number_formatter()(1234567) == expected
        assert grouped_number_formatter()(12) == "12"


def test_choice_labels_are_translated_text():
    with translation.override("en"):
        assert choice_labels([("a", translation.gettext_lazy("Yes"))]) == {"a": "Yes"}


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("monitor:municipality-progress", ["GM0363"]),
        ("monitor:block-history", ["GM0363", "DIGID"]),
        ("knowledge:question-detail", [12]),
        ("catalogue:building-block-detail", ["operatie-nup", "BRP"]),
    ],
)
def test_urls_made_per_row_equal_reverse(name, args):
    from django.urls import reverse

    from bouwplaats.ui.presentation import url_maker

    make = url_maker(name)
    assert make(*args) == reverse(name, args=args)
    assert make(*args) == reverse(name, args=args)  # again, from the pattern kept


def test_short_dates_read_as_the_date_filter():
    from bouwplaats.ui.presentation import short_date_formatter

    for language in ("nl", "en"):
        with translation.override(language):
            short_date = short_date_formatter()
            assert [short_date(day) for day in DATES] == [date_filter(day, "j M Y") for day in DATES]
