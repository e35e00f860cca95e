# SPDX-License-Identifier: EUPL-1.2
"""Sending the forms of several building blocks at once (a municipality's status form, a survey
answer): one way to show a conflict (someone else saved a block meanwhile) and the service's messages."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from .forms import BlockStatusForm
from .services import StatusConflict


@dataclass
class Submission:
    forms: list
    progress: Any
    conflicts: dict = field(default_factory=dict)  # block pk → its conflict
    refreshed: set = field(default_factory=set)  # blocks whose form now shows the current state
    errors: list = field(default_factory=list)  # messages of no form field
    saved: bool = False
    result: Any = None


def block_forms(progress, data=None, files=None, *, form_class=BlockStatusForm) -> list:
    """A form of ``form_class`` per row of ``progress``."""
    return [
        form_class(
            data, files, building_block=row.building_block, levels=progress.levels, initial=form_class.initial_for(row)
        )
        for row in progress.rows
    ]


def submit_status_forms(request, *, load, write, form_class=BlockStatusForm) -> Submission:
    """``load()`` reads the progress, with a form of ``form_class`` per row; on a valid POST
    ``write(forms)`` calls the service. After a conflict nothing is saved and the forms show the
    current state, keeping the user's input where it differs from what they saw."""

    def build(progress, data=None, files=None):
        return block_forms(progress, data, files, form_class=form_class)

    progress = load()
    if request.method != "POST":
        return Submission(build(progress), progress)
    submission = Submission(build(progress, request.POST, request.FILES), progress)
    if not all(form.is_valid() for form in submission.forms):
        return submission
    try:
        submission.result = write(submission.forms)
    except StatusConflict as conflict:
        progress = load()
        data, refreshed = refresh_after_conflict(request.POST, submission.forms, conflict, progress)
        forms = build(progress, data)
        for form in forms:
            form.is_valid()
        return Submission(forms, progress, conflict.by_block(), refreshed)
    except ValidationError as error:
        submission.errors = spread_errors(submission.forms, error)
        return submission
    submission.saved = True
    return submission


def refresh_after_conflict(posted, forms, conflict: StatusConflict, progress) -> tuple[Any, set]:
    """New form data after a conflict: every conflicting block carries the new version; blocks whose
    input was what the user saw show the current state, the others keep the user's input."""
    data = posted.copy()
    rows = {row.building_block.pk: row for row in progress.rows}
    lowest = progress.levels[0] if progress.levels else None
    refreshed = set()
    conflicts = conflict.by_block()
    for form in forms:
        block_conflict = conflicts.get(form.building_block.pk)
        if block_conflict is None:
            continue
        data[form.add_prefix("version")] = str(block_conflict.current_version)
        if form.matches(block_conflict.seen, lowest):
            refreshed.add(form.building_block.pk)
            for name, value in type(form).initial_for(rows[form.building_block.pk]).items():
                key = form.add_prefix(name)
                if name == "blockers":
                    data.setlist(key, value)
                else:
                    data[key] = "" if value is None else str(value)
    return data, refreshed


def spread_errors(forms, error: ValidationError) -> list[str]:
    """Put each message keyed ``<form prefix>-<field>`` on its form's field; return the others."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    by_prefix, others = {form.prefix: form for form in forms}, []
    for key, messages in error.message_dict.items():
        prefix, _sep, name = key.rpartition("-")
        form = by_prefix.get(prefix)
        if form is not None and name in form.fields:
            for message in messages:
                form.add_error(name, message)
        else:
            others.extend(messages)
    return others
