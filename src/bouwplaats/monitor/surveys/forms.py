# SPDX-License-Identifier: EUPL-1.2
"""Forms of the survey pages: a round (staff) and the answer per building block (coordinators)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.ui.forms import DateField, TextAreaField

from ..constants import MAX_TEXT_LENGTH
from ..forms import BlockStatusForm
from ..models import SurveyRound


class SurveyRoundForm(forms.Form):
    """Parses the input only; the rules are checked by the services."""

    name = forms.CharField(label=_("Name"), max_length=SurveyRound._meta.get_field("name").max_length)
    building_blocks = forms.ModelMultipleChoiceField(
        label=_("Building blocks"),
        queryset=BuildingBlock.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The building blocks municipalities are asked to report on."),
    )
    opens_on = DateField(label=_("Opens on"))
    closes_on = DateField(
        label=_("Closes on"),
        help_text=_("Answers are accepted up to and including this date."),
    )
    introduction = TextAreaField(
        label=_("Introduction"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        rows=4,
        help_text=_("Shown to the coordinators above the form."),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building_blocks"].queryset = BuildingBlock.objects.filter(programme=programme).order_by(
            "cluster", "name"
        )

    @classmethod
    def initial_for(cls, survey_round: SurveyRound) -> dict:
        return {
            "name": survey_round.name,
            "building_blocks": list(survey_round.building_blocks.all()),
            "opens_on": survey_round.opens_on,
            "closes_on": survey_round.closes_on,
            "introduction": survey_round.introduction,
        }


class SurveyBlockForm(BlockStatusForm):
    """The status of one building block in a survey answer, with a box to confirm it unchanged."""

    confirm = forms.BooleanField(
        label=_("Nothing changed: confirm this status"),
        required=False,
        help_text=_("Tick this when the status shown is still correct, so that it counts as your answer."),
    )

    field_order = ["confirm", "level"]

    def change(self) -> dict:
        data = super().change()
        data["confirm"] = bool(data.get("confirm"))
        return data
