# SPDX-License-Identifier: EUPL-1.2
"""The filters of the insight pages (GET forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bouwplaats.organisations.forms import AreaFilterForm
from bouwplaats.ui.forms import DateField

from ..forms import RegisteredFilters
from .forecast import LISTED_RISKS, RISK_LABELS


class InsightFilterForm(RegisteredFilters, AreaFilterForm):
    """Province and size class, and the registered filters given as ``extra_filters``; pages that show a
    state on a date add ``peildatum``."""

    def __init__(self, *args, with_date: bool = False, date_label=None, date_help=None, **kwargs):
        super().__init__(*args, **kwargs)
        if with_date:
            self.fields["peildatum"] = DateField(
                label=date_label or _("As of"),
                required=False,
                help_text=date_help or _("Show the state on this date (empty: today)."),
            )

    def filters(self) -> dict:
        """Province and size class, and the date (``on``) where the page asks for one."""
        if "peildatum" not in self.fields:
            return super().filters()
        return {**super().filters(), "on": self.valid_data().get("peildatum")}


class RiskFilterForm(InsightFilterForm):
    """The filters of the deadline-risk list: also a building block and a risk level."""

    bouwsteen = forms.ChoiceField(label=_("Building block"), required=False)
    risico = forms.TypedChoiceField(
        label=_("Risk"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All risks"))] + [(int(risk), RISK_LABELS[risk]) for risk in LISTED_RISKS],
    )

    def __init__(self, *args, blocks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bouwsteen"].choices = [("", _("All building blocks"))] + [
            (block.code, block.name) for block in blocks
        ]
