"""Helpers for the rows of long lists: links and choice labels worked out once per list.

Dates and numbers are not formatted here: templates use Django's localised ``date`` and
``intcomma`` filters, Python ``django.utils.formats.date_format``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse


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


def choice_labels(choices) -> dict[str, str]:
    """The translated label of each choice value (``get_FOO_display`` for a whole list)."""
    return {value: str(label) for value, label in choices}
