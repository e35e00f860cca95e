# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bouwplaats.accounts.models import Role
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.organisations.models import Municipality
from bouwplaats.ui.forms import TextAreaField

from ..models import Theme
from ..models.questions import MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH
from ..selectors import current_blocks, own_municipalities


class FaqSearchForm(forms.Form):
    """The FAQ's search and filters. The lists are plain choices of code and name
    (``selectors.faq_choices``): building a model instance per option, as a model choice field
    does, costs more than the search itself."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=forms.SearchInput)
    bouwsteen = forms.ChoiceField(label=_("Building block"), required=False)
    thema = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bouwsteen"].choices = [("", _("All building blocks")), *choices["building_blocks"]]
        self.fields["thema"].choices = [("", _("All themes")), *choices["themes"]]

    def clean_bouwsteen(self) -> BuildingBlock | None:
        code = self.cleaned_data["bouwsteen"]
        return current_blocks().get(code=code) if code else None

    def clean_thema(self) -> Theme | None:
        slug = self.cleaned_data["thema"]
        return Theme.objects.get(slug=slug) if slug else None


class AskForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=200,
        help_text=_("One sentence. While you type, similar questions that were answered before are shown."),
    )
    body = TextAreaField(
        label=_("Explanation"),
        required=False,
        max_length=MAX_QUESTION_LENGTH,
        rows=6,
        help_text=_("What have you tried, what is your situation? You can use Markdown."),
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    building_blocks = forms.ModelMultipleChoiceField(
        label=_("Building blocks"),
        queryset=BuildingBlock.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )

    def __init__(self, *args, user=None, building_blocks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building_blocks"].queryset = (
            building_blocks if building_blocks is not None else BuildingBlock.objects.none()
        )
        self.fields["municipality"].queryset = own_municipalities(user)
        if not self.fields["municipality"].queryset.exists():
            del self.fields["municipality"]


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model().objects.filter(is_active=True, role__in=[Role.STAFF, Role.ADMIN]).order_by("full_name")
        )


class ClassifyForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    building_blocks = forms.ModelMultipleChoiceField(
        label=_("Building blocks"),
        queryset=BuildingBlock.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(label=_("Tags"), required=False, max_length=200, help_text=_("Separated by commas."))

    def __init__(self, *args, building_blocks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building_blocks"].queryset = (
            building_blocks if building_blocks is not None else BuildingBlock.objects.none()
        )


class AnswerForm(forms.Form):
    body = TextAreaField(
        label=pgettext_lazy("the answer to a question", "Answer"),
        max_length=MAX_ANSWER_LENGTH,
        rows=10,
        help_text=_("Markdown. The asker and followers are told when you save."),
    )


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Number of the earlier question"),
        min_value=1,
        help_text=_("This question is closed as a duplicate and its asker is pointed to the earlier one."),
    )


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    description = TextAreaField(label=_("Description"), required=False, max_length=1000, rows=2)
