# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.utils.translation import gettext_lazy as _

from .importers import MAX_FILE_BYTES
from .models import Layer, SourceFormat

AUTO = ""


class ElementSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in the name or documentation, or an identifier."),
    )
    type = forms.ChoiceField(label=_("ArchiMate type"), required=False)
    gemma_type = forms.ChoiceField(label=_("GEMMA type"), required=False)
    layer = forms.ChoiceField(label=_("Layer"), required=False, choices=[("", _("all layers")), *Layer.choices])

    def __init__(self, *args, types=(), gemma_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("all types")), *((value, value) for value in types)]
        self.fields["gemma_type"].choices = [("", _("all GEMMA types")), *((value, value) for value in gemma_types)]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class ModelImportForm(forms.Form):
    file = forms.FileField(
        label=_("Model file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,.archimate,.zip"}),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[(AUTO, _("recognise from the file")), *SourceFormat.choices],
    )
    name = forms.CharField(
        label=_("Model name"), required=False, max_length=200, help_text=_("Leave empty to use the name in the file.")
    )
    release = forms.CharField(
        label=_("Release"),
        required=False,
        max_length=100,
        help_text=_("Leave empty to use the file's Release property."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "An AMEFF file (.xml), an Archi file (.archimate) or a ZIP with the CSV files; at most %(size)d MB."
        ) % {"size": MAX_FILE_BYTES // (1024 * 1024)}

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is too large: at most %(size)d MB.") % {"size": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return file
