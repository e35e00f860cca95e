"""Formatting for the rows of long lists, in the active language.

The template filters (``date``, ``intcomma``) look up the formats and translations again for every
value; on a page of fifty rows that adds up. These helpers give the same text, with the lookups
done once per list.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils import formats
from django.utils.dates import MONTHS, MONTHS_3


def long_date_formatter() -> Callable[[datetime.date], str]:
    """``date|date:"j F Y"`` for many dates: day, the month's name (``F``, translated once per
    month) and the year."""
    months: dict[int, str] = {}

    def format_date(value: datetime.date) -> str:
        month = months.get(value.month)
        if month is None:
            month = months[value.month] = str(MONTHS[value.month])
        return f"{value.day} {month} {value.year}"

    return format_date


def short_date_formatter() -> Callable[[datetime.date], str]:
    """``date|date:"j M Y"`` for many dates: day, the month's abbreviation (``M``) and the year."""
    months: dict[int, str] = {}

    def format_date(value: datetime.date) -> str:
        month = months.get(value.month)
        if month is None:
            month = months[value.month] = str(MONTHS_3[value.month]).title()
        return f"{value.day} {month} {value.year}"

    return format_date


def url_maker(url_name: str) -> Callable[..., str]:
    """``reverse(url_name, args=[...])`` for many rows: reversed once with a marker per argument,
    then each row's values put in by text. For arguments that reverse would not quote (codes,
    numbers). The markers are digits, so that number converters accept them too."""
    patterns: dict[int, tuple[str, list[str]]] = {}

    def make(*values) -> str:
        if len(values) not in patterns:
            markers = [f"8642097531{index}" for index in range(len(values))]
            patterns[len(values)] = (reverse(url_name, args=markers), markers)
        url, markers = patterns[len(values)]
        for marker, value in zip(markers, values, strict=True):
            url = url.replace(marker, str(value), 1)
        return url

    return make


def grouped_number_formatter() -> Callable[[int], str]:
    """``number|intcomma`` for many whole numbers: the digits grouped by thousands, localised."""
    separator = formats.get_format("THOUSAND_SEPARATOR")
    if formats.get_format("NUMBER_GROUPING") != 3:  # pragma: no cover - every language used groups by three
        return lambda value: formats.number_format(value, force_grouping=True)
    return lambda value: f"{value:,}".replace(",", separator)


def choice_labels(choices) -> dict[str, str]:
    """The translated label of each choice value (``get_FOO_display`` for a whole list)."""
    return {value: str(label) for value, label in choices}
