"""Showing a service's ``ValidationError`` on a form."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError, *, field_names: dict[str, str] | None = None) -> None:
    """Show a service's ``ValidationError`` on the form: per field where the form has it, else on top.

    ``field_names`` maps a service's name of a field to the form's, where they differ
    (e.g. ``{"source": "file"}``).
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    renamed = field_names or {}
    for field, messages in error.message_dict.items():
        field = renamed.get(field, field)
        form.add_error(field if field in form.fields else None, messages)
