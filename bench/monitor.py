# SPDX-License-Identifier: EUPL-1.2
"""Monitor benchmark: dashboard pages at two volumes of status history, and an import of a survey round.

    .venv/bin/python bench/monitor.py [--quick] [--fresh] [--strict] [--rounds N] [--uncached-rounds N]
                                      [--import-runs N] [--skip-pages] [--skip-import]

Two databases under var/bench/ start as the page benchmark's (migrate, reference data, demo
users) and get a generated history for the current programme (bench/volume.py): one event per
municipality × building block per month for 2012–2014 (≈330 k events) and four per month
(≈1.3 M). They are rebuilt when their inputs change, or with --fresh.

Pages: the median server time of the programme overview, a building-block page with its map,
a municipality page and its "Mijn gemeente" page (as programme staff), each against the trivial
/health/ view of the same rounds (target 10×), and the growth from 330 k to 1.3 M events (target 1.3×). The same pages
are then measured with the cache cleared before every request (the first visitor after a
write): printed without a target. The volumes are measured in alternating chunks so that drift
hits both alike (four chunks: A B B A …).

Import: the import service (dry run and apply, as programme staff) of one full survey round
(every municipality × block once) against a plain ``executemany`` INSERT of as many events,
each run on a fresh copy of the 330 k database (target 5×).

Exit code 0 unless --strict is given and a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import shutil
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))

from bench import volume  # noqa: E402
from bench.database import BENCH_DIR, COMMANDS, prepare_database  # noqa: E402
from bench.run import BASELINE, Case, Result, configure_django, environment, measure, report  # noqa: E402

STAFF_EMAIL = "programma@bouwplaats.example"
PAGE_TARGET = 10.0
GROWTH_TARGET = 1.3
IMPORT_TARGET = 5.0
SURVEY_DATE = datetime.date(2014, 12, 31)


@dataclass(frozen=True)
class Volume:
    name: str
    per_month: int

    @property
    def path(self) -> Path:
        return BENCH_DIR / f"monitor-{self.name.lower().replace('.', '_')}.sqlite3"


VOLUMES = [Volume("330k", 1), Volume("1.3M", 4)]
PAGES = [
    Case("programme overview /voortgang/", "/voortgang/", target=PAGE_TARGET),
    Case("block DIGID with map", "/voortgang/bouwstenen/DIGID/", target=PAGE_TARGET),
    Case("municipality GM0363", "/voortgang/gemeenten/GM0363/", target=PAGE_TARGET),
    Case("my municipality GM0363", "/mijn-gemeente/GM0363/", target=PAGE_TARGET),
]
UNCACHED = [Case(f"{case.name} (uncached)", case.path, target=None, uncached=True) for case in PAGES]


def prepare(fresh: bool) -> None:
    commands = [command for command in COMMANDS if command[0] != "load_demo_progress"]
    for item in VOLUMES:
        then = volume.builder(item.per_month)
        line = prepare_database(item.path, fresh, commands=commands, then=then, inputs=["bench/volume.py"])
        print(f"[{item.name}] {line}", flush=True)


def use_database(path: Path) -> None:
    """Point the default connection at another database file (and forget what the cache holds)."""
    from django.core.cache import cache
    from django.db import connections

    connection = connections["default"]
    connection.close()
    connection.settings_dict["NAME"] = str(path)
    cache.clear()


def staff_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=STAFF_EMAIL)


# --- pages -----------------------------------------------------------------------------------------


def measure_pages(rounds: int, uncached_rounds: int, warmup: int, chunks: int) -> dict[tuple[str, str], Result]:
    """Results keyed by (volume name, case name); the volumes alternate per chunk of rounds."""
    from django.test import Client

    results: dict[tuple[str, str], Result] = {}
    for item in VOLUMES:  # a first, unmeasured pass: the process and both files warm alike
        use_database(item.path)
        client = Client()
        client.force_login(staff_user())
        measure([BASELINE, *PAGES, *UNCACHED], rounds=0, warmup=warmup, client=client)
    for chunk in range(chunks):
        for item in VOLUMES if chunk % 2 == 0 else VOLUMES[::-1]:
            use_database(item.path)
            client = Client()
            client.force_login(staff_user())
            for label, pages, total in (("cached", PAGES, rounds), ("uncached", UNCACHED, uncached_rounds)):
                share = total // chunks + (chunk < total % chunks)
                for result in measure([BASELINE, *pages], rounds=share, warmup=warmup, client=client):
                    name = f"{BASELINE.name} ({label})" if result.case is BASELINE else result.case.name
                    merged = results.setdefault((item.name, name), result)
                    if merged is not result:
                        merged.samples_ns.extend(result.samples_ns)
    return results


def page_report(results: dict[tuple[str, str], Result], rounds: int, uncached_rounds: int, warmup: int):
    lines, all_ok = [], True
    for item in VOLUMES:
        for label, cases, total in (("cached", PAGES, rounds), ("uncached", UNCACHED, uncached_rounds)):
            baseline = results[(item.name, f"{BASELINE.name} ({label})")]
            rows = [baseline, *(results[(item.name, case.name)] for case in cases)]
            table, ok = report(rows, baseline, total, warmup)
            all_ok &= ok
            lines += [f"== {item.name} events, {label} ==", *table, ""]
    small, large = VOLUMES
    names = (small.name, large.name)
    lines.append(
        f"== growth: median at {large.name} / median at {small.name} events (and of the ratios to /health/) =="
    )
    for case in [*PAGES, *UNCACHED]:
        before, after = results[(small.name, case.name)], results[(large.name, case.name)]
        if before.error or after.error:
            lines.append(f"{case.name:<44}  FAILED")
            all_ok = False
            continue
        growth = after.median_ms / before.median_ms
        base = [results[(name, f"{BASELINE.name} ({'uncached' if case.uncached else 'cached'})")] for name in names]
        normalised = (after.median_ms / base[1].median_ms) / (before.median_ms / base[0].median_ms)
        verdict = ""
        if not case.uncached:
            ok = growth <= GROWTH_TARGET
            all_ok &= ok
            verdict = f"{GROWTH_TARGET:g}x  {'OK' if ok else 'OVER'}"
        medians = f"{before.median_ms:8.2f} ms → {after.median_ms:8.2f} ms"
        lines.append(f"{case.name:<44}  {medians}  {growth:5.2f}x  ({normalised:4.2f}x)  {verdict}".rstrip())
    return lines, all_ok


# --- import ----------------------------------------------------------------------------------------


def survey_rows(path: Path) -> list[dict]:
    """One row per pair of the programme, each changing its current state: a note, often a step up."""
    from bouwplaats.monitor.constants import BLOCKERS

    db = sqlite3.connect(path)
    levels = db.execute(
        "SELECT l.id, l.code FROM catalogue_statuslevel l JOIN catalogue_programme p ON p.id = l.programme_id"
        " WHERE p.slug = ? ORDER BY l.position",
        (volume.PROGRAMME,),
    ).fetchall()
    current = db.execute(
        "SELECT m.code, b.code, c.building_block_id, c.municipality_id, c.level_id, c.blockers"
        " FROM monitor_currentstatus c JOIN organisations_municipality m ON m.id = c.municipality_id"
        " JOIN catalogue_buildingblock b ON b.id = c.building_block_id ORDER BY m.code, b.code"
    ).fetchall()
    db.close()
    position = {level_id: index for index, (level_id, _code) in enumerate(levels)}
    rows = []
    for number, (municipality, block, block_id, municipality_id, level_id, blockers) in enumerate(current):
        index = min(position[level_id] + (number % 3 == 0), len(levels) - 1)
        if index == len(levels) - 1:
            blockers = 0
        elif number % 5 == 0:
            blockers = BLOCKERS[number % len(BLOCKERS)].bit
        rows.append(
            {
                "municipality": municipality,
                "building_block": block,
                "level": levels[index][1],
                "blockers": "|".join(b.code for b in BLOCKERS if blockers & b.bit),
                "note": "Uitvraag december 2014",
                # for the plain insert
                "ids": (municipality_id, block_id, levels[index][0], blockers),
            }
        )
    return rows


def survey_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["municipality", "building_block", "level", "blockers", "note"], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def run_import(content: bytes, rows: list[dict]) -> float:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from bouwplaats.catalogue.models import Programme
    from bouwplaats.monitor.imports.services import import_apply, import_check
    from bouwplaats.monitor.models import ImportStatus

    actor, programme = staff_user(), Programme.objects.get(slug=volume.PROGRAMME)
    upload = SimpleUploadedFile("uitvraag-2014-12.csv", content, content_type="text/csv")
    start = time.perf_counter()
    batch = import_check(actor=actor, programme=programme, file=upload, valid_on=SURVEY_DATE)
    if batch.status != ImportStatus.CHECKED:
        raise SystemExit(f"The generated survey file was refused: {batch.report['counts']}")
    result = import_apply(actor=actor, batch=batch)
    elapsed = time.perf_counter() - start
    if result.events != len(rows):
        raise SystemExit(f"The import wrote {result.events} events, not {len(rows)}.")
    return elapsed


def run_insert(content: bytes, rows: list[dict]) -> float:
    from django.db import connection, transaction
    from django.utils import timezone

    actor = staff_user()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    date = connection.ops.adapt_datefield_value(SURVEY_DATE)
    values = [
        (*row["ids"][:3], date, now, row["ids"][3], row["note"], "import", actor.pk, False)  # fmt: skip
        for row in rows
    ]
    columns = (
        "municipality_id, building_block_id, level_id, valid_from, recorded_at, blockers, note, source, author_id,"
        " is_demo, evidence_text, evidence_url, evidence_file, blocker_note"
    )
    sql = f"INSERT INTO monitor_statusevent ({columns}) VALUES ({', '.join(['%s'] * 10)}, '', '', '', '')"  # noqa: S608
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, values)
    return time.perf_counter() - start


def measure_import(runs: int) -> tuple[list[str], bool]:
    from django.test import override_settings

    source = VOLUMES[0].path
    rows = survey_rows(source)
    content = survey_csv(rows)
    scratch = BENCH_DIR / "import-run"
    times: dict[str, list[float]] = {"import": [], "insert": []}
    try:
        with override_settings(MEDIA_ROOT=str(scratch / "media")):
            for run in range(runs):
                for kind in ("import", "insert") if run % 2 == 0 else ("insert", "import"):
                    copy = scratch / f"{kind}.sqlite3"
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    for suffix in ("-wal", "-shm"):
                        Path(f"{copy}{suffix}").unlink(missing_ok=True)
                    shutil.copyfile(source, copy)
                    use_database(copy)
                    times[kind].append((run_import if kind == "import" else run_insert)(content, rows))
    finally:
        use_database(source)
        shutil.rmtree(scratch, ignore_errors=True)
    imported, inserted = statistics.median(times["import"]), statistics.median(times["insert"])
    ratio = imported / inserted
    ok = ratio <= IMPORT_TARGET
    lines = [
        f"== import of one survey round: {len(rows)} rows ({len(content) // 1024} KiB CSV), {runs} runs, "
        f"each on a fresh copy of the {VOLUMES[0].name} database ==",
        f"import service (dry run + apply)   median {imported * 1000:8.1f} ms   "
        f"(runs: {', '.join(f'{t * 1000:.0f}' for t in times['import'])})",
        f"plain executemany INSERT           median {inserted * 1000:8.1f} ms   "
        f"(runs: {', '.join(f'{t * 1000:.0f}' for t in times['insert'])})",
        f"ratio {ratio:.1f}x   target {IMPORT_TARGET:g}x   {'OK' if ok else 'OVER'}",
    ]
    return lines, ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer rounds and runs (for make bench)")
    parser.add_argument("--rounds", type=int, help="measured rounds of the cached pages (default 100, quick 30)")
    parser.add_argument("--uncached-rounds", type=int, help="measured rounds uncached (default 20, quick 8)")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up rounds per chunk (default 3)")
    parser.add_argument("--import-runs", type=int, help="runs of the import and of the insert (default 5, quick 3)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark databases")
    parser.add_argument("--strict", action="store_true", help="exit non-zero when a target is missed")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args(argv)
    rounds = args.rounds or (30 if args.quick else 100)
    uncached_rounds = args.uncached_rounds or (8 if args.quick else 20)
    import_runs = args.import_runs or (3 if args.quick else 5)
    chunks = 4  # the volumes alternate A B B A A B B A

    prepare(args.fresh)
    configure_django(VOLUMES[0].path)
    print("\n".join(environment(VOLUMES[0].path)))
    print("Volumes  " + ", ".join(f"{item.name}: {item.path.relative_to(REPO_ROOT)}" for item in VOLUMES))
    print()
    all_ok = True
    if not args.skip_pages:
        results = measure_pages(rounds, uncached_rounds, args.warmup, chunks)
        lines, ok = page_report(results, rounds, uncached_rounds, args.warmup * chunks)
        print("\n".join(lines), end="\n\n", flush=True)
        all_ok &= ok
    if not args.skip_import:
        lines, ok = measure_import(import_runs)
        print("\n".join(lines))
        all_ok &= ok
    return 1 if args.strict and not all_ok else 0


if __name__ == "__main__":
    sys.exit(main())
