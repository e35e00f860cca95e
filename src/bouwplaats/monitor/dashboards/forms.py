# SPDX-License-Identifier: EUPL-1.2
"""The filters of the programme overview (a GET form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bouwplaats.organisations.forms import AreaFilterForm

from ..forms import RegisteredFilters


class OverviewFilterForm(RegisteredFilters, AreaFilterForm):
    bouwsteen = forms.ChoiceField(
        label=_("Trend of"),
        required=False,
        help_text=_("All building blocks (the share at the highest level), or the levels of one block."),
    )

    def __init__(self, *args, blocks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bouwsteen"].choices = [("", _("All building blocks"))] + [
            (block.code, f"{block.name} ({block.code})") for block in sorted(blocks, key=lambda b: b.name)
        ]

    def filters(self) -> dict:
        return {**super().filters(), "block_code": self.valid_data().get("bouwsteen") or ""}
