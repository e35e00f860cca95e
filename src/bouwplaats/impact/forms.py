# SPDX-License-Identifier: EUPL-1.2
"""Forms of the impact pages; they only collect input, the services validate and write."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from bouwplaats.architecture.models import ArchitectureModel
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.organisations.constants import SIZE_CLASSES
from bouwplaats.suppliers.models import ProductVersion, Supplier
from bouwplaats.ui.forms import TextAreaField

from .costs import DEFAULT_RATES
from .engine import MAX_DEPTH
from .models import GapKind, ImpactScenario
from .rules import PRESET_LABELS, preset_json


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("Application"), max_length=200)
    supplier = forms.CharField(label=_("Supplier"), max_length=200, required=False)
    product = forms.CharField(label=_("Product"), max_length=200, required=False)
    version = forms.CharField(label=_("Version"), max_length=50, required=False)
    linked_supplier = forms.ModelChoiceField(
        label=_("Supplier in the register"),
        queryset=Supplier.objects.none(),
        required=False,
        empty_label=_("(not linked)"),
        help_text=_("The supplier the text above names, as the programme knows it."),
    )
    product_version = forms.ModelChoiceField(
        label=_("Product version in the register"),
        queryset=ProductVersion.objects.none(),
        required=False,
        help_text=_(
            "The version of the supplier's product this application runs; its readiness for each building block "
            "shows who waits on whom. Versions past their end of support are not listed."
        ),
    )
    components = forms.MultipleChoiceField(
        label=_("Reference components"),
        required=False,
        help_text=_("The GEMMA reference components this application realises (hold Ctrl to choose several)."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    standards = forms.MultipleChoiceField(
        label=_("Supported standards"),
        required=False,
        help_text=_("The standards (or versions) the application is known to support."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, components=(), standards=(), product_versions=None, suppliers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if suppliers is not None:
            self.fields["linked_supplier"].queryset = suppliers
        if product_versions is not None:
            versions = self.fields["product_version"]
            versions.queryset = product_versions
            # One group per supplier and product, so that a long list stays readable without JavaScript.
            groups: dict[str, list] = {}
            for version in product_versions:
                label = f"{version.product.supplier.name} – {version.product.name}"
                groups.setdefault(label, []).append((version.pk, f"{version.product.name} {version.version}"))
            versions.widget.choices = [("", _("(not linked)")), *groups.items()]
        self.fields["components"].choices = [(e.object_id, e.name) for e in components]
        self.fields["standards"].choices = [(e.object_id, e.name) for e in standards]

    @staticmethod
    def initial_for(application) -> dict:
        references = list(application.references.all())
        return {
            "name": application.name,
            "supplier": application.supplier,
            "product": application.product,
            "version": application.version,
            "linked_supplier": application.linked_supplier_id,
            "product_version": application.product_version_id,
            "components": [r.object_id for r in references if r.kind == "component"],
            "standards": [r.object_id for r in references if r.kind == "standard"],
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV or XLSX with the columns gemeente, applicatie, leverancier, pakket, versie, "
            "referentiecomponenten and optionally standaarden (several separated by ;)."
        ),
    )


class StartElementsWidget(forms.CheckboxSelectMultiple):
    """The chosen start elements (checked) and the search results (to check), as checkboxes."""

    option_template_name = "impact/_start_element_option.html"


class ScenarioForm(forms.Form):
    """A scenario; its start elements are chosen with a search over the chosen model release.

    The search is a submit button of the same form (``search``): the page comes back with the
    matching elements as checkboxes beside the ones already chosen, and nothing is saved. So the
    picker needs no JavaScript.
    """

    title = forms.CharField(label=_("Title"), max_length=200)
    description = TextAreaField(label=_("Description"), required=False, rows=3)
    model = forms.ModelChoiceField(
        label=_("Model release"),
        queryset=ArchitectureModel.objects.none(),
        help_text=_("Any imported model; the start elements are searched in this release."),
    )
    building_block = forms.ModelChoiceField(
        label=_("Building block"),
        required=False,
        queryset=BuildingBlock.objects.none(),
        help_text=_("Start from the GEMMA elements linked to this building block (GEMMA releases only)."),
    )
    element_query = forms.CharField(
        label=_("Find start elements"),
        required=False,
        max_length=200,
        help_text=_("Part of a name, an element type (such as BusinessProcess) or an identifier; then press Search."),
    )
    start_elements = forms.MultipleChoiceField(
        label=_("Start elements"),
        required=False,
        widget=StartElementsWidget,
        help_text=_("The checked elements are where the analysis starts; uncheck one to leave it out."),
    )
    preset = forms.ChoiceField(
        label=_("Rule set"),
        choices=[*PRESET_LABELS.items(), ("custom", _("Custom: the rules below"))],
        help_text=_("The presets are described in the user guide."),
    )
    rules = TextAreaField(
        label=_("Custom rules (JSON)"),
        required=False,
        rows=6,
        attrs={"spellcheck": "false"},
        help_text=_(
            'Element types and relationship types, for example [{"relation": "Serving", "direction": '
            '"backward", "from": "BusinessProcess", "to": "ApplicationService"}].'
        ),
    )
    max_depth = forms.IntegerField(label=_("Maximum depth"), min_value=1, max_value=MAX_DEPTH, initial=4)

    def __init__(self, *args, models=None, blocks=None, elements=(), **kwargs):
        """``elements``: the chosen start elements and the search results (``Element`` rows)."""
        super().__init__(*args, **kwargs)
        if models is not None:
            self.fields["model"].queryset = models
        if blocks is not None:
            self.fields["building_block"].queryset = blocks
        self.fields["start_elements"].choices = [(element.identifier, element) for element in elements]

    def clean_rules(self):
        text = self.cleaned_data.get("rules", "").strip()
        if not text:
            return None
        try:
            return json.loads(text)
        except ValueError as error:
            raise forms.ValidationError(_("This is not valid JSON: %(error)s") % {"error": error}) from None

    def service_data(self) -> dict:
        data = self.cleaned_data
        preset = data["preset"]
        return {
            "title": data["title"],
            "description": data["description"],
            "model": data["model"],
            "building_block": data["building_block"],
            "programme": data["building_block"].programme if data["building_block"] else None,
            "start_elements": data["start_elements"],
            "start_object_ids": [],
            "rules": data["rules"] if preset == "custom" else preset_json(preset),
            "max_depth": data["max_depth"],
        }

    @staticmethod
    def initial_for(scenario: ImpactScenario, *, start_elements: list[str]) -> dict:
        """The form's values for ``scenario``; ``start_elements`` are its start elements as identifiers."""
        preset = next((name for name in PRESET_LABELS if preset_json(name) == scenario.rules), "custom")
        return {
            "title": scenario.title,
            "description": scenario.description,
            "model": scenario.model_id,
            "building_block": scenario.building_block_id,
            "start_elements": start_elements,
            "preset": preset,
            "rules": json.dumps(scenario.rules, indent=1, ensure_ascii=False),
            "max_depth": scenario.max_depth,
        }


