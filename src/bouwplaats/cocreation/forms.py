# SPDX-License-Identifier: EUPL-1.2
"""Forms that parse the co-creation pages' input; the services validate and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.ui.forms import TextAreaField

from .models import (
    ADDED_VALUE_MAX_LENGTH,
    ANSWER_MAX_LENGTH,
    CLOSING_REASON_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    THEME_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    IdeaStatus,
    VoteMode,
    Weighting,
)


class BlockField(forms.ModelChoiceField):
    def label_from_instance(self, obj: BuildingBlock) -> str:
        return obj.name


class IdeaFilterForm(forms.Form):
    bouwsteen = forms.ChoiceField(label=_("Building block"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *IdeaStatus.choices]
    )
    thema = forms.ChoiceField(label=_("Theme"), required=False)
    sortering = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[("votes", _("most votes")), ("newest", _("newest"))]
    )

    def __init__(self, *args, blocks, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bouwsteen"].choices = [("", _("All building blocks"))] + [(b.code, b.name) for b in blocks]
        self.fields["thema"].choices = [("", _("All themes"))] + [(theme, theme) for theme in themes]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"sort": "votes"}
        data = self.cleaned_data
        return {
            "building_block": data["bouwsteen"],
            "status": data["status"],
            "theme": data["thema"],
            "sort": data["sortering"] or "votes",
        }


class IdeaForm(forms.Form):
    building_block = BlockField(
        label=_("Building block or facility"),
        queryset=BuildingBlock.objects.none(),
        required=False,
        empty_label=_("None in particular"),
    )
    theme = forms.CharField(
        label=_("Theme"),
        max_length=THEME_MAX_LENGTH,
        help_text=_("In a few words, what the idea is about (for example “notifications” or “forms”)."),
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    description = TextAreaField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        rows=6,
        help_text=_("What should change or be added? At most 5,000 characters."),
    )
    added_value = TextAreaField(
        label=_("Added value"),
        max_length=ADDED_VALUE_MAX_LENGTH,
        rows=4,
        help_text=_("Who gains what, for municipalities, residents or businesses? At most 3,000 characters."),
    )
    municipality = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=None, required=False, empty_label=_("Myself")
    )

    def __init__(self, *args, programme, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building_block"].queryset = BuildingBlock.objects.filter(programme=programme).order_by("name")
        if municipalities.exists():
            self.fields["municipality"].queryset = municipalities
        else:
            del self.fields["municipality"]


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=IdeaStatus.choices)
    answer = TextAreaField(
        label=_("Official answer"),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        rows=8,
        help_text=_("Markdown. Shown on the idea's page and sent to the proposer and followers."),
    )
    note = forms.CharField(
        label=_("Note with the status change"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("Shown in the public history."),
    )


class VoteForm(forms.Form):
    """Only shown when votes are per municipality and the member coordinates more than one."""

    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None, required=False)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class SettingsForm(forms.Form):
    vote_mode = forms.ChoiceField(
        label=_("Who votes on ideas"),
        choices=VoteMode.choices,
        widget=forms.RadioSelect,
        help_text=_("Can only be changed while no idea of the programme has votes."),
    )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    question = forms.CharField(label=_("Question"), max_length=300)
    description = TextAreaField(
        label=_("Explanation"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        rows=6,
        help_text=_("Markdown: the proposal and its background."),
    )
    options = TextAreaField(label=_("Options"), rows=4, help_text=_("One option a line, between 2 and 10."))
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DateTimeInput)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DateTimeInput)
    weighting = forms.ChoiceField(
        label=_("Weighting"),
        choices=Weighting.choices,
        widget=forms.RadioSelect,
        help_text=_("By population: each ballot weighs with the inhabitants in the programme's reference year."),
    )

    def option_labels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]

    @classmethod
    def initial_for(cls, consultation) -> dict:
        return {
            "title": consultation.title,
            "question": consultation.question,
            "description": consultation.description,
            "options": "\n".join(option.label for option in consultation.options.all()),
            "opens_at": consultation.opens_at,
            "closes_at": consultation.closes_at,
            "weighting": consultation.weighting,
        }


class CloseEarlyForm(forms.Form):
    reason = TextAreaField(
        label=_("Reason for closing early"),
        max_length=CLOSING_REASON_MAX_LENGTH,
        rows=4,
        help_text=_("Shown with the results on the consultation's page."),
    )


class BallotForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None, empty_label=None)
    option = forms.ModelChoiceField(label=_("Your choice"), queryset=None, widget=forms.RadioSelect, empty_label=None)

    def __init__(self, *args, consultation, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = consultation.options.order_by("position")
        self.fields["municipality"].queryset = municipalities
        only = list(municipalities[:2])
        if len(only) == 1:
            self.fields["municipality"].widget = forms.HiddenInput()
            self.fields["municipality"].initial = only[0].pk

    def clean(self):
        # A hidden field's error is not shown next to a field: say it for the whole form.
        if self.fields["municipality"].widget.is_hidden and "municipality" in self.errors:
            raise ValidationError(_("You can only cast the ballot of a municipality you coordinate."))
        return super().clean()
