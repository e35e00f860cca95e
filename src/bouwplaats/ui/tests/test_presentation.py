import pytest
from django.utils import translation

from bouwplaats.ui.presentation import choice_labels


def test_choice_labels_are_translated_text():
    with translation.override("en"):
        assert choice_labels([("a", translation.gettext_lazy("Yes"))]) == {"a": "Yes"}


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("monitor:municipality-progress", ["GM0363"]),
        ("monitor:block-history", ["GM0363", "DIGID"]),
        ("knowledge:question-detail", [12]),
        ("catalogue:building-block-detail", ["operatie-nup", "BRP"]),
    ],
)
def test_urls_made_per_row_equal_reverse(name, args):
    from django.urls import reverse

    from bouwplaats.ui.presentation import url_maker

    make = url_maker(name)
    assert make(*args) == reverse(name, args=args)
    assert make(*args) == reverse(name, args=args)  # again, from the pattern kept
