# SPDX-License-Identifier: EUPL-1.2
"""The words and Dutch stems of a text as the search index holds them (``search``): plain text work,
no database, so that whatever fills an index (a migration, the benchmark's generator) stems alike."""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import snowballstemmer

MAX_TERMS = 8
# Words that say nothing about the subject; PostgreSQL's dutch configuration drops these itself.
_STOP_WORDS_TEXT = (
    "aan al als bij dan dat de die dit door een en er het hoe in is je kan kun kunnen met moet na naar "
    "niet nog of om onder ook op over te tot uit van voor wat we welke wie wij wil worden wordt zijn zo "
    "zich ze"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Letters and digits; an underscore separates words, as in FTS5's unicode61 tokenizer.
_WORD = re.compile(r"[^\W_]+")
# Snowball's original Dutch algorithm, the one PostgreSQL's dutch configuration uses. Not the
# "dutch" of snowballstemmer 3, a newer algorithm that cuts "gemeente" to "meen".
STEMMER = "dutch_porter"
_stemmers = threading.local()  # a stemmer object keeps the word it works on: one per thread


def words(text: str) -> list[str]:
    """The words of ``text`` that can carry meaning, lower case, in order."""
    return [word for word in _WORD.findall((text or "").lower()) if len(word) >= 2 and word not in STOP_WORDS]


def terms(text: str) -> list[str]:
    """The meaningful words of ``text``, lower case, each once, at most MAX_TERMS."""
    return list(dict.fromkeys(words(text)))[:MAX_TERMS]


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Dutch stem of a lower-case word: "zaken" and "zaak" → "zak", "gemeenten" → "gemeent"."""
    stemmer = getattr(_stemmers, "stemmer", None)
    if stemmer is None:
        stemmer = _stemmers.stemmer = snowballstemmer.stemmer(STEMMER)
    return stemmer.stemWord(word)


def stems(text: str) -> str:
    """``text`` as the SQLite index holds it: the stems of its words, stop words left out."""
    return " ".join(stem(word) for word in words(text))
