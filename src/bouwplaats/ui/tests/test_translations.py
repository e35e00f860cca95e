from pathlib import Path

import polib
from django.test import Client
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
    dutch = client.get("/")
    assert dutch.status_code == 200
    assert 'lang="nl"' in dutch.content.decode()
    assert "Direct naar de inhoud" in dutch.content.decode()

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/")
    assert 'lang="en"' in english.content.decode()
    assert "Skip to main content" in english.content.decode()
    translation.activate("nl")


def test_the_browser_language_does_not_override_dutch(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").get("/")
    assert 'lang="nl"' in response.content.decode()
    assert response["Content-Language"] == "nl"
