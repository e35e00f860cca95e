# SPDX-License-Identifier: EUPL-1.2
"""Forms that parse the catalogue pages' input; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bouwplaats.ui.forms import DateField, Textarea, formfield_for

from . import services, succession
from .models import BuildingBlock, Evidence, MunicipalityRole, Programme, ResultAgreement, StatusLevel


class ParseOnlyModelForm(forms.ModelForm):
    """A model form that only parses input: it neither changes the instance nor validates the object.

    The field definitions, labels and initial values come from the model; the whole-object
    validation and the write are done by a service, whose errors ``core.errors.add_service_errors`` shows.
    """

    class Meta:
        formfield_callback = staticmethod(formfield_for)

    def _post_clean(self):
        pass

    def save(self, commit=True):  # pragma: no cover - writes go through the services
        raise NotImplementedError("Use the catalogue services to write.")


class BlockChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: BuildingBlock) -> str:
        return f"{obj.name} ({obj.code})"


class ProgrammeForm(ParseOnlyModelForm):
    class Meta(ParseOnlyModelForm.Meta):
        model = Programme
        fields = services.PROGRAMME_FIELDS
        widgets = {"municipality_status_visibility": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predecessor"].queryset = Programme.objects.exclude(pk=self.instance.pk).order_by("-start_date")


class ProgrammeCreateForm(ProgrammeForm):
    """A new programme: the fields of the edit form, and its short name in addresses."""

    class Meta(ProgrammeForm.Meta):
        fields = services.NEW_PROGRAMME_FIELDS


class ProgrammeCloseForm(forms.Form):
    closed_on = DateField(
        label=_("Closed on"),
        help_text=_("The programme's end date or a later day; not in the future."),
    )


def part_choices() -> list[tuple[str, str]]:
    """The registered parts of a successor, each with what it takes over."""
    return [
        (part.key, f"{part.label} – {part.help_text}" if part.help_text else str(part.label))
        for part in succession.parts()
    ]


class SuccessorForm(ParseOnlyModelForm):
    """A successor of ``predecessor``: its own details, what it takes over, and whether it becomes current."""

    parts = forms.MultipleChoiceField(
        label=_("Take over"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the successor starts with; the predecessor keeps all of it unchanged."),
    )
    make_current = forms.BooleanField(
        label=_("Make the successor the current programme"),
        required=False,
        help_text=_("The home page and the progress pages then show the successor."),
    )

    class Meta(ParseOnlyModelForm.Meta):
        model = Programme
        fields = services.SUCCESSOR_FIELDS
        widgets = {"municipality_status_visibility": forms.RadioSelect}

    def __init__(self, *args, predecessor: Programme, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "owner": predecessor.owner,
                "executor": predecessor.executor,
                "start_date": predecessor.end_date,
                "reference_date": predecessor.reference_date,
                "municipality_status_visibility": predecessor.municipality_status_visibility,
                "parts": [key for key, _label in part_choices()],
                "make_current": predecessor.is_current,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["parts"].choices = part_choices()


class StatusLevelForm(ParseOnlyModelForm):
    class Meta(ParseOnlyModelForm.Meta):
        model = StatusLevel
        fields = services.STATUS_LEVEL_FIELDS
        widgets = {"description": Textarea(attrs={"rows": 3})}


class BuildingBlockForm(ParseOnlyModelForm):
    source_url = forms.URLField(
        label=BuildingBlock._meta.get_field("source_url").verbose_name,
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("The public source that ties this building block to the programme."),
    )

    description_source = forms.URLField(
        label=BuildingBlock._meta.get_field("description_source").verbose_name,
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=BuildingBlock._meta.get_field("description_source").help_text,
    )

    class Meta(ParseOnlyModelForm.Meta):
        model = BuildingBlock
        fields = services.BUILDING_BLOCK_FIELDS
        widgets = {
            "description": Textarea(attrs={"rows": 4, "lang": "nl"}),
            "description_en": Textarea(attrs={"rows": 4, "lang": "en"}),
        }


class DependenciesForm(forms.Form):
    depends_on = BlockChoiceField(
        label=_("Depends on"),
        queryset=BuildingBlock.objects.none(),
        required=False,
        help_text=_("The building blocks that must be in place before this one can be implemented."),
    )

    def __init__(self, *args, block: BuildingBlock, **kwargs):
        kwargs.setdefault("initial", {"depends_on": list(block.depends_on.all())})
        super().__init__(*args, **kwargs)
        self.fields["depends_on"].queryset = (
            BuildingBlock.objects.filter(programme_id=block.programme_id).exclude(pk=block.pk).order_by("name")
        )


class ResultAgreementForm(ParseOnlyModelForm):
    building_blocks = BlockChoiceField(
        label=_("Building blocks"), queryset=BuildingBlock.objects.none(), required=False
    )

    source_url = forms.URLField(
        label=ResultAgreement._meta.get_field("source_url").verbose_name,
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("The public source that shows this agreement."),
    )

    class Meta(ParseOnlyModelForm.Meta):
        model = ResultAgreement
        fields = (*services.RESULT_AGREEMENT_FIELDS, "building_blocks")
        widgets = {
            "wording": forms.RadioSelect,
            "text": Textarea(attrs={"rows": 5}),
            "criterion": Textarea(attrs={"rows": 3}),
            "evidence": forms.RadioSelect,
            "source_quote": Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required_level"].queryset = StatusLevel.objects.filter(programme=programme).order_by("position")
        self.fields["building_blocks"].queryset = BuildingBlock.objects.filter(programme=programme).order_by("name")


class BuildingBlockFilterForm(forms.Form):
    """The filters above the list of building blocks (GET)."""

    search = forms.CharField(
        label=_("Search"), required=False, max_length=100, widget=forms.TextInput(attrs={"type": "search"})
    )
    cluster = forms.ChoiceField(label=_("Cluster"), required=False)
    role = forms.ChoiceField(
        label=_("Role of the municipality"),
        required=False,
        choices=[("", _("All roles")), *MunicipalityRole.choices],
    )
    evidence = forms.ChoiceField(label=_("Evidence"), required=False, choices=[("", _("All")), *Evidence.choices])

    def __init__(self, *args, clusters: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = [("", _("All clusters")), *((name, name) for name in clusters)]

    def filters(self) -> dict[str, str]:
        """The valid filters as selector arguments; invalid ones are ignored (and shown as errors)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "search": data.get("search", ""),
            "cluster": data.get("cluster", ""),
            "municipality_role": data.get("role", ""),
            "evidence": data.get("evidence", ""),
        }


class GemmaElementSearchForm(forms.Form):
    """Searching the current GEMMA release for elements to link (GET)."""

    q = forms.CharField(
        label=_("Search GEMMA elements"),
        required=False,
        max_length=200,
        help_text=_("Words in the name or documentation, or an object id."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class GemmaElementLinkForm(forms.Form):
    """Linking one element (POST); the service checks the object id against the current release."""

    object_id = forms.CharField(label=_("GEMMA object id"), max_length=100)
    note = forms.CharField(
        label=_("Role or note"),
        required=False,
        max_length=300,
        help_text=_("Why the element belongs to the building block, e.g. “business function the law touches”."),
    )
