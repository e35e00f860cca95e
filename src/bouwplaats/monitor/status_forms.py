"""Sending the status forms of several building blocks at once: the status form of a municipality
and the answer to a survey round. Both show a conflict (someone else saved a block meanwhile) and
the service's messages in the same way."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from .forms import BlockStatusForm
from .services import StatusConflict


@dataclass
class Submission:
    forms: list
    progress: Any
    conflicts: dict = field(default_factory=dict)  # block pk → the block's conflict
    refreshed: set = field(default_factory=set)  # pks of blocks whose form now shows the current state
    errors: list[str] = field(default_factory=list)  # messages that belong to no field of a form
    saved: bool = False
    result: Any = None


def submit_status_forms(
    request,
    *,
    load: Callable[[], Any],
    build: Callable[..., list],
    write: Callable[[list], Any],
) -> Submission:
    """The forms of a page of block forms, and on a valid POST the outcome of ``write(forms)``.

    ``load()`` reads the progress rows, ``build(progress, data=None, files=None)`` makes one form per
    row, ``write(forms)`` calls the service. On a conflict nothing is saved: the forms are built again
    on the current state, keeping the user's input where it differs from what they saw.
    """
    progress = load()
    if request.method != "POST":
        return Submission(forms=build(progress), progress=progress)
    forms = build(progress, request.POST, request.FILES)
    submission = Submission(forms=forms, progress=progress)
    if not all(form.is_valid() for form in forms):
        return submission
    try:
        submission.result = write(forms)
    except StatusConflict as conflict:
        progress = load()
        data, refreshed = refresh_after_conflict(request.POST, forms, conflict, progress)
        forms = build(progress, data)
        for form in forms:
            form.is_valid()
        return Submission(forms=forms, progress=progress, conflicts=conflict.by_block(), refreshed=refreshed)
    except ValidationError as error:
        submission.errors = spread_errors(forms, error)
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
    for form in forms:
        block_conflict = conflict.by_block().get(form.building_block.pk)
        if block_conflict is None:
            continue
        data[form.add_prefix("version")] = str(block_conflict.current_version)
        if form.matches(block_conflict.seen, lowest):
            refreshed.add(form.building_block.pk)
            for name, value in BlockStatusForm.initial_for(rows[form.building_block.pk]).items():
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
    by_prefix = {form.prefix: form for form in forms}
    others = []
    for key, messages in error.message_dict.items():
        prefix, _sep, name = key.rpartition("-")
        form = by_prefix.get(prefix)
        if form is not None and name in form.fields:
            for message in messages:
                form.add_error(name, message)
        else:
            others.extend(messages)
    return others
