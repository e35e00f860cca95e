# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.exceptions import ValidationError

from bouwplaats.core.errors import Errors, clean_text


def test_messages_are_collected_by_field_and_raised_together():
    errors = Errors()
    errors.add("title", "Too long.")
    errors.add("title", "Not allowed.")
    errors.add("date", "In the future.")
    with pytest.raises(ValidationError) as raised:
        errors.raise_if_any()
    assert raised.value.message_dict == {"title": ["Too long.", "Not allowed."], "date": ["In the future."]}


def test_no_messages_raise_nothing():
    errors = Errors()
    assert not errors
    errors.raise_if_any()


def test_a_prefix_goes_before_every_field():
    errors = Errors("BAG-")
    errors.add("level", "Choose a level.")
    assert "level" in errors
    assert errors.messages == {"BAG-level": ["Choose a level."]}


def test_merge_keeps_fields_drops_repeats_and_puts_the_rest_on_the_form():
    errors = Errors()
    errors.add("name", "Required.")
    errors.merge(ValidationError({"name": ["Required.", "Too short."]}))
    errors.merge(ValidationError("Something else."))
    assert errors.messages == {"name": ["Required.", "Too short."], "__all__": ["Something else."]}


def test_replace_puts_one_clearer_message_instead():
    errors = Errors()
    errors.add("number", "This field cannot be null.")
    errors.replace("number", "Enter the number.")
    assert errors.messages == {"number": ["Enter the number."]}


def test_text_is_stripped():
    assert clean_text("  Idea \n", field="title", max_length=10) == "Idea"


def test_a_required_text_that_is_empty_gets_the_given_message():
    errors = Errors()
    assert clean_text("   ", field="title", max_length=10, required="Write a title.", errors=errors) == ""
    assert errors.messages == {"title": ["Write a title."]}


def test_a_required_text_without_its_own_message_gets_the_standard_one(english_messages):
    errors = Errors()
    clean_text(None, field="title", max_length=10, errors=errors)
    assert errors.messages == {"title": ["This field is required."]}


def test_an_optional_text_may_be_empty():
    errors = Errors()
    assert clean_text("", field="note", max_length=10, required=False, errors=errors) == ""
    assert not errors


def test_a_long_text_says_the_maximum_and_the_count(english_messages):
    errors = Errors()
    clean_text("x" * 12, field="note", max_length=10, required=False, errors=errors)
    assert errors.messages == {"note": ["Keep it to at most 10 characters (it has 12)."]}


def test_without_a_collector_the_message_is_raised_at_once():
    with pytest.raises(ValidationError) as raised:
        clean_text("", field="body", max_length=10, required="Write a comment.")
    assert raised.value.message_dict == {"body": ["Write a comment."]}


def test_the_messages_are_dutch_on_dutch_pages():
    errors = Errors()
    clean_text("x" * 12, field="note", max_length=10, errors=errors)
    clean_text("", field="title", max_length=10, errors=errors)
    assert errors.messages == {
        "note": ["Gebruik hoogstens 10 tekens (het zijn er 12)."],
        "title": ["Dit veld is verplicht."],
    }
