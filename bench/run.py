# SPDX-License-Identifier: EUPL-1.2
"""Page and API benchmarks: each measure as a ratio to a trivial view measured in the same run.

    .venv/bin/python bench/run.py [--rounds 200] [--warmup 20] [--fresh] [--strict] [--only NAME ...]

The site runs in this process with the development settings and DEBUG off, on its own SQLite
database under var/bench/ (migrated and loaded with the reference and demo data; rebuilt when
the migrations, the data files or the loaders change, or with --fresh). Requests go through
django.test.Client, interleaved in rounds so that drift hits every case alike. Each case is
compared with the baseline /health/ (same middleware stack, no template, no query).

Exit code 0 unless --strict is given and a case is over its target (or failed).
To add a measure, append a Case to CASES.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import platform
import random
import statistics
import sys
import time
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))

from bench.database import BENCH_DIR, prepare_database  # noqa: E402

DEFAULT_TARGET = 5.0  # the ratio of medians to the baseline that a case must stay under


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    target: float | None = DEFAULT_TARGET  # None: not compared (the baseline itself)
    headers: tuple = ()  # extra request headers as (name, value) pairs, e.g. (("HTTP_ACCEPT", "..."),)
    uncached: bool = False  # clear the cache before each request (not timed): the first visitor after a write
    # With ``uncached``: a page requested (not timed) after clearing, so that the parts the measured
    # request shares with other pages are cached again and only its own are missing.
    warm: str | None = None


BASELINE = Case("baseline /health/live/", "/health/live/", target=None)
CASES = [
    Case("home /", "/"),
    Case("building blocks /bouwstenen/", "/bouwstenen/"),
    Case("municipalities /gemeenten/", "/gemeenten/"),
    Case("municipalities page 5", "/gemeenten/?page=5"),
    Case(
        "API municipalities 2014",
        "/api/v1/municipalities?date=2014-01-01",
        headers=(("HTTP_ACCEPT", "application/json"),),
    ),
]


@dataclass
class Result:
    case: Case
    samples_ns: list[int]
    queries: int | None = None
    error: str | None = None

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples_ns) / 1e6

    @property
    def p90_ms(self) -> float:
        ordered = sorted(self.samples_ns)
        return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))] / 1e6


def configure_django(database_path: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bouwplaats.conf.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{database_path}"
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["CACHE_URL"] = "locmemcache://"
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ.setdefault("AXES_ENABLED", "false")
    import django

    # Without collectstatic, WhiteNoise warns that STATIC_ROOT does not exist; it serves from the finders.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()


def prepare(client, case: Case) -> None:
    if case.uncached:
        from django.core.cache import cache

        cache.clear()
        if case.warm:
            client.get(case.warm, **dict(case.headers))


def request(client, case: Case):
    prepare(client, case)
    return client.get(case.path, **dict(case.headers))


def timed(client, case: Case) -> int:
    """The time of one request in nanoseconds (preparing an uncached case is not timed)."""
    prepare(client, case)
    start = time.perf_counter_ns()
    client.get(case.path, **dict(case.headers))
    return time.perf_counter_ns() - start


def check(client, case: Case) -> str | None:
    """None when the case answers 200; otherwise what went wrong."""
    try:
        response = request(client, case)
    except Exception as exc:  # a page that crashes is reported, the other cases still run
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        filename = frame.filename.removeprefix(f"{REPO_ROOT}/")
        where = f"{filename}:{frame.lineno}"
        return f"{type(exc).__name__}: {exc} (at {where})"
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    return None


def count_queries(client, case: Case) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prepare(client, case)
    with CaptureQueriesContext(connection) as captured:
        client.get(case.path, **dict(case.headers))
    return len(captured)


def measure(cases: list[Case], rounds: int, warmup: int, seed: int = 2014, client=None) -> list[Result]:
    """Measure ``cases`` in interleaved rounds; ``client`` may be a logged-in django.test.Client."""
    from django.test import Client

    client = client or Client()
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # failures are reported in the table
    results = {case.name: Result(case, []) for case in cases}
    for case in cases:
        results[case.name].error = check(client, case)
    live = [case for case in cases if results[case.name].error is None]
    for case in live:
        results[case.name].queries = count_queries(client, case)
    for _ in range(warmup):
        for case in live:
            request(client, case)

    order = list(live)
    shuffle = random.Random(seed).shuffle  # interleaved, in a fresh order each round
    gc.collect()
    for _ in range(rounds):
        shuffle(order)
        for case in order:
            results[case.name].samples_ns.append(timed(client, case))
    return [results[case.name] for case in cases]


def environment(database_path: Path) -> list[str]:
    import django
    from django.conf import settings
    from django.db import connection

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if connection.vendor == "sqlite":
        import sqlite3

        engine += f" {sqlite3.sqlite_version} ({database_path.relative_to(REPO_ROOT)})"
    return [
        f"Python   {platform.python_version()} ({platform.python_implementation()}, {platform.machine()})",
        f"Django   {django.get_version()}  settings={os.environ['DJANGO_SETTINGS_MODULE']} DEBUG={settings.DEBUG}",
        f"Database {engine}",
        f"Machine  {platform.platform()}, {os.cpu_count()} CPU(s)",
    ]


COLUMNS = [("case", "<", None), ("median ms", ">", 9), ("p90 ms", ">", 8), ("ratio", ">", 6), ("target", ">", 6)]
COLUMNS += [("result", "<", 6), ("queries", ">", 7), ("", "<", 0)]


def row(values: list[str], name_width: int) -> str:
    cells = []
    for value, (_title, align, width) in zip(values, COLUMNS, strict=True):
        cells.append(f"{value:{align}{width or name_width}}" if width != 0 else value)
    return "  ".join(cells).rstrip()


def report(results: list[Result], baseline: Result, rounds: int, warmup: int) -> tuple[list[str], bool]:
    """The table lines, and whether every case met its target."""
    name_width = max(len(r.case.name) for r in results)
    header = row([title for title, _align, _width in COLUMNS], name_width)
    lines = [f"{rounds} rounds after {warmup} warm-up rounds; ratio = median / median of the baseline", "", header]
    lines.append("-" * len(header))
    all_ok = True
    for result in results:
        queries = "" if result.queries is None else str(result.queries)
        if result.error:
            lines.append(row([result.case.name, "-", "-", "-", "", "FAILED", queries, result.error], name_width))
            all_ok = False
            continue
        ratio = result.median_ms / baseline.median_ms if baseline.samples_ns and baseline.median_ms else float("nan")
        if result.case.target is None:
            target, verdict = "", "base" if result is baseline else ""
        else:
            target = f"{result.case.target:g}x"
            ok = ratio <= result.case.target
            verdict = "OK" if ok else "OVER"
            all_ok &= ok
        values = [f"{result.median_ms:.2f}", f"{result.p90_ms:.2f}", f"{ratio:.1f}x", target, verdict, queries, ""]
        lines.append(row([result.case.name, *values], name_width))
    return lines, all_ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=200, help="measured rounds (default 200)")
    parser.add_argument("--warmup", type=int, default=20, help="warm-up rounds, not measured (default 20)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    parser.add_argument("--strict", action="store_true", help="exit non-zero when a case is over its target")
    parser.add_argument("--only", nargs="+", metavar="TEXT", help="only the cases whose name contains TEXT")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.warmup < 0:
        parser.error("--rounds must be at least 1 and --warmup at least 0")

    database_path = BENCH_DIR / "bench.sqlite3"
    print(prepare_database(database_path, fresh=args.fresh))
    configure_django(database_path)

    cases = CASES
    if args.only:
        cases = [case for case in CASES if any(text in case.name for text in args.only)]
    print("\n".join(environment(database_path)))
    print()
    results = measure([BASELINE, *cases], rounds=args.rounds, warmup=args.warmup)
    baseline = results[0]
    if baseline.error:
        print(f"The baseline {BASELINE.path} failed: {baseline.error}", file=sys.stderr)
        return 2
    lines, all_ok = report(results, baseline, args.rounds, args.warmup)
    print("\n".join(lines))
    if args.strict and not all_ok:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
