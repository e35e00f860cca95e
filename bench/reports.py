# SPDX-License-Identifier: EUPL-1.2
"""Programme reports benchmark: the report pages next to the progress overview, at the monitor's volume.

    .venv/bin/python bench/reports.py [--quick] [--fresh] [--strict] [--rounds N] [--uncached-rounds N]

The database is the monitor benchmark's smaller one (bench/monitor.py, bench/volume.py): migrate,
reference data, demo users, and a generated history of one event per municipality × building block
per month for 2012–2014 (≈330 k events); it is shared with bench/monitor.py and rebuilt when its
inputs change. Requests are made as programme staff (so the tables naming municipalities are
computed too).

Cached: the board and ALV reports on 30 June 2014 and the programme overview, each against the
trivial /health/ view (target 10×, as the monitor's pages). Uncached: the same with the cache cleared
before every request, the first visitor after a write (printed without a target). Last, one PDF and
one XLSX of the board report, uncached and cached (printed in milliseconds).

Exit code 0 unless --strict is given and a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))

from bench import volume  # noqa: E402
from bench.database import COMMANDS, prepare_database  # noqa: E402
from bench.monitor import STAFF_EMAIL, VOLUMES  # noqa: E402
from bench.run import BASELINE, Case, configure_django, environment, measure, report  # noqa: E402

TARGET = 10.0
DATE = "2014-06-30"
OVERVIEW = Case("programme overview /voortgang/", "/voortgang/", target=TARGET)
REPORTS = [
    Case("report Bestuur", f"/rapportages/operatie-nup/bestuur/?peildatum={DATE}", target=TARGET),
    Case("report ALV", f"/rapportages/operatie-nup/alv/?peildatum={DATE}", target=TARGET),
]
CACHED = [OVERVIEW, *REPORTS]
UNCACHED = [Case(f"{case.name} (uncached)", case.path, target=None, uncached=True) for case in CACHED]
DOWNLOADS = [
    ("PDF Bestuur", f"/rapportages/operatie-nup/bestuur/rapportage.pdf?peildatum={DATE}"),
    ("XLSX Bestuur", f"/rapportages/operatie-nup/bestuur/rapportage.xlsx?peildatum={DATE}"),
]


def staff_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email=STAFF_EMAIL))
    return client


def ratio_lines(results, baseline) -> list[str]:
    """The report pages' ratios next to the overview's, the figure this benchmark is for."""
    by_name = {result.case.name: result for result in results}
    base = baseline.median_ms
    overview = by_name[OVERVIEW.name].median_ms / base
    lines = [f"{'overview ratio':<28}{overview:6.1f}x"]
    for case in REPORTS:
        ratio = by_name[case.name].median_ms / base
        lines.append(f"{case.name + ' ratio':<28}{ratio:6.1f}x   ({ratio / overview:.2f} × the overview's)")
    return lines


def downloads(client) -> list[str]:
    from django.core.cache import cache

    lines = []
    for name, path in DOWNLOADS:
        cache.clear()
        timings = []
        for _attempt in range(2):  # the first renders, the second comes from the cache
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered HTTP {response.status_code}")
        size = len(response.content) // 1024
        lines.append(f"{name:<28}uncached {timings[0]:9.1f} ms   cached {timings[1]:7.1f} ms   {size} KiB")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer rounds (for make bench)")
    parser.add_argument("--rounds", type=int, help="measured rounds of the cached pages (default 100, quick 30)")
    parser.add_argument("--uncached-rounds", type=int, help="measured rounds uncached (default 10, quick 3)")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up rounds (default 3)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    parser.add_argument("--strict", action="store_true", help="exit non-zero when a target is missed")
    args = parser.parse_args(argv)
    rounds = args.rounds or (30 if args.quick else 100)
    uncached_rounds = args.uncached_rounds or (3 if args.quick else 10)

    database = VOLUMES[0]
    commands = [command for command in COMMANDS if command[0] != "load_demo_progress"]
    line = prepare_database(
        database.path,
        args.fresh,
        commands=commands,
        then=volume.builder(database.per_month),
        inputs=["bench/volume.py"],
    )
    print(f"[{database.name}] {line}", flush=True)
    configure_django(database.path)
    print("\n".join(environment(database.path)))
    print()
    client = staff_client()
    all_ok = True
    for label, cases, total in (("cached", CACHED, rounds), ("uncached", UNCACHED, uncached_rounds)):
        results = measure([BASELINE, *cases], rounds=total, warmup=args.warmup, client=client)
        table, ok = report(results, results[0], total, args.warmup)
        all_ok &= ok
        print(f"== {database.name} events, {label} ==", *table, "", sep="\n")
        if label == "cached":
            print(*ratio_lines(results, results[0]), "", sep="\n")
    print("== downloads (one request each) ==", *downloads(client), sep="\n")
    return 1 if args.strict and not all_ok else 0


if __name__ == "__main__":
    sys.exit(main())
