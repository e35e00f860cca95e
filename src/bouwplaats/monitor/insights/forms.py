"""The filters of the insight pages (GET forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bouwplaats.organisations.constants import SIZE_CLASSES
from bouwplaats.organisations.selectors import provinces
from bouwplaats.ui.forms import DateField

from .forecast import LISTED_RISKS, RISK_LABELS


class InsightFilterForm(forms.Form):
    """Province and size class; pages that show a state on a date add ``peildatum``."""

    provincie = forms.ChoiceField(label=_("Province"), required=False)
    grootteklasse = forms.TypedChoiceField(
        label=_("Size class"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All size classes"))] + [(size.code, size.label) for size in SIZE_CLASSES],
    )

    def __init__(self, *args, with_date: bool = False, date_label=None, date_help=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provincie"].choices = [("", _("All provinces"))] + [
            (province.code, province.name) for province in provinces()
        ]
        if with_date:
            self.fields["peildatum"] = DateField(
                label=date_label or _("As of"),
                required=False,
                help_text=date_help or _("Show the state on this date (empty: today)."),
            )

    def filters(self) -> dict:
        """The valid filters (invalid fields are left out, and shown as errors)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "province": data.get("provincie") or "",
            "size_class": data.get("grootteklasse"),
            "on": data.get("peildatum"),
        }


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
