# SPDX-License-Identifier: EUPL-1.2
import datetime
import importlib
import pkgutil

import pytest
from django import forms
from django.utils import translation

import bouwplaats
from bouwplaats.ui.forms import DateField, DateInput, Textarea


class _DateForm(forms.Form):
    day = DateField(required=False)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_date_field_renders_iso_in_every_language(language):
    with translation.override(language):
        html = str(_DateForm(initial={"day": datetime.date(2014, 9, 1)})["day"])
    assert 'type="date"' in html
    assert 'value="2014-09-01"' in html


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("typed", ["2014-09-01", "01-09-2014"])
def test_date_field_reads_iso_and_the_dutch_form_in_every_language(language, typed):
    with translation.override(language):
        form = _DateForm(data={"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2014, 9, 1)


def test_date_field_refuses_other_forms_with_a_clear_message():
    with translation.override("nl"):
        form = _DateForm(data={"day": "09/01/2014"})
        assert not form.is_valid()
        assert form.errors["day"] == ["Vul een datum in als dd-mm-jjjj, bijvoorbeeld 01-09-2014."]


def test_an_unchanged_date_is_not_a_change():
    with translation.override("nl"):
        form = _DateForm(data={"day": "2014-09-01"}, initial={"day": datetime.date(2014, 9, 1)})
        assert form.changed_data == []


def _form_classes():
    """Every form class defined in the project's ``forms`` modules."""
    for module_info in pkgutil.walk_packages(bouwplaats.__path__, "bouwplaats."):
        if module_info.name.endswith(".forms") and ".tests" not in module_info.name:
            module = importlib.import_module(module_info.name)
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, forms.BaseForm)
                    and value.__module__ == module.__name__
                ):
                    yield value


def test_every_form_uses_the_one_date_field():
    """Model forms too: a date field that Django makes from a model renders the localised form."""
    classes = list(_form_classes())
    assert len(classes) > 20  # the walk found the apps' forms
    for form_class in classes:
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DateField):  # noqa: TID251 - looking for Django's own
                assert isinstance(field, DateField), f"{form_class.__qualname__}.{name}"
                assert isinstance(field.widget, DateInput), f"{form_class.__qualname__}.{name}"
            if isinstance(field.widget, forms.Textarea):  # noqa: TID251 - looking for Django's own
                assert isinstance(field.widget, Textarea), f"{form_class.__qualname__}.{name}"


class _TextForm(forms.Form):
    text = forms.CharField(widget=Textarea)


def test_a_textarea_reads_line_breaks_back_as_stored():
    """Browsers send CRLF; text stored with LF is unchanged when the form comes back as it was."""
    form = _TextForm(data={"text": "Eerste regel.\r\nTweede regel."}, initial={"text": "Eerste regel.\nTweede regel."})
    assert form.is_valid()
    assert form.cleaned_data["text"] == "Eerste regel.\nTweede regel."
    assert form.changed_data == []
