# SPDX-License-Identifier: EUPL-1.2
"""Knowledge centre benchmark: FAQ search and the similar-question suggestion over 20 k published
questions with answers, each as a ratio to the trivial /health/ view (target 5×).

    .venv/bin/python bench/knowledge.py [--questions N] [--rounds N] [--warmup N] [--fresh] [--strict]

The database under var/bench/ starts as the page benchmark's (migrate, reference data, demo
users) and gets ``--questions`` generated published questions with answers (default 20,000),
written straight into the SQLite file together with their FTS5 index rows (the words' Dutch
stems, ``knowledge.stemming.stems``). The site is searched anonymously. The FAQ and the
suggestions are cached per data version (ADR 6); the "uncached" cases (the first visitor with a
given query, which for search is the normal case) are held to the same 5× target.

The generated corpus is meant to behave like real text: its vocabulary is large and Zipfian (a
few words are everywhere, most are rare). Recombining only the ~60 demo questions would make the
common subject words match about half of all documents, which no real FAQ does. So each question
mixes the demo sentences (titles, answers: the subjects the searched words come from) with real
Dutch text from the GEMMA model shipped in data/gemma/model/gemma_elements.csv (element names,
documentation and property texts) and with words drawn from that text's running word stream,
which keeps their natural frequencies. A demo sentence appears in about one question in four.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import random
import re
import sqlite3
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))

from bench.database import BENCH_DIR, COMMANDS, prepare_database  # noqa: E402
from bench.run import BASELINE, Case, configure_django, environment, measure, report  # noqa: E402

JSON = (("HTTP_ACCEPT", "application/json"),)
CASES = [
    Case("FAQ /kennis/ (newest)", "/kennis/"),
    Case("search one word", "/kennis/?q=aansluiting"),
    Case("search two words", "/kennis/?q=digid+assessment"),
    Case("search with theme filter", "/kennis/?q=leverancier&thema=basisregistraties"),
    Case("search page 10", "/kennis/?q=gemeente&page=10"),
    Case("suggestion fragment", "/kennis/vragen/vergelijkbaar/?q=Hoe+sluiten+we+aan+op+de+BRP"),
    Case("API similar", "/api/v1/knowledge/questions/similar?q=e-facturatie+via+digipoort", headers=JSON),
    Case("API search", "/api/v1/knowledge/questions?q=basisregistratie", headers=JSON),
]
# The first visitor with a query, on a site whose other cached parts are there (a different search
# was done just before: the filter lists are cached), and the first visitor after a write (the
# cache empty). Printed without a target (ADR 13), in a pass of their own, since clearing the
# cache would also empty it for the cases above.
WARM = "/kennis/?q=digipoort"
UNCACHED = [
    Case("search one word, new query", "/kennis/?q=aansluiting", target=None, uncached=True, warm=WARM),
    Case("search two words, new query", "/kennis/?q=digid+assessment", target=None, uncached=True, warm=WARM),
    Case("search page 10, new query", "/kennis/?q=gemeente&page=10", target=None, uncached=True, warm=WARM),
    # Not a search: the rendering of a page of 20 questions, the floor under the search pages.
    Case("FAQ /kennis/ (newest), after a write", "/kennis/", target=None, uncached=True),
    Case("search one word, after a write", "/kennis/?q=aansluiting", target=None, uncached=True),
    Case("search page 10, after a write", "/kennis/?q=gemeente&page=10", target=None, uncached=True),
    Case(
        "suggestion fragment, new text",
        "/kennis/vragen/vergelijkbaar/?q=Hoe+sluiten+we+aan+op+de+BRP",
        target=None,
        uncached=True,
    ),
    Case(
        "API similar, new text",
        "/api/v1/knowledge/questions/similar?q=e-facturatie+via+digipoort",
        headers=JSON,
        target=None,
        uncached=True,
    ),
]
GEMMA_ELEMENTS = REPO_ROOT / "data" / "gemma" / "model" / "gemma_elements.csv"
DEMO_SHARE = 0.25  # the share of questions built around a demo title / answer
EXCERPT = 280  # knowledge.models.questions.EXCERPT_LENGTH (the models cannot be imported before set-up)
# Question frames for the other titles; varied, so that no frame word is in most documents.
FRAMES = (
    "Wat is {0} ({1})?",
    "Hoe gebruiken we {0} voor {1}?",
    "Wie beheert {0}?",
    "Waar vinden we {0} en {1}?",
    "Geldt {0} ook voor {1}?",
    "{0}: {1}?",
    "Is {0} verplicht?",
    "Welke afspraken gelden voor {0}?",
)


def _demo_sentences() -> tuple[list[str], list[str]]:
    """The demo questions' titles and answers."""
    from bouwplaats.knowledge.demo_content import QUESTIONS

    return [title for title, *_rest in QUESTIONS], [answer for _t, _b, answer, *_rest in QUESTIONS]


