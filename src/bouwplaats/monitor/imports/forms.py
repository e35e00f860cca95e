# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.core.tabular import EXTENSIONS, MAX_FILE_SIZE, too_large_message
from bouwplaats.ui.forms import DateField

from .checking import Kind


class ImportUploadForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.order_by("-start_date", "name"), empty_label=None
    )
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        validators=[FileExtensionValidator(list(EXTENSIONS))],
        help_text=_("At most 5 MB. The first row names the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    valid_on = DateField(
        label=_("Valid from"),
        help_text=_("The date from which the statuses hold, for rows without a date of their own."),
    )

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programme is not None:
            self.fields["programme"].initial = programme.pk
        self.fields["valid_on"].initial = timezone.localdate()

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_FILE_SIZE:
            raise forms.ValidationError(too_large_message())
        return file


class ReportFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("all rows"))] + [(kind, Kind.LABELS[kind]) for kind in Kind.ORDER],
    )


class MergerBlockForm(forms.Form):
    """Which building block the links to the predecessors' histories show (GET)."""

    bouwsteen = forms.ChoiceField(label=_("History of building block"))

    def __init__(self, *args, blocks: list[BuildingBlock], **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = blocks
        self.fields["bouwsteen"].choices = [(block.code, block.name) for block in blocks]

    def block(self) -> BuildingBlock | None:
        """The chosen block; the first one when none (or an unknown one) is chosen."""
        code = self.cleaned_data["bouwsteen"] if self.is_bound and self.is_valid() else None
        return next((block for block in self.blocks if block.code == code), self.blocks[0] if self.blocks else None)
