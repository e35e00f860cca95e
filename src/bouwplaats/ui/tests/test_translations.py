# SPDX-License-Identifier: EUPL-1.2
import re
from pathlib import Path

import polib
from django.test import Client
from django.urls import reverse
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[1].parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_dutch_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert len(catalogue) > 100
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_survive_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    for entry in catalogue.translated_entries():
        for placeholder in ("%(", "%s", "%d"):
            assert entry.msgid.count(placeholder) == entry.msgstr.count(placeholder) or entry.msgid_plural, entry.msgid


def test_pages_are_dutch_by_default_and_english_on_request(db):
    client = Client()
    dutch = client.get(reverse("catalogue:home"))
    assert dutch.status_code == 200
    assert 'lang="nl"' in dutch.content.decode()
    assert "Direct naar de inhoud" in dutch.content.decode()

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("catalogue:home"))
    assert 'lang="en"' in english.content.decode()
    assert "Skip to main content" in english.content.decode()
    translation.activate("nl")


def test_the_browser_language_does_not_override_dutch(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").get(reverse("catalogue:home"))
    assert 'lang="nl"' in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_a_number_before_a_noun_takes_the_right_form_in_dutch():
    elements = ("%(number)s element", "%(number)s elements")
    applied = (
        "The import has been applied: %(events)d status recorded.",
        "The import has been applied: %(events)d statuses recorded.",
    )
    with translation.override("nl"):
        assert translation.ngettext(*elements, 1) % {"number": 1} == "1 element"
        assert translation.ngettext(*elements, 3) % {"number": 3} == "3 elementen"
        assert translation.ngettext(*applied, 1) % {"events": 1} == "De import is verwerkt: 1 status vastgelegd."
        assert translation.ngettext(*applied, 2) % {"events": 2} == "De import is verwerkt: 2 statussen vastgelegd."


def test_the_dutch_catalogue_has_no_forms_for_either_number():
    """No "bouwsteen/bouwstenen", "status(sen)" or "gemeente(n)": ngettext chooses the form."""
    catalogue = polib.pofile(str(CATALOGUE))
    texts = [text for entry in catalogue for text in (entry.msgstr, *entry.msgstr_plural.values()) if text]
    both = [text for text in texts if re.search(r"\w\((s|en|n|sen)\)|\bbouwsteen/bouwstenen\b", text)]
    assert both == []
    assert [text for text in texts if re.search(r"\b[Uu] hebt\b|\bhebt u\b", text)] == []
