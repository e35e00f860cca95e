# SPDX-License-Identifier: EUPL-1.2
"""The site's date and number formats per language (``conf/formats``, Django's filters)."""

import datetime

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.utils import translation

DAY = datetime.date(2014, 3, 16)
MOMENT = datetime.datetime(2014, 3, 16, 9, 5)


@pytest.mark.parametrize(
    ("language", "short", "short_with_time", "long"),
    [
        ("nl", "16 mrt 2014", "16 mrt 2014 09:05", "16 maart 2014"),
        ("en", "16 Mar 2014", "16 Mar 2014 09:05", "March 16, 2014"),
    ],
)
def test_dates_in_the_language_of_the_page(language, short, short_with_time, long):
    with translation.override(language):
        assert date_filter(DAY, "SHORT_DATE_FORMAT") == short
        assert date_filter(MOMENT, "SHORT_DATETIME_FORMAT") == short_with_time
        assert date_filter(DAY, "DATE_FORMAT") == long


def test_no_dutch_month_abbreviation_is_capitalised():
    with translation.override("nl"):
        shown = [date_filter(datetime.date(2014, month, 1), "SHORT_DATE_FORMAT") for month in range(1, 13)]
    assert shown[2] == "1 mrt 2014"
    assert all(text.split()[1].islower() for text in shown)


@pytest.mark.parametrize(
    ("language", "grouped", "amount"), [("nl", "1.234.567", "147.500"), ("en", "1,234,567", "147,500")]
)
def test_numbers_grouped_by_thousands(language, grouped, amount):
    with translation.override(language):
        assert intcomma(1234567) == grouped
        assert floatformat(147500, "0g") == amount
        assert intcomma(12) == "12"