def _gemma_texts() -> tuple[list[str], list[str]]:
    """Element names, and the sentences of their documentation and (textual) properties."""
    names, sentences = [], []
    with GEMMA_ELEMENTS.open(encoding="utf-8", newline="") as handle:
        for element in csv.DictReader(handle):
            names.append(element["name"].strip())
            texts = [element["documentation"]]
            with contextlib.suppress(ValueError):
                texts += [v for v in json.loads(element["properties"] or "{}").values() if isinstance(v, str)]
            for text in texts:
                for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
                    if len(sentence.split()) >= 4:  # skips ids, codes and scores
                        sentences.append(sentence.strip())
    return [name for name in names if name], sentences


def generator(count: int):
    def add(path: Path, env) -> None:
        from bouwplaats.knowledge.stemming import stems
        from bouwplaats.ui.markdown import markdown_excerpt

        rng = random.Random(2014)
        demo_titles, demo_answers = _demo_sentences()
        names, sentences = _gemma_texts()
        # The running word stream: drawing positions from it keeps each word's real frequency.
        stream = [word for text in sentences for word in re.findall(r"\w{2,}", text)]

        def words(n: int) -> str:
            return " ".join(rng.choice(stream) for _ in range(n))

        def prose(n: int) -> str:
            return " ".join(rng.choice(sentences) for _ in range(n))

        db = sqlite3.connect(path)
        themes = [row[0] for row in db.execute("SELECT id FROM knowledge_theme")]
        blocks = [row[0] for row in db.execute("SELECT id FROM catalogue_buildingblock")]
        questions, answers, index, links = [], [], [], []
        start = db.execute("SELECT COALESCE(MAX(id), 0) FROM knowledge_question").fetchone()[0] + 1
        for number in range(count):
            pk = start + number
            if rng.random() < DEMO_SHARE:
                title = f"{rng.choice(demo_titles).rstrip('?')} {words(2)}?"[:200]
                answer = f"{rng.choice(demo_answers)} {prose(1)}"
            else:
                title = rng.choice(FRAMES).format(rng.choice(names), words(2))[:200]
                answer = f"{prose(2)} {words(8)}"
            body = f"{prose(1)} {words(6)}"
            day = f"20{rng.randint(12, 14)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 10:00:00"
            questions.append((pk, title, body, rng.choice(themes), day, day, day, day))
            answers.append((pk, answer, markdown_excerpt(answer, EXCERPT), day, day))
            index.append((pk, stems(title), stems(body), stems(answer)))  # as search.rebuild writes them
            links.append((pk, rng.choice(blocks)))
        db.executemany(
            "INSERT INTO knowledge_question (id, title, body, theme_id, status, tags, created_at, assigned_at, "
            "answered_at, published_at, is_demo) VALUES (?, ?, ?, ?, 'published', '', ?, ?, ?, ?, 1)",
            questions,
        )
        db.executemany(
            "INSERT INTO knowledge_answer (question_id, body, excerpt, accepted, created_at, updated_at) "
            "VALUES (?, ?, ?, 0, ?, ?)",
            answers,
        )
        db.executemany(
            "INSERT INTO knowledge_question_building_blocks (question_id, buildingblock_id) VALUES (?, ?)", links
        )
        db.executemany("INSERT INTO knowledge_question_search (rowid, title, body, answer) VALUES (?, ?, ?, ?)", index)
        db.commit()
        db.close()

    return add


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)

    database = BENCH_DIR / f"knowledge-{args.questions}.sqlite3"
    commands = [c for c in COMMANDS if c[0] != "load_demo_progress"]
    print(
        prepare_database(
            database,
            args.fresh,
            commands=commands,
            then=generator(args.questions),
            inputs=[
                "bench/knowledge.py",
                "src/bouwplaats/knowledge/demo_content.py",
                "src/bouwplaats/knowledge/stemming.py",
            ],
        )
    )
    configure_django(database)
    from django.test import Client

    from bouwplaats.knowledge.models import Question

    print("\n".join(environment(database)))
    print(f"Published questions {Question.objects.filter(status='published').count()}\n")
    results = measure([BASELINE, *CASES], rounds=args.rounds, warmup=args.warmup, client=Client())
    lines, all_ok = report(results, results[0], args.rounds, args.warmup)
    print("\n".join(lines))
    uncached = measure([BASELINE, *UNCACHED], rounds=args.rounds, warmup=args.warmup, client=Client())
    uncached_lines, uncached_ok = report(uncached, uncached[0], args.rounds, args.warmup)
    print("\n" + "\n".join(uncached_lines))
    return 1 if args.strict and not (all_ok and uncached_ok) else 0


if __name__ == "__main__":
    sys.exit(main())
