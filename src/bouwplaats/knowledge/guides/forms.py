# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.utils.translation import gettext_lazy as _

from bouwplaats.catalogue.models import StatusLevel
from bouwplaats.ui.forms import TextAreaField

EXTRA_STEPS = 3


class GuideVersionForm(forms.Form):
    introduction = TextAreaField(label=_("Introduction"), required=False, max_length=10000, rows=4)
    change_note = forms.CharField(label=_("What changed in this version"), required=False, max_length=300)


class StepForm(forms.Form):
    title = forms.CharField(label=_("Step"), max_length=200, required=False)
    description = TextAreaField(label=_("Description"), required=False, max_length=5000, rows=2)
    level = forms.ModelChoiceField(label=_("Status level"), queryset=StatusLevel.objects.none(), required=False)

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = levels if levels is not None else StatusLevel.objects.none()

    def clean(self):
        data = super().clean()
        if data.get("title") and not data.get("level"):
            self.add_error("level", _("Choose the status level this step belongs to."))
        return data


StepFormSet = forms.formset_factory(StepForm, extra=EXTRA_STEPS, max_num=50, validate_max=True)
