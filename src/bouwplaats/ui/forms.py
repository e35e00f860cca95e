# SPDX-License-Identifier: EUPL-1.2
"""The form fields and widgets of every app: the one date field and the textarea."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

ISO_DATE = "%Y-%m-%d"
# What people type where the browser shows a plain text box (no JavaScript, or an old browser).
DUTCH_DATE = "%d-%m-%Y"


class DateInput(forms.DateInput):  # noqa: TID251 - the one place that may use Django's date widget
    """``<input type="date">`` with its value always in ISO form.

    Browsers accept nothing else in a date input: a localised value such as ``01-09-2014`` shows as
    an empty field, and a form submitted unchanged would then erase the date.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)


class DateField(forms.DateField):  # noqa: TID251 - the one place that may use Django's date field
    """The date field of every form: rendered as ISO, read as ISO or as the Dutch dd-mm-jjjj."""

    widget = DateInput
    input_formats = [ISO_DATE, DUTCH_DATE]
    default_error_messages = {"invalid": _("Enter a date as dd-mm-yyyy, for example 01-09-2014.")}


class Textarea(forms.Textarea):  # noqa: TID251 - the one place that may use Django's textarea
    """A textarea whose text reads back as it was stored.

    Browsers send a textarea's line breaks as CRLF, so text stored with LF would look changed on
    every save of an unchanged form.
    """

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


class TextAreaField(forms.CharField):
    """A text of several lines: the site's ``Textarea`` with ``rows`` rows (``attrs`` added)."""

    def __init__(self, *, rows: int, attrs: dict | None = None, **kwargs):
        super().__init__(widget=Textarea(attrs={"rows": rows, **(attrs or {})}), **kwargs)


def formfield_for(db_field: models.Field, **kwargs) -> forms.Field | None:
    """``formfield_callback`` for model forms: the site's date field and textarea."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        return db_field.formfield(form_class=DateField, **kwargs)
    if isinstance(db_field, models.TextField) and not db_field.choices:
        kwargs.setdefault("widget", Textarea)
    return db_field.formfield(**kwargs)
