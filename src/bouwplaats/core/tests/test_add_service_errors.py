from django import forms
from django.core.exceptions import ValidationError

from bouwplaats.core.errors import add_service_errors


class UploadForm(forms.Form):
    name = forms.CharField(required=False)
    file = forms.CharField(required=False)


def _form() -> UploadForm:
    form = UploadForm({})
    form.is_valid()
    return form


def test_field_errors_go_to_their_field_and_others_on_top():
    form = _form()
    add_service_errors(form, ValidationError({"name": "Too long.", "version": "Changed meanwhile."}))
    assert form.errors["name"] == ["Too long."]
    assert form.non_field_errors() == ["Changed meanwhile."]


def test_a_service_field_can_be_shown_on_a_form_field_of_another_name():
    form = _form()
    add_service_errors(form, ValidationError({"source": "Line 3: no such element."}), field_names={"source": "file"})
    assert form.errors["file"] == ["Line 3: no such element."]


def test_an_error_without_fields_goes_on_top():
    form = _form()
    add_service_errors(form, ValidationError(["First.", "Second."]))
    assert form.non_field_errors() == ["First.", "Second."]
