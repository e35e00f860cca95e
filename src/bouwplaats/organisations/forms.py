# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.utils.translation import gettext_lazy as _

from bouwplaats.ui.forms import DateField

from .constants import SIZE_CLASSES
from .selectors import DEFAULT_DIVISION_DATE, provinces


class AreaFilterForm(forms.Form):
    """The province and size-class filters of a GET form, for every page that lists or counts
    municipalities; ``filters()`` gives them as ``province`` and ``size_class``."""

    provincie = forms.ChoiceField(label=_("Province"), required=False)
    grootteklasse = forms.TypedChoiceField(
        label=_("Size class"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All size classes"))] + [(size.code, size.label) for size in SIZE_CLASSES],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provincie"].choices = [("", _("All provinces"))] + [
            (province.code, province.name) for province in provinces()
        ]

    def valid_data(self) -> dict:
        """The valid values: none when the form was not submitted; invalid fields are left out (and
        shown as errors)."""
        self.is_valid()
        return getattr(self, "cleaned_data", {})

    def filters(self) -> dict:
        data = self.valid_data()
        return {"province": data.get("provincie") or "", "size_class": data.get("grootteklasse")}


class MunicipalitySearchForm(AreaFilterForm):
    """The search and filters of the municipality list (a GET form)."""

    field_order = ["q"]
    q = forms.CharField(
        label=_("Name or code"),
        required=False,
        max_length=100,
        help_text=_("For example Amsterdam, 0363 or GM0363."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    peildatum = DateField(
        label=_("Division on"),
        required=False,
        help_text=_("The municipalities that existed on this date."),
    )

    def filters(self) -> dict:
        """The valid filters as arguments for ``selectors.search_municipalities``."""
        data = self.valid_data()
        return {"on": data.get("peildatum") or DEFAULT_DIVISION_DATE, "query": data.get("q") or "", **super().filters()}
