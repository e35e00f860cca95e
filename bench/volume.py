# SPDX-License-Identifier: EUPL-1.2
"""Generated status history in volume for the monitor benchmarks, written straight into SQLite or PostgreSQL.

Every municipality × building block of the current programme gets ``per_month`` events in each
month from January 2012 to December 2014 (36 months): levels only go up, blockers come and go
while a pair is not at the top level. The rows are marked as demo data (``is_demo``, source
"demo"), ``CurrentStatus`` holds each pair's latest event with ``version`` = its number of
events, and ``manage.py rebuild_monthly_status`` then fills the monthly table (and records the
audit entry that sets the data version).
"""

from __future__ import annotations

import datetime
import random
import sqlite3
from pathlib import Path

from bench.database import run_manage

PROGRAMME = "operatie-nup"
FIRST_YEAR, MONTHS = 2012, 36
BLOCKER_BITS = [1 << bit for bit in range(8)]
BATCH = 50_000

EVENT_COLUMNS = (
    "id, municipality_id, building_block_id, level_id, valid_from, recorded_at, planned_date, budget_planned, "
    "budget_spent, evidence_text, evidence_url, evidence_file, blockers, blocker_note, note, source, author_id, "
    "is_demo, survey_round_id, import_batch_id"
)
CURRENT_COLUMNS = (
    "municipality_id, building_block_id, level_id, planned_date, blockers, budget_planned, budget_spent, "
    "last_event_id, version, updated_at, is_demo"
)


def programme_pairs(db: sqlite3.Connection) -> tuple[list[int], list[int], list[int]]:
    """The ids of the programme's levels (in order), blocks and municipalities of its division."""
    programme_id, reference_date = db.execute(
        "SELECT id, reference_date FROM catalogue_programme WHERE slug = ?", (PROGRAMME,)
    ).fetchone()
    by_programme = "SELECT id FROM {} WHERE programme_id = ? ORDER BY {}"
    levels = [row[0] for row in db.execute(by_programme.format("catalogue_statuslevel", "position"), (programme_id,))]
    blocks = [row[0] for row in db.execute(by_programme.format("catalogue_buildingblock", "code"), (programme_id,))]
    municipalities = [
        row[0]
        for row in db.execute(
            "SELECT id FROM organisations_municipality WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"
            " ORDER BY code",
            (reference_date, reference_date),
        )
    ]
    return levels, blocks, municipalities


def pair_history(rng: random.Random, level_ids: list[int], per_month: int):
    """``(valid_from, recorded_at, level_id, planned_date, blockers)`` of one pair, oldest first."""
    top = len(level_ids) - 1
    speed = rng.uniform(0.03, 0.2) / per_month  # chance of a step up per event
    level, blockers = 0, 0
    for index in range(MONTHS):
        year, month0 = divmod(index, 12)
        first = datetime.date(FIRST_YEAR + year, month0 + 1, 1)
        days = sorted(rng.sample(range(28), per_month))
        for day in days:
            if level < top and rng.random() < speed:
                level += 1
            if level == top:
                blockers = 0
            elif rng.random() < 0.15:
                blockers = sum(bit for bit in BLOCKER_BITS if rng.random() < 0.08)
            valid_from = first + datetime.timedelta(days=day)
            planned = None if level == top else (first + datetime.timedelta(days=180)).replace(day=1)
            yield valid_from, f"{valid_from} 09:{day:02d}:00", level_ids[level], planned, blockers


def generate(path: Path, per_month: int, seed: int = 2014) -> int:
    """Add ``per_month`` events per pair per month to the database at ``path``; returns the number of events."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")
    levels, blocks, municipalities = programme_pairs(db)
    next_id = (db.execute("SELECT MAX(id) FROM monitor_statusevent").fetchone()[0] or 0) + 1
    insert_event = f"INSERT INTO monitor_statusevent ({EVENT_COLUMNS}) VALUES ({', '.join('?' * 20)})"  # noqa: S608
    insert_current = f"INSERT INTO monitor_currentstatus ({CURRENT_COLUMNS}) VALUES ({', '.join('?' * 11)})"  # noqa: S608
    rng = random.Random(seed)
    events, currents, total = [], [], 0
    db.execute("BEGIN")
    for municipality in municipalities:
        for block in blocks:
            count = 0
            for valid_from, recorded, level, planned, blockers in pair_history(rng, levels, per_month):
                events.append(
                    (next_id, municipality, block, level, valid_from, recorded, planned, None, None, "", "", "",
                     blockers, "", "", "demo", None, True, None, None)
                )  # fmt: skip
                next_id += 1
                count += 1
            last = (level, planned, blockers, None, None, next_id - 1, count, recorded, True)
            currents.append((municipality, block, *last))
            if len(events) >= BATCH:
                db.executemany(insert_event, events)
                total += len(events)
                events.clear()
    db.executemany(insert_event, events)
    db.executemany(insert_current, currents)
    db.execute("COMMIT")
    db.close()
    return total + len(events)


def generate_postgres(dsn: str, per_month: int, seed: int = 2014) -> int:
    """The same history as ``generate``, copied into the PostgreSQL database at ``dsn`` (bench/serve.py)."""
    import psycopg

    with psycopg.connect(dsn) as conn:
        programme_id, reference_date = conn.execute(
            "SELECT id, reference_date FROM catalogue_programme WHERE slug = %s", (PROGRAMME,)
        ).fetchone()
        by_programme = "SELECT id FROM {} WHERE programme_id = %s ORDER BY {}"
        levels = [r[0] for r in conn.execute(by_programme.format("catalogue_statuslevel", "position"), (programme_id,))]
        blocks = [r[0] for r in conn.execute(by_programme.format("catalogue_buildingblock", "code"), (programme_id,))]
        municipalities = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM organisations_municipality WHERE valid_from <= %s"
                " AND (valid_to IS NULL OR valid_to > %s) ORDER BY code",
                (reference_date, reference_date),
            )
        ]
        next_id = (conn.execute("SELECT MAX(id) FROM monitor_statusevent").fetchone()[0] or 0) + 1
        rng = random.Random(seed)
        currents, total = [], 0
        with conn.cursor().copy(f"COPY monitor_statusevent ({EVENT_COLUMNS}) FROM STDIN") as copy:
            for municipality in municipalities:
                for block in blocks:
                    count = 0
                    for valid_from, recorded, level, planned, blockers in pair_history(rng, levels, per_month):
                        copy.write_row(
                            (next_id, municipality, block, level, valid_from, f"{recorded}+00", planned, None, None,
                             "", "", "", blockers, "", "", "demo", None, True, None, None)
                        )  # fmt: skip
                        next_id += 1
                        count += 1
                    last = (level, planned, blockers, None, None, next_id - 1, count, f"{recorded}+00", True)
                    currents.append((municipality, block, *last))
                    total += count
        with conn.cursor().copy(f"COPY monitor_currentstatus ({CURRENT_COLUMNS}) FROM STDIN") as copy:
            for row in currents:
                copy.write_row(row)
        for table in ("monitor_statusevent", "monitor_currentstatus"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")  # noqa: S608
    return total


def builder(per_month: int):
    """A ``then`` step for ``bench.database.prepare_database``: generate the history, rebuild the monthly table."""

    def then(path: Path, env: dict[str, str]) -> None:
        generate(path, per_month)
        run_manage(["rebuild_monthly_status", "--programme", PROGRAMME], env)

    return then
