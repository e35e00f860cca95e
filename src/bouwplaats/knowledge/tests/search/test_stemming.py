# SPDX-License-Identifier: EUPL-1.2
"""Dutch stemming: a question is found by the singular or the plural of the words it uses.

SQLite stems with Snowball's Dutch (Porter) algorithm in Python, PostgreSQL with its ``dutch``
text-search configuration (the same algorithm), so the two backends find the same questions; the
same test runs on both (``DATABASE_URL=postgres://… pytest``).

Both backends match a query word as a prefix of the stems in the index. Of the 30 pairs below 23
have one stem for both forms and are found both ways. Six plurals in -s keep their s in the stem
(registraties, organisaties, applicaties) or get a longer stem (gegevens, adressen, processen):
the singular finds the plural (a prefix of its stem), the plural does not find the singular, on
PostgreSQL as on SQLite. Bedrijf/bedrijven ("bedrijf", "bedrijv") is missed both ways on both.
"""

# The SQL below interpolates only the constant table name.
# ruff: noqa: S608

import importlib
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

import bouwplaats
from bouwplaats.knowledge import search
from bouwplaats.knowledge.models import Question, QuestionStatus
from bouwplaats.knowledge.questions import selectors

from ..factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db

# (singular, plural): words that questions about the building blocks use.
PAIRS = [
    ("zaak", "zaken"),
    ("vraag", "vragen"),
    ("afspraak", "afspraken"),
    ("gemeente", "gemeenten"),
    ("bouwsteen", "bouwstenen"),
    ("voorziening", "voorzieningen"),
    ("koppeling", "koppelingen"),
    ("aansluiting", "aansluitingen"),
    ("registratie", "registraties"),
    ("formulier", "formulieren"),
    ("aanvraag", "aanvragen"),
    ("melding", "meldingen"),
    ("besluit", "besluiten"),
    ("burger", "burgers"),
    ("bedrijf", "bedrijven"),
    ("leverancier", "leveranciers"),
    ("standaard", "standaarden"),
    ("bericht", "berichten"),
    ("dienst", "diensten"),
    ("product", "producten"),
    ("gegeven", "gegevens"),
    ("vergunning", "vergunningen"),
    ("factuur", "facturen"),
    ("adres", "adressen"),
    ("verzoek", "verzoeken"),
    ("overheid", "overheden"),
    ("organisatie", "organisaties"),
    ("applicatie", "applicaties"),
    ("proces", "processen"),
    ("systeem", "systemen"),
]
# (word searched for, word in the question) that PostgreSQL's dutch configuration misses as well.
MISSES = {
    ("registraties", "registratie"),
    ("gegevens", "gegeven"),
    ("adressen", "adres"),
    ("organisaties", "organisatie"),
    ("applicaties", "applicatie"),
    ("processen", "proces"),
    ("bedrijven", "bedrijf"),
    ("bedrijf", "bedrijven"),
}


def published(member, titles: list[str]) -> list[Question]:
    questions = [
        QuestionFactory(asker=member, title=title, body="", status=QuestionStatus.PUBLISHED) for title in titles
    ]
    for question in questions:
        AnswerFactory(question=question, body="Zie de handreiking.")
    search.rebuild()
    return questions


def test_thirty_singular_and_plural_pairs(member):
    assert len(PAIRS) == 30
    words = [word for pair in PAIRS for word in pair]
    asked = dict(zip(words, published(member, [f"Hoe zit het met {word}?" for word in words]), strict=True))
    missed = set()
    for singular, plural in PAIRS:
        for searched, used in ((singular, plural), (plural, singular)):
            found = {question.pk for question in selectors.faq(text=searched)}
            assert asked[searched].pk in found  # the word itself
            if asked[used].pk not in found:
                missed.add((searched, used))
    assert missed == MISSES
    both_ways = [pair for pair in PAIRS if not {pair, pair[::-1]} & MISSES]
    assert len(both_ways) == 23


def test_irregular_plurals_and_accents(member):
    zaak, overheden, financieel = published(
        member, ["Welke zaak?", "Welke overheden?", "Een financiële bijdrage aan de coördinatie"]
    )
    assert list(selectors.faq(text="zaken")) == [zaak]
    assert list(selectors.faq(text="overheid")) == [overheden]
    assert list(selectors.faq(text="financiele coordinatie")) == [financieel]
    assert list(selectors.faq(text="coördinatie")) == [financieel]


def test_suggestions_and_the_api_use_the_same_stems(member, api_client):
    (afspraken,) = published(member, ["Afspraken over de aansluiting op Digipoort"])
    assert selectors.similar_questions("Welke afspraak geldt voor de aansluitingen?") == [afspraken]
    response = api_client.get(reverse("knowledge-question-list"), {"q": "afspraak"})
    assert [row["id"] for row in response.json()["results"]] == [afspraken.pk]


def test_the_upgrade_rebuilds_the_index(member):
    (zaak,) = published(member, ["Welke zaak?"])
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {search.TABLE}")
        if not search.is_postgresql():
            # An index as SQLite's was before Snowball stemming: the words as they are.
            cursor.execute(
                f"INSERT INTO {search.TABLE} (rowid, title, body, answer) VALUES (%s, %s, '', '')",
                [zaak.pk, zaak.title],
            )
    assert list(selectors.faq(text="zaken")) == []
    migration = importlib.import_module("bouwplaats.knowledge.migrations.0005_search_dutch_stems")
    migration.restem(apps, SimpleNamespace(connection=connection))
    assert list(selectors.faq(text="zaken")) == [zaak]


SCRIPT = "from bouwplaats.knowledge.stemming import stems; print(stems('De zaken en afspraken'))"


def test_stemming_needs_no_django():
    """Code that fills an index outside the site (the benchmark's generator) stems before Django is set up."""
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    environment["PYTHONPATH"] = str(Path(bouwplaats.__file__).parents[1])
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["zak", "afsprak"]
