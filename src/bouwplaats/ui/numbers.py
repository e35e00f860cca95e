# SPDX-License-Identifier: EUPL-1.2
"""Amounts as the site writes them, in the active language (Django's localised number formatting)."""

from django.template.defaultfilters import floatformat
from django.utils.translation import pgettext


def euros(amount) -> str:
    """An amount in whole euros: "€ 26.400.000" (Dutch), "€26,400,000" (English); "–" for none."""
    if amount is None or amount == "":
        return "–"
    return pgettext("an amount in euros", "€%(amount)s") % {"amount": floatformat(amount, "0g")}
