# SPDX-License-Identifier: EUPL-1.2
"""Forms that parse the supplier pages' input; the services validate and write."""

from django import forms
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from bouwplaats.catalogue.forms import ParseOnlyModelForm
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.ui.forms import DateField, Textarea

from . import selectors, services
from .models import (
    AgreementSignature,
    DeliveryCommitment,
    Product,
    ProductVersion,
    Readiness,
    ReadinessState,
    Supplier,
)


class SupplierForm(ParseOnlyModelForm):
    kvk_number = forms.CharField(
        label=capfirst(Supplier._meta.get_field("kvk_number").verbose_name),
        required=False,
        max_length=20,  # longer input gets the service's clear message rather than the browser's cut-off
        help_text=_("The 8 digits of the registration at the Chamber of Commerce (KvK); may be left empty."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    website = forms.URLField(
        label=capfirst(Supplier._meta.get_field("website").verbose_name),
        max_length=300,
        required=False,
        assume_scheme="https",
    )

    class Meta(ParseOnlyModelForm.Meta):
        model = Supplier
        fields = services.SUPPLIER_FIELDS
        widgets = {"description": Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["kvk_number"] = self.instance.kvk_number or ""


class ProductForm(ParseOnlyModelForm):
    class Meta(ParseOnlyModelForm.Meta):
        model = Product
        fields = services.PRODUCT_FIELDS
        widgets = {"description": Textarea(attrs={"rows": 4})}


class ProductVersionForm(ParseOnlyModelForm):
    class Meta(ParseOnlyModelForm.Meta):
        model = ProductVersion
        fields = services.VERSION_FIELDS
        help_texts = {
            "version": _("As the supplier numbers it, for example 2014.2."),
            "end_of_support": _("Leave empty while the end of support is not known."),
        }


class ReportChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _("%(standard)s: %(file)s (%(date)s)") % {
            "standard": obj.standard.name,
            "file": obj.file_name,
            "date": date_format(localtime(obj.uploaded_at), "j F Y"),
        }


class BlockChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.programme.name})"


class ReadinessForm(ParseOnlyModelForm):
    """The readiness of a version. A new one names its building block or standard; an existing one keeps it."""

    evidence_url = forms.URLField(
        label=capfirst(Readiness._meta.get_field("evidence_url").verbose_name),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    date = DateField(
        label=capfirst(Readiness._meta.get_field("date").verbose_name),
        required=False,
        help_text=_("Since when it is supported, or for when support is planned; empty when it is not planned."),
    )

    class Meta(ParseOnlyModelForm.Meta):
        model = Readiness
        fields = ("building_block", "standard", *services.READINESS_FIELDS)
        widgets = {"state": forms.RadioSelect, "evidence": Textarea(attrs={"rows": 3})}
        help_texts = {
            "evidence": _("How the support can be checked: a release note, a test, a reference customer."),
        }

    def __init__(self, *args, supplier: Supplier, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["building_block"]
            del self.fields["standard"]
        else:
            block = self.fields["building_block"]
            self.fields["building_block"] = BlockChoiceField(
                queryset=BuildingBlock.objects.select_related("programme").order_by("programme__name", "name"),
                required=False,
                label=block.label,
                help_text=_("Choose a building block or a standard."),
            )
            self.fields["standard"].queryset = selectors.standards()
        self.fields["state"].choices = ReadinessState.choices
        report = self.fields["conformance_report"]
        self.fields["conformance_report"] = ReportChoiceField(
            queryset=selectors.passing_reports(supplier).order_by("-uploaded_at"),
            required=False,
            label=report.label,
            help_text=_("A passed StUF conformance check of this supplier that backs the readiness."),
        )


class RepresentationRequestForm(forms.Form):
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=2000,
        widget=Textarea(attrs={"rows": 4}),
        help_text=_("Your position at the supplier, so that the programme staff can check the request."),
        error_messages={
            "required": _("Tell the programme staff your position at the supplier, so that they can check the request.")
        },
    )


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the requester"), required=False, max_length=2000, widget=Textarea(attrs={"rows": 2})
    )


class SignatureForm(forms.Form):
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=Supplier.objects.none())
    signed_on = DateField(label=capfirst(AgreementSignature._meta.get_field("signed_on").verbose_name))

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = Supplier.objects.exclude(signatures__agreement=agreement).order_by("name")


class CommitmentForm(ParseOnlyModelForm):
    class Meta(ParseOnlyModelForm.Meta):
        model = DeliveryCommitment
        fields = services.COMMITMENT_FIELDS

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        blocks = agreement.building_blocks.all() or BuildingBlock.objects.filter(programme=agreement.programme_id)
        self.fields["building_block"].queryset = blocks.order_by("name")


class SupplierSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100, help_text=_("A part of the name."))
