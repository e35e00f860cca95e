# SPDX-License-Identifier: EUPL-1.2
"""What an audit entry's ``changes`` say, for people: field labels and values in the page's language.

The services record ``changes`` as JSON: ``{field: value}`` for what was set, or
``{field: [old, new]}`` for what changed (``services.diff``). This module reads them back as
:class:`Change` rows: the field's label (the verbose name of the object's model field, or a known
key), and the value(s) as Python values the template formats (``date``, numbers, yes/no, the
label of a choice). It knows models only through Django's app registry, so the audit app still
imports no other app.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Keys that services record which are not fields of the object's model.
KEY_LABELS = {
    "reason": _("reason"),
    "note": _("note"),
    "options": _("options"),
    "municipality": _("municipality"),
    "municipalities": _("municipalities"),
    "count": pgettext_lazy("how many", "number"),
    "rows": _("rows"),
    "errors": _("errors"),
    "created": _("created"),
    "updated": _("changed"),
    "unchanged": _("unchanged"),
    "kept": _("kept"),
    "removed": _("removed"),
    "ticked": _("ticked"),
    "unticked": _("unticked"),
    "steps": _("steps"),
    "version": _("version"),
    "programme": _("programme"),
    "building_block": _("building block"),
    "building_blocks": _("building blocks"),
    "depends_on": _("depends on"),
    "reports": _("reports"),
    "date": _("date"),
    "standard": _("standard"),
}


@dataclass(frozen=True)
class Value:
    """A recorded value and its kind, which says the template how to show it."""

    kind: str  # "empty", "yes", "no", "datetime", "date", "number", "text", "list" (of Values) or "pairs"
    value: Any = None


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    value: Value | None = None  # what was set (when not a change)
    old: Value | None = None
    new: Value | None = None
    is_change: bool = False  # old → new


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _label(key: str, field) -> str:
    if field is not None and getattr(field, "verbose_name", None):
        return capfirst(field.verbose_name)
    return capfirst(KEY_LABELS.get(key) or key.replace("_", " "))


def _is_change(value, field) -> bool:
    """Whether ``value`` is an [old, new] pair rather than a list of two values (e.g. two options)."""
    if not isinstance(value, list) or len(value) != 2:
        return False
    if all(isinstance(item, list) for item in value) or None in value:
        return True
    return field is not None and field.concrete and not field.many_to_many


def _display(value, field=None) -> Value:
    """A value with its kind, for the template to format in the page's language."""
    if value is None or value == "" or value == [] or value == {}:
        return Value("empty")
    if isinstance(value, bool):
        return Value("yes" if value else "no")
    if isinstance(value, (int, float)):
        return Value("number", value)
    if isinstance(value, list):
        return Value("list", [_display(item, field) for item in value])
    if isinstance(value, dict):
        return Value("pairs", [(_label(str(key), None), _display(item)) for key, item in value.items()])
    value = str(value)
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
    if value in choices:
        return Value("text", choices[value])
    if len(value) >= 19 and value[4:5] == "-" and value[10:11] in (" ", "T"):
        moment = _parse(parse_datetime, value)
        if moment is not None:
            return Value("datetime", moment)
    elif len(value) == 10 and value[4:5] == "-":
        day = _parse(parse_date, value)
        if day is not None:
            return Value("date", day)
    return Value("text", value)


def _parse(parser, text: str) -> datetime.date | datetime.datetime | None:
    try:
        return parser(text)
    except ValueError:
        return None


def readable_changes(entry) -> list[Change]:
    """The entry's changes as rows with labels and displayable values, in recorded order."""
    if not isinstance(entry.changes, dict):
        return []
    model = _model(entry.object_type)
    rows = []
    for key, value in entry.changes.items():
        field = _field(model, key)
        label = _label(key, field)
        if _is_change(value, field):
            old, new = (_display(item, field) for item in value)
            rows.append(Change(key, label, old=old, new=new, is_change=True))
        else:
            rows.append(Change(key, label, value=_display(value, field)))
    return rows


def object_type_label(object_type: str) -> str:
    """The model's name in the page's language (the technical type when it is not a model)."""
    model = _model(object_type)
    return capfirst(model._meta.verbose_name) if model is not None else object_type