class NarrativeForm(forms.Form):
    """The report's narrative sections; Markdown, rendered sanitised."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ImpactScenario.NARRATIVE_FIELDS:
            model_field = ImpactScenario._meta.get_field(name)
            self.fields[name] = TextAreaField(
                label=model_field.verbose_name.capitalize(), required=False, max_length=model_field.max_length, rows=5
            )


class CostModelForm(forms.Form):
    """One amount per gap kind × size class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in DEFAULT_RATES:
            for size_class in SIZE_CLASSES:
                self.fields[f"{kind}_{size_class.code}"] = forms.IntegerField(
                    label=_("%(kind)s, size class %(code)d") % {"kind": GapKind(kind).label, "code": size_class.code},
                    min_value=0,
                    max_value=100_000_000,
                )

    def rates(self) -> dict[tuple[str, int], int]:
        return {
            (kind, size_class.code): self.cleaned_data[f"{kind}_{size_class.code}"]
            for kind in DEFAULT_RATES
            for size_class in SIZE_CLASSES
        }


class SupplierLinkForm(forms.Form):
    """One supplier text of the landscapes and the supplier a person chose for it (or none: leave it)."""

    text = forms.CharField(widget=forms.HiddenInput, max_length=200)
    supplier = forms.ModelChoiceField(
        label=_("Supplier"), queryset=Supplier.objects.none(), required=False, empty_label=_("(leave unlinked)")
    )

    def __init__(self, *args, suppliers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if suppliers is not None:
            self.fields["supplier"].queryset = suppliers


SupplierLinkFormSet = forms.formset_factory(SupplierLinkForm, extra=0, max_num=2000, validate_max=True)


def supplier_link_formset(data=None, *, matches, suppliers):
    """The formset of the review page: one form per text, its proposal chosen beforehand (none for the rest)."""
    initial = [{"text": match.text, "supplier": match.supplier.pk if match.supplier else None} for match in matches]
    return SupplierLinkFormSet(data, initial=initial, form_kwargs={"suppliers": suppliers}, prefix="link")


def chosen_links(formset) -> dict:
    """{text: supplier} of the valid formset's rows that got a supplier."""
    return {
        form.cleaned_data["text"]: form.cleaned_data["supplier"]
        for form in formset
        if form.cleaned_data.get("supplier") is not None
    }
