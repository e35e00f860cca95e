"""The Python-written select list gives the same HTML as Django's own select template."""

import re

import pytest
from django import forms

from bouwplaats.ui.widgets import Select

CHOICES = [
    ("", "All <kinds>"),
    ("a", "Apples & pears"),
    (2, "Two"),
    ("Fruit", [("k", "Kiwi"), ("l", 'Lime "green"')]),
]


def _same_markup(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize(
    ("value", "attrs"),
    [
        (None, {}),
        ("a", {"id": "id_fruit", "aria-describedby": "help"}),
        ("l", {"id": "id_fruit", "required": True, "disabled": False}),
        (2, {"data-x": 'quote " and <tag>'}),
    ],
)
def test_the_html_equals_djangos_template(value, attrs):
    ours = Select(choices=CHOICES).render("fruit", value, attrs)
    djangos = forms.Select(choices=CHOICES).render("fruit", value, attrs)
    assert _same_markup(ours) == _same_markup(djangos)


def test_a_multiple_select_marks_every_chosen_option():
    class Many(Select):
        allow_multiple_selected = True

    html = Many(choices=CHOICES).render("fruit", ["a", "k"], {"multiple": True})
    assert html.count(" selected") == 2 and '<select name="fruit" multiple>' in html


def test_a_form_field_with_the_widget_keeps_its_value_and_label():
    class Form(forms.Form):
        fruit = forms.ChoiceField(choices=CHOICES, widget=Select, required=False)

    html = str(Form({"fruit": "k"})["fruit"].as_field_group())
    assert '<label for="id_fruit">Fruit:</label>' in html
    assert '<option value="k" selected>Kiwi</option>' in html and "All &lt;kinds&gt;" in html
