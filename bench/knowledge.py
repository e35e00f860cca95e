"""Knowledge centre benchmark: FAQ search and the similar-question suggestion over 20 k published
questions with answers, each as a ratio to the trivial /health/ view (target 5×).

    .venv/bin/python bench/knowledge.py [--questions N] [--rounds N] [--warmup N] [--fresh] [--strict]

The database under var/bench/ starts as the page benchmark's (migrate, reference data, demo
users) and gets ``--questions`` generated published questions with answers (default 20,000),
written straight into the SQLite file together with their FTS5 index rows, from sentences of the
demo content so that words recur as in real questions. The site is searched anonymously. The FAQ
and the suggestions are cached per data version (ADR 6); the "uncached" cases show the cost for
the first visitor after a write.
"""

from __future__ import annotations

import argparse
import random
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
    Case("API similar", "/api/v1/knowledge/questions/similar/?q=e-facturatie+via+digipoort", headers=JSON),
    Case("API search", "/api/v1/knowledge/questions/?q=basisregistratie", headers=JSON),
]
# The first visitor after a write (the cached parts are rebuilt): shown, not compared. Measured
# in a pass of their own, since clearing the cache would also empty it for the cases above.
UNCACHED = [
    Case("search one word (uncached)", "/kennis/?q=aansluiting", target=None, uncached=True),
    Case(
        "suggestion fragment (uncached)",
        "/kennis/vragen/vergelijkbaar/?q=Hoe+sluiten+we+aan+op+de+BRP",
        target=None,
        uncached=True,
    ),
]


def _sentences() -> list[str]:
    from bouwplaats.knowledge.demo_content import QUESTIONS

    return [text for title, body, answer, _theme, _codes in QUESTIONS for text in (title, body, answer)]


def generator(count: int):
    def add(path: Path, env) -> None:
        rng = random.Random(2014)
        sentences = _sentences()
        words = sorted({word.strip(".,?!*():") for s in sentences for word in s.split() if len(word) > 3})
        db = sqlite3.connect(path)
        themes = [row[0] for row in db.execute("SELECT id FROM knowledge_theme")]
        blocks = [row[0] for row in db.execute("SELECT id FROM catalogue_buildingblock")]
        questions, answers, index, links = [], [], [], []
        start = db.execute("SELECT COALESCE(MAX(id), 0) FROM knowledge_question").fetchone()[0] + 1
        for number in range(count):
            pk = start + number
            title = f"{rng.choice(sentences[0::3]).rstrip('?')} {' '.join(rng.sample(words, 3))}?"[:200]
            body = " ".join(rng.sample(words, 12))
            answer = f"{rng.choice(sentences[2::3])} {' '.join(rng.sample(words, 20))}"
            day = f"20{rng.randint(12, 14)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 10:00:00"
            questions.append((pk, title, body, rng.choice(themes), day, day, day, day))
            answers.append((pk, answer, day, day))
            index.append((pk, title, body, answer))
            links.append((pk, rng.choice(blocks)))
        db.executemany(
            "INSERT INTO knowledge_question (id, title, body, theme_id, status, tags, created_at, assigned_at, "
            "answered_at, published_at, is_demo) VALUES (?, ?, ?, ?, 'published', '', ?, ?, ?, ?, 1)",
            questions,
        )
        db.executemany(
            "INSERT INTO knowledge_answer (question_id, body, accepted, created_at, updated_at) VALUES (?, ?, 0, ?, ?)",
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
            inputs=["bench/knowledge.py", "src/bouwplaats/knowledge/demo_content.py"],
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
    print("\n" + "\n".join(report(uncached, uncached[0], args.rounds, args.warmup)[0]))
    return 1 if args.strict and not all_ok else 0


if __name__ == "__main__":
    sys.exit(main())
