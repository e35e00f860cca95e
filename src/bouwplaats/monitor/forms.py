# SPDX-License-Identifier: EUPL-1.2
"""Forms of the monitor pages: the as-of date and the one-page status form (one form per block)."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from bouwplaats.ui.forms import DateField, TextAreaField

from .constants import BLOCKER_CHOICES, EVIDENCE_FILE_EXTENSIONS, MAX_TEXT_LENGTH, decode_blockers
from .extensions import selected_municipality_ids
from .models import validate_evidence_file_size


class RegisteredFilters:
    """A GET form's fields for the municipality filters that apps above the monitor register
    (``extensions.MunicipalityFilter``), e.g. "Waiting on supplier"; mixed into the area filter forms.

    ``extra_filters`` are the filters to offer (``extensions.municipality_filters(user)``); ``overall``: the
    page is about every block, so the filters keep their ``overall_ids`` and show their ``overall_label``."""

    def __init__(self, *args, extra_filters=(), overall: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.registered_filters = list(extra_filters)
        self.overall = overall
        for item in self.registered_filters:
            self.fields[item.key] = forms.ChoiceField(
                label=(item.overall_label or item.label) if overall else item.label,
                required=False,
                choices=[("", _("All"))] + list(item.choices()),
            )

    def registered_ids(self, blocks=()) -> set[int] | None:
        """The municipalities the chosen filters keep (on every block when ``overall``, else for ``blocks``);
        None when none is chosen."""
        return selected_municipality_ids(
            self.registered_filters, self.valid_data(), None if self.overall else list(blocks)
        )


class AsOfForm(forms.Form):
    peildatum = DateField(
        label=_("As of"),
        required=False,
        help_text=_("Show the state on this date (empty: today)."),
    )


class BlockStatusForm(forms.Form):
    """The status of one building block; the page holds one per block, prefixed with its code."""

    level = forms.TypedChoiceField(label=_("Status level"), coerce=int)
    planned_date = DateField(label=_("Planned date"), required=False)
    budget_planned = forms.DecimalField(
        label=_("Budget planned (euros)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    budget_spent = forms.DecimalField(
        label=_("Budget spent (euros)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    blockers = forms.MultipleChoiceField(
        label=_("Blockers"), required=False, choices=BLOCKER_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    blocker_note = TextAreaField(
        label=_("Explanation of the blockers"), required=False, max_length=MAX_TEXT_LENGTH, rows=2
    )
    note = TextAreaField(
        label=_("Note"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        rows=2,
        help_text=_("Kept with this change in the history."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence: web address"), required=False, max_length=500, assume_scheme="https"
    )
    evidence_text = TextAreaField(label=_("Evidence: description"), required=False, max_length=MAX_TEXT_LENGTH, rows=2)
    evidence_file = forms.FileField(
        label=_("Evidence: file"),
        required=False,
        validators=[FileExtensionValidator(EVIDENCE_FILE_EXTENSIONS), validate_evidence_file_size],
        help_text=_("At most 5 MB: PDF, PNG, JPEG, ODT, ODS, DOCX, XLSX, TXT or CSV."),
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, building_block, levels, **kwargs):
        self.building_block = building_block
        self.levels = {level.pk: level for level in levels}
        super().__init__(*args, prefix=building_block.code, **kwargs)
        self.fields["level"].choices = [(level.pk, level.name) for level in levels]

    @classmethod
    def initial_for(cls, row) -> dict:
        """Initial values from a ``selectors.ProgressRow``."""
        return {
            "level": row.level.pk if row.level else None,
            "planned_date": row.planned_date,
            "budget_planned": row.budget_planned,
            "budget_spent": row.budget_spent,
            "blockers": row.blocker_codes,
            "blocker_note": row.event.blocker_note if row.event else "",
            "version": row.version,
        }

    def user_changed(self) -> bool:
        return any(name != "version" for name in self.changed_data)

    def change(self) -> dict:
        data = dict(self.cleaned_data)
        version = data.pop("version")
        data["level"] = self.levels[data["level"]]
        return {**data, "building_block": self.building_block, "expected_version": version}

    def matches(self, event, lowest) -> bool:
        """Whether the input equals the state of ``event`` (None: nothing reported) and adds nothing."""
        data = self.cleaned_data
        if any(data.get(name) for name in ("note", "evidence_url", "evidence_text", "evidence_file")):
            return False
        seen = (
            (event.level_id, event.planned_date, event.budget_planned, event.budget_spent)
            if event
            else (lowest.pk if lowest else None, None, None, None)
        )
        given = (data.get("level"), data.get("planned_date"), data.get("budget_planned"), data.get("budget_spent"))
        seen_blockers = decode_blockers(event.blockers) if event else []
        seen_note = event.blocker_note if event else ""
        return (
            given == seen
            and sorted(data.get("blockers") or []) == sorted(seen_blockers)
            and data.get("blocker_note", "") == seen_note
        )
