# SPDX-License-Identifier: EUPL-1.2
"""The choice of a report: programme, report template and date (a GET form)."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from bouwplaats.ui.forms import DateField

from .sections import TEMPLATES


class ReportChoiceForm(forms.Form):
    programma = forms.ChoiceField(label=_("Programme"))
    sjabloon = forms.ChoiceField(
        label=_("Kind of report"),
        choices=[(template.code, template.name) for template in TEMPLATES.values()],
        help_text=_("Board: headline figures on a page or two. General meeting and Gateway review: every section."),
    )
    peildatum = DateField(
        label=_("As of"),
        required=False,
        help_text=_("The date whose state the report shows (empty: today, or the last day of an ended programme)."),
    )

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programma"].choices = [(programme.slug, programme.name) for programme in programmes]

    def clean_peildatum(self):
        value = self.cleaned_data.get("peildatum")
        today = timezone.localdate()
        if value is not None and value > today:
            raise forms.ValidationError(
                _("Choose a date up to today (%(today)s): a report shows what was reported, not what will be.")
                % {"today": date_format(today, "j F Y")}
            )
        return value


class ReportDateForm(ReportChoiceForm):
    """The date of one report (the programme and template are in its address)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["programma"]
        del self.fields["sjabloon"]
