# SPDX-License-Identifier: EUPL-1.2
"""Co-creation benchmark: the ideas list, an idea page, a consultation's results and the API,
at demo volume plus generated ideas and votes, each as a ratio to the trivial /health/ view.

    .venv/bin/python bench/cocreation.py [--ideas N] [--votes-per-idea N] [--rounds N] [--warmup N] [--fresh] [--strict]

The database under var/bench/ starts as the page benchmark's (migrate, reference data, demo
users) plus ``load_demo_cocreation`` (a closed consultation with ballots of ~70 % of the 403
municipalities), and gets ``--ideas`` generated ideas of the current programme with on average
``--votes-per-idea`` votes of generated members (default 2,000 ideas, 25 votes: 50 k votes).
Pages are requested as the demo coordinator (so the "supported" marks are computed). Target 10×
(as the monitor's pages: a signed-in page costs a session and a user query more than /health/);
two cached pages of other apps are printed for context, without a target.
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

COORDINATOR_EMAIL = "coordinator.amsterdam@bouwplaats.example"
JSON = (("HTTP_ACCEPT", "application/json"),)
TARGET = 10.0


def cases(closed_id: int, idea_id: int) -> list[Case]:
    return [
        Case("ideas /cocreatie/ (by votes)", "/cocreatie/", target=TARGET),
        Case("ideas newest, page 20", "/cocreatie/?sortering=newest&page=20", target=TARGET),
        Case("ideas filtered by block and status", "/cocreatie/?bouwsteen=DIGID&status=planned", target=TARGET),
        Case("idea page", f"/cocreatie/ideeen/{idea_id}/", target=TARGET),
        Case("consultation results", f"/cocreatie/raadplegingen/{closed_id}/", target=TARGET),
        Case("API ideas", "/api/v1/ideas", target=TARGET, headers=JSON),
        Case("API consultation results", f"/api/v1/consultations/{closed_id}/results", target=TARGET, headers=JSON),
        # For context, not compared: a cached catalogue list and a municipality API page (ADR 6).
        Case("(context) building blocks /bouwstenen/", "/bouwstenen/", target=None),
        Case("(context) API municipalities", "/api/v1/municipalities?date=2014-01-01", target=None, headers=JSON),
    ]


def generator(ideas: int, votes_per_idea: int):
    """Add generated ideas and votes straight into the SQLite file (after the demo commands ran)."""

    def add(path: Path, env) -> None:
        rng = random.Random(2014)
        db = sqlite3.connect(path)
        programme = db.execute("SELECT id FROM catalogue_programme WHERE is_current ORDER BY id LIMIT 1").fetchone()[0]
        blocks = [
            row[0] for row in db.execute("SELECT id FROM catalogue_buildingblock WHERE programme_id = ?", [programme])
        ]
        users = [row[0] for row in db.execute("SELECT id FROM accounts_user")]
        statuses = ["received", "under_consideration", "planned", "realised", "declined"]
        rows = [
            (
                programme,
                rng.choice(blocks),
                f"Thema {rng.randint(1, 30)}",
                f"Gegenereerd idee {number}",
                "Een beschrijving van het idee. " * 8,
                "De meerwaarde. " * 5,
                rng.choice(users),
                f"2013-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 10:00:00",
                rng.choice(statuses),
            )
            for number in range(ideas)
        ]
        db.executemany(
            "INSERT INTO cocreation_idea (programme_id, building_block_id, theme, title, description, "
            "added_value, proposer_id, created_at, status, answer, vote_count, is_demo) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, 1)",
            rows,
        )
        idea_ids = [row[0] for row in db.execute("SELECT id FROM cocreation_idea WHERE title LIKE 'Gegenereerd%'")]
        voters = list(range(1, 2 * votes_per_idea + 1))
        db.executemany(
            "INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff, is_active, "
            "date_joined, email, full_name, role, organisation_name, preferred_language) "
            "VALUES ('!', 0, '', '', 0, 1, '2013-01-01', ?, ?, 'member', '', 'nl')",
            [(f"bench.voter{n}@bouwplaats.example", f"Bench voter {n}") for n in voters],
        )
        voter_ids = [row[0] for row in db.execute("SELECT id FROM accounts_user WHERE email LIKE 'bench.voter%'")]
        votes = []
        for idea_id in idea_ids:
            for user_id in rng.sample(voter_ids, rng.randint(0, 2 * votes_per_idea)):
                votes.append((idea_id, user_id))
        db.executemany(
            "INSERT INTO cocreation_vote (idea_id, mode, user_id, created_at) VALUES (?, 'user', ?, '2014-01-01')",
            votes,
        )
        db.execute(
            "UPDATE cocreation_idea SET vote_count = "
            "(SELECT COUNT(*) FROM cocreation_vote WHERE cocreation_vote.idea_id = cocreation_idea.id)"
        )
        db.commit()
        db.close()

    return add


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ideas", type=int, default=2000)
    parser.add_argument("--votes-per-idea", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)

    database = BENCH_DIR / f"cocreation-{args.ideas}-{args.votes_per_idea}.sqlite3"
    commands = [c for c in COMMANDS if c[0] != "load_demo_progress"] + [["load_demo_cocreation", "--force"]]
    print(
        prepare_database(
            database,
            args.fresh,
            commands=commands,
            then=generator(args.ideas, args.votes_per_idea),
            inputs=["bench/cocreation.py", "src/bouwplaats/cocreation/demo.py"],
        )
    )
    configure_django(database)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bouwplaats.cocreation.models import Consultation, Idea, Vote

    closed = Consultation.objects.filter(is_demo=True).order_by("opens_at").first()
    idea = Idea.objects.order_by("pk").first()
    print("\n".join(environment(database)))
    print(f"Ideas {Idea.objects.count()}, votes {Vote.objects.count()}, ballots {closed.ballots.count()}\n")
    client = Client()
    client.force_login(get_user_model().objects.get(email=COORDINATOR_EMAIL))
    results = measure([BASELINE, *cases(closed.pk, idea.pk)], rounds=args.rounds, warmup=args.warmup, client=client)
    lines, all_ok = report(results, results[0], args.rounds, args.warmup)
    print("\n".join(lines))
    return 1 if args.strict and not all_ok else 0


if __name__ == "__main__":
    sys.exit(main())
