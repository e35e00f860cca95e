# SPDX-License-Identifier: EUPL-1.2
"""A write's validation messages: collected by field and raised together, and shown on a form or
as messages on the next page."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

T = TypeVar("T")


class Errors:
    """Field-keyed messages raised as one ``ValidationError``; ``prefix`` goes before every field name
    (e.g. ``"BAG-"`` for one of several building blocks on a form)."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.messages: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.messages.setdefault(f"{self.prefix}{field}", []).append(str(message))

    def replace(self, field: str, message: str) -> None:
        """``message`` instead of whatever was said about ``field`` (clearer words than the model's)."""
        self.messages[f"{self.prefix}{field}"] = [str(message)]

    def merge(self, error: ValidationError) -> None:
        """The messages of ``error`` (without a field: ``__all__``), repeats left out."""
        items = error.message_dict.items() if hasattr(error, "error_dict") else [(NON_FIELD_ERRORS, error.messages)]
        for field, texts in items:
            for message in texts:
                if message not in self.messages.get(f"{self.prefix}{field}", []):
                    self.add(field, message)

    def __contains__(self, field: str) -> bool:
        return f"{self.prefix}{field}" in self.messages

    def __bool__(self) -> bool:
        return bool(self.messages)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)


def clean_text(
    value: str | None, *, field: str, max_length: int, required: bool | str = True, errors: Errors | None = None
) -> str:
    """``value`` stripped, with a message on ``field`` when it is missing but ``required`` (True: the
    standard message; or a message of its own) or longer than ``max_length``. The message goes to
    ``errors``, or is raised at once without them."""
    collect = errors if errors is not None else Errors()
    text = (value or "").strip()
    if required and not text:
        collect.add(field, _("This field is required.") if required is True else required)
    elif len(text) > max_length:
        message = _("Keep it to at most %(max)d characters (it has %(length)d).")
        collect.add(field, message % {"max": max_length, "length": len(text)})
    if errors is None:
        collect.raise_if_any()
    return text


def add_service_errors(form: forms.Form, error: ValidationError, *, field_names: dict[str, str] | None = None) -> None:
    """Show a service's ``ValidationError`` on the form: per field where the form has it, else on top.

    ``field_names`` maps a service's name of a field to the form's, where they differ
    (e.g. ``{"source": "file"}``).
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    renamed = field_names or {}
    for field, texts in error.message_dict.items():
        field = renamed.get(field, field)
        form.add_error(field if field in form.fields else None, texts)


def submit_form(request, form: forms.Form, write: Callable[..., T], /, **arguments) -> T | None:
    """What a page does with its form: on a POST of a valid ``form``, the result of the service
    ``write(**arguments, **values)`` (what it wrote). None on a GET, for an invalid form, or when the
    service refused, its messages then shown on the form (``add_service_errors``).

    ``values`` is ``form.cleaned_data``, or what the form's ``service_arguments()`` makes of it where
    the service takes other names or shapes; the form's ``service_field_names`` (a dict, as for
    ``add_service_errors``) puts the service's messages back on the form's own fields."""
    if request.method != "POST" or not form.is_valid():
        return None
    service_arguments = getattr(form, "service_arguments", None)
    values = service_arguments() if service_arguments else form.cleaned_data
    try:
        return write(**arguments, **values)
    except ValidationError as error:
        add_service_errors(form, error, field_names=getattr(form, "service_field_names", None))
        return None


def perform(request, success: str, write: Callable[..., T], /, **arguments) -> T | None:
    """A button that only acts: the result of the service ``write(**arguments)``, with ``success`` as
    the next page's message; or, when the service refused, None with its messages as errors."""
    try:
        result = write(**arguments)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return None
    messages.success(request, success)
    return result
