"""The filters of the programme overview (a GET form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bouwplaats.organisations.constants import SIZE_CLASSES
from bouwplaats.organisations.selectors import provinces


class OverviewFilterForm(forms.Form):
    provincie = forms.ChoiceField(label=_("Province"), required=False)
    grootteklasse = forms.TypedChoiceField(
        label=_("Size class"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All size classes"))] + [(size.code, size.label) for size in SIZE_CLASSES],
    )
    bouwsteen = forms.ChoiceField(
        label=_("Trend of"),
        required=False,
        help_text=_("All building blocks (the share at the highest level), or the levels of one block."),
    )

    def __init__(self, *args, blocks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provincie"].choices = [("", _("All provinces"))] + [
            (province.code, province.name) for province in provinces()
        ]
        self.fields["bouwsteen"].choices = [("", _("All building blocks"))] + [
            (block.code, f"{block.name} ({block.code})") for block in sorted(blocks, key=lambda b: b.name)
        ]

    def filters(self) -> dict:
        """The valid filters; invalid ones are left out (and shown as errors)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "province": data.get("provincie") or "",
            "size_class": data.get("grootteklasse"),
            "block_code": data.get("bouwsteen") or "",
        }
