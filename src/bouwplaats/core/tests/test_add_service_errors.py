# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from bouwplaats.core.errors import add_service_errors, perform, submit_form


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


def _request(method: str = "post"):
    request = getattr(RequestFactory(), method)("/")
    request._messages = CookieStorage(request)
    return request


def _service(**values):
    if values.get("name") == "taken":
        raise ValidationError({"name": "Taken.", "version": "Changed meanwhile."})
    return values


def test_a_valid_posted_form_is_written_by_the_service_with_the_given_arguments():
    form = UploadForm({"name": "new", "file": ""})
    assert submit_form(_request(), form, _service, actor="staff") == {"actor": "staff", "name": "new", "file": ""}


def test_the_service_is_not_called_for_a_get_and_its_refusal_is_shown_on_the_form():
    assert submit_form(_request("get"), UploadForm({"name": "taken"}), _service) is None
    form = UploadForm({"name": "taken"})
    assert submit_form(_request(), form, _service) is None
    assert form.errors["name"] == ["Taken."] and form.non_field_errors() == ["Changed meanwhile."]


def test_a_button_says_what_it_did_or_each_message_of_the_refusal():
    request = _request()
    assert perform(request, "Saved.", _service, name="new") == {"name": "new"}
    assert [str(m) for m in messages.get_messages(request)] == ["Saved."]
    request = _request()
    assert perform(request, "Saved.", _service, name="taken") is None
    assert sorted(str(m) for m in messages.get_messages(request)) == ["Changed meanwhile.", "Taken."]


class RenamingForm(UploadForm):
    """A form whose ``file`` the service takes as ``source``."""

    service_field_names = {"source": "file"}

    def service_arguments(self) -> dict:
        return {"name": self.cleaned_data["name"], "source": self.cleaned_data["file"]}


def _renaming_service(*, name, source):
    if source == "broken":
        raise ValidationError({"source": "Line 3: no such element."})
    return {"name": name, "source": source}


def test_a_form_can_give_the_service_its_own_argument_names_and_take_back_its_messages():
    assert submit_form(_request(), RenamingForm({"name": "a", "file": "ok"}), _renaming_service) == {
        "name": "a",
        "source": "ok",
    }
    form = RenamingForm({"name": "a", "file": "broken"})
    assert submit_form(_request(), form, _renaming_service) is None
    assert form.errors["file"] == ["Line 3: no such element."]
