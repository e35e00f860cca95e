# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Standard
from .limits import MAX_UPLOAD_BYTES, MB
from .selectors import Owners

SUPPLIER = "supplier"
MUNICIPALITY = "municipality"


class ConformanceUploadForm(forms.Form):
    """The standard, for whom, and the file. ``owner`` is "supplier:<id>" or "municipality:<id>"."""

    standard = forms.ModelChoiceField(label=_("Standard"), queryset=Standard.objects.none(), empty_label=None)
    owner = forms.ChoiceField(label=_("Check for"))
    file = forms.FileField(
        label=_("File (XML or ZIP)"),
        validators=[FileExtensionValidator(["xml", "zip"])],
        widget=forms.FileInput(attrs={"accept": ".xml,.zip"}),
    )

    def __init__(self, *args, standards, owners: Owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "One StUF message, or a ZIP file with messages; at most %(limit)d MB."
        ) % {"limit": MAX_UPLOAD_BYTES // MB}
        self.fields["standard"].queryset = standards
        self.owners = {f"{SUPPLIER}:{supplier.pk}": (SUPPLIER, supplier) for supplier in owners.suppliers}
        self.owners |= {f"{MUNICIPALITY}:{town.pk}": (MUNICIPALITY, town) for town in owners.municipalities}
        suppliers = [(key, str(owner)) for key, (kind, owner) in self.owners.items() if kind == SUPPLIER]
        towns = [
            (key, f"{owner.name} ({owner.code})") for key, (kind, owner) in self.owners.items() if kind != SUPPLIER
        ]
        if suppliers and towns:
            self.fields["owner"].choices = [(_("Suppliers"), suppliers), (_("Municipalities"), towns)]
        else:
            self.fields["owner"].choices = suppliers or towns

    def preselect_municipality(self, code: str) -> None:
        """Start with the municipality of CBS code ``code`` as owner, if the user may check for it."""
        for key, (kind, owner) in self.owners.items():
            if kind == MUNICIPALITY and owner.code == code:
                self.initial["owner"] = key

    def clean_owner(self):
        return self.owners[self.cleaned_data["owner"]]

    # The service's owner arguments are one field here.
    service_field_names = {"supplier": "owner", "municipality": "owner"}

    def service_arguments(self) -> dict:
        """The standard, the file as ``upload``, and ``supplier=`` or ``municipality=``."""
        kind, owner = self.cleaned_data["owner"]
        return {"standard": self.cleaned_data["standard"], "upload": self.cleaned_data["file"], kind: owner}
