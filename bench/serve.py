# SPDX-License-Identifier: EUPL-1.2
"""Production-shaped benchmark: what a user waits for, at national volume, through gunicorn.

    .venv/bin/python bench/serve.py [--seconds N] [--fresh] [--only pages,mix,api]

Gunicorn (4 sync workers) serves the site with the production settings (DEBUG off, cached
templates, whitenoise) on PostgreSQL with persistent connections and Redis as the cache, on
127.0.0.1 only; one Celery worker (solo pool) takes the tasks from Redis as the broker, among them
the renders of cached parts after a write (ADR 21). The database holds the programme's 403
municipalities × 23 building blocks with four status events per pair per month for 2012–2014
(≈1.3 M events, generated as bench/volume.py does). It is built once into a template database
``bouwplaats_bench_tpl_<digest>`` (a first run takes several minutes) and every run copies it into
``bouwplaats_bench_serve``, which is dropped at the end; a template whose inputs changed is dropped
and rebuilt.

A small load generator (threads with ``http.client``; every loop bounded in requests and seconds)
measures, per case, the median and p95 time of a request; ``/health/live/`` before and after each
case is the baseline. Cases:

- cached: the overview, a block's map page, a municipality's page and an FAQ search, warm cache;
- cold: the same with the cached parts removed before every request (the first reader after a write);
- write mix: readers on the overview, block and municipality pages while a coordinator's client
  saves a status through the API every 200 ms: the readers' p95 against their read-only p95,
  errors, and the events written (counted in the database before and after: nothing lost);
- API lists: the status history and the current statuses, unfiltered and for one municipality, a
  page of 100 rows as an anonymous reader, one client; then a burst of 16 clients on them while
  ``/health/`` is probed every 250 ms, and the probe for a while after the burst.

Targets: cached ≤ 5× baseline, cold ≤ 50×, readers under the write mix ≤ 2× their read-only p95
with 0 errors and nothing lost; API lists ≤ 20×, and ``/health/`` answering 200 during and after
the burst (each probe within 2 s). ``--only api`` runs just the API lists (and so on). The cached
parts rendered per write (from the DEBUG log of ``core.fragments``) are printed as well, by the web
workers and by the Celery worker apart: after a write, the web workers should render none.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from bench import volume  # noqa: E402
from bench.database import BENCH_DIR, fingerprint  # noqa: E402

PG = "postgresql://postgres@127.0.0.1:5432/"
RUN_DB = "bouwplaats_bench_serve"
TEMPLATE_PREFIX = "bouwplaats_bench_tpl_"
REDIS_URL = "redis://127.0.0.1:6379/0"
BROKER_URL = "redis://127.0.0.1:6379/14"
KEY_PREFIX = "bouwplaats-bench-serve"
QUEUE = "bouwplaats-bench-serve"  # the Celery queue of the benchmark's own on the broker
HOST, PORT = "127.0.0.1", 8765
WORKERS = 4
PER_MONTH = 4  # ≈1.3 M events
COMMANDS = [["migrate", "--no-input"], ["load_reference_data"], ["load_demo_data"], ["load_demo_knowledge"]]
STAFF_EMAIL = "programma@bouwplaats.example"
WRITE_EVERY = 0.2
WRITE_PAIR = ("GM0363", "DIGID")

CACHED_TARGET, COLD_TARGET, MIX_TARGET = 5.0, 50.0, 2.0
PAGES = {
    "overview /voortgang/": "/voortgang/",
    "block map DIGID": "/voortgang/bouwstenen/DIGID/",
    "municipality GM0363": "/voortgang/gemeenten/GM0363/",
    "FAQ search": "/kennis/?q=aansluiting",
}
READ_MIX = ["/voortgang/", "/voortgang/bouwstenen/DIGID/", "/voortgang/gemeenten/GM0363/"]
API_TARGET, BURST_CLIENTS, PROBE_EVERY, PROBE_LIMIT = 20.0, 16, 0.25, 2.0
PARTS = ("pages", "mix", "api")


def api_lists() -> dict[str, str]:
    """The API cases, with the query parameters named where the site names them (``core.api``)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bouwplaats.conf.test")
    sys.path.insert(0, str(REPO_ROOT / "src"))
    import django

    django.setup()
    from bouwplaats.core.api import CursorPagination

    size = f"{CursorPagination.page_size_query_param}=100"
    return {
        "API status-events": f"/api/v1/status-events?{size}",
        "API status-events GM0363": f"/api/v1/status-events?municipality=GM0363&{size}",
        "API statuses": f"/api/v1/statuses?{size}",
        "API statuses GM0363": f"/api/v1/statuses?municipality=GM0363&{size}",
    }


# --- database --------------------------------------------------------------------------------


def admin():
    return psycopg.connect(PG + "postgres", autocommit=True)


def databases(conn) -> set[str]:
    return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


def manage_env(database: str, settings: str = "bouwplaats.conf.dev") -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": f"{REPO_ROOT}:{REPO_ROOT / 'src'}",
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": f"{PG}{database}?conn_max_age=600&conn_health_checks=true",
            "CACHE_URL": REDIS_URL,
            "CELERY_BROKER_URL": "memory://",
            "EMAIL_URL": "consolemail://",
            "AXES_ENABLED": "false",
            "API_THROTTLE_ANON_RATE": "1000000/minute",
            "API_THROTTLE_USER_RATE": "1000000/minute",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(BENCH_DIR / "static"),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def manage(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=1800
    )
    if result.returncode != 0:
        raise SystemExit(f"`manage.py {' '.join(command)}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def template_database(fresh: bool) -> tuple[str, str]:
    """The name of an up-to-date template database, built when missing; and a line saying what was done."""
    name = TEMPLATE_PREFIX + fingerprint(COMMANDS, ["bench/volume.py"])[:16]
    with admin() as conn:
        existing = databases(conn)
        for old in sorted(db for db in existing if db.startswith(TEMPLATE_PREFIX) and (db != name or fresh)):
            conn.execute(f'DROP DATABASE "{old}"')
        if name in existing and not fresh:
            return name, f"Reusing the template database {name}."
        building = name + "_building"
        conn.execute(f'DROP DATABASE IF EXISTS "{building}"')
        conn.execute(f'CREATE DATABASE "{building}"')
    started = time.monotonic()
    env = manage_env(building)
    for command in COMMANDS:
        print(f"  manage.py {' '.join(command)}", flush=True)
        manage(command, env)
    print("  generating the status history ...", flush=True)
    events = volume.generate_postgres(PG + building, PER_MONTH)
    manage(["rebuild_monthly_status", "--programme", volume.PROGRAMME], env)
    with psycopg.connect(PG + building, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    with admin() as conn:
        conn.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    return name, f"Built the template database {name} ({events:,} events) in {time.monotonic() - started:.0f} s."


# --- load generator --------------------------------------------------------------------------


@dataclass
class Sample:
    times: list[float] = field(default_factory=list)
    errors: collections.Counter = field(default_factory=collections.Counter)

    def add(self, other: Sample) -> None:
        self.times.extend(other.times)
        self.errors.update(other.errors)

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def p95(self) -> float:
        if len(self.times) < 2:
            return self.median
        return statistics.quantiles(self.times, n=20, method="inclusive")[-1]


def request(conn: http.client.HTTPConnection, method: str, path: str, body=None, headers=None) -> tuple[int, bytes]:
    conn.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
    response = conn.getresponse()
    return response.status, response.read()


def load(paths: list[str], *, clients: int, seconds: float, max_requests: int, before_each=None) -> Sample:
    """``clients`` threads ask ``paths`` in turn until ``max_requests`` in all or ``seconds`` passed."""
    sample, lock = Sample(), threading.Lock()
    deadline = time.monotonic() + seconds
    budget = iter(range(max_requests))

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        own = Sample()
        index = offset
        while time.monotonic() < deadline:
            with lock:
                if next(budget, None) is None:
                    break
            path = paths[index % len(paths)]
            index += 1
            if before_each is not None:
                before_each()
            started = time.perf_counter()
            try:
                status, _body = request(conn, "GET", path)
            except (OSError, http.client.HTTPException) as error:
                own.errors[type(error).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
                continue
            if status == 200:
                own.times.append(time.perf_counter() - started)
            else:
                own.errors[str(status)] += 1
        conn.close()
        with lock:
            sample.add(own)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    return sample


class Writer(threading.Thread):
    """A coordinator's client saving one status through the API every ``WRITE_EVERY`` s, for ``seconds``."""

    def __init__(self, token: str, levels: list[str], seconds: float):
        super().__init__()
        self.token, self.levels, self.seconds = token, levels, seconds
        self.created, self.errors = 0, collections.Counter()

    def run(self) -> None:
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        deadline = time.monotonic() + self.seconds
        for number in range(int(self.seconds / WRITE_EVERY) + 1):
            if time.monotonic() >= deadline:
                break
            started = time.monotonic()
            body = json.dumps(
                {
                    "municipality": WRITE_PAIR[0],
                    "building_block": WRITE_PAIR[1],
                    "level": self.levels[number % len(self.levels)],
                    "note": f"benchmark write {number}",
                }
            )
            headers = {"Authorization": f"Token {self.token}", "Content-Type": "application/json"}
            try:
                status, _body = request(conn, "POST", "/api/v1/status-events", body, headers)
            except (OSError, http.client.HTTPException) as error:
                self.errors[type(error).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
                continue
            if status == 201:
                self.created += 1
            else:
                self.errors[str(status)] += 1
            time.sleep(max(0.0, WRITE_EVERY - (time.monotonic() - started)))
        conn.close()


# --- the run ---------------------------------------------------------------------------------


def stop(process: subprocess.Popen | None) -> None:
    """Stop a server or worker started here: SIGTERM, then SIGKILL after 15 s."""
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


class Site:
    def __init__(self, env: dict[str, str], log: Path):
        self.env, self.log = env, log
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Site:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        # The workers' log (Django's console handler writes to stderr) goes to a file: the renders are counted there.
        self.output = self.log.open("w")
        self.process = subprocess.Popen(
            [str(gunicorn), "bouwplaats.wsgi", "--workers", str(WORKERS), "--bind", f"{HOST}:{PORT}",
             "--timeout", "60", "--graceful-timeout", "5"],
            cwd=REPO_ROOT, env=self.env, start_new_session=True, stdout=self.output, stderr=subprocess.STDOUT,
        )  # fmt: skip
        for _attempt in range(100):
            time.sleep(0.2)
            with contextlib.suppress(OSError):
                conn = http.client.HTTPConnection(HOST, PORT, timeout=5)
                if request(conn, "GET", "/health/live/")[0] == 200:
                    return self
            if self.process.poll() is not None:
                break
        self.__exit__()
        raise SystemExit(f"gunicorn did not start; see {self.log}")

    def __exit__(self, *exc) -> None:
        stop(self.process)
        self.output.close()

    def renders(self) -> collections.Counter:
        return renders_in(self.log)


def renders_in(log: Path) -> collections.Counter:
    """The cached parts rendered so far, per part, from a process's log."""
    counts = collections.Counter()
    if log.exists():
        for match in re.finditer(r"fragment rendered: ([^\s\"]+)", log.read_text(errors="replace")):
            counts[match.group(1)] += 1
    return counts


class Worker:
    """One Celery worker (solo pool: one process, one task at a time) on the benchmark's queue."""

    def __init__(self, env: dict[str, str], log: Path, broker: redis.Redis):
        self.env, self.log, self.broker = env, log, broker
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Worker:
        celery = Path(sys.executable).with_name("celery")
        binding = f"_kombu.binding.{QUEUE}"
        self.broker.delete(*self.keys())
        self.output = self.log.open("w")
        self.process = subprocess.Popen(
            [str(celery), "-A", "bouwplaats", "worker", "--pool", "solo", "--queues", QUEUE, "--loglevel", "WARNING",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=REPO_ROOT, env=self.env, start_new_session=True, stdout=self.output, stderr=subprocess.STDOUT,
        )  # fmt: skip
        # The worker declares its queue on the broker once it is ready to consume.
        for _attempt in range(150):
            time.sleep(0.2)
            if self.broker.exists(binding):
                return self
            if self.process.poll() is not None:
                break
        self.__exit__()
        raise SystemExit(f"the Celery worker did not start; see {self.log}")

    def __exit__(self, *exc) -> None:
        stop(self.process)
        self.output.close()
        self.broker.delete(*self.keys())

    @staticmethod
    def keys() -> list[str]:
        """The broker's keys of the benchmark's queue."""
        return [QUEUE, f"_kombu.binding.{QUEUE}", f"_kombu.binding_permanent.{QUEUE}"]

    def renders(self) -> collections.Counter:
        return renders_in(self.log)

    def queued(self) -> int:
        return self.broker.llen(QUEUE)


def clear_parts(cache: redis.Redis) -> None:
    keys = list(cache.scan_iter(f"{KEY_PREFIX}:*", count=1000))
    if keys:
        cache.delete(*keys)


def warm(paths) -> None:
    conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
    for _round in range(2 * WORKERS):
        for path in paths:
            status, _body = request(conn, "GET", path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
    conn.close()


class Probe(threading.Thread):
    """``/health/`` every ``PROBE_EVERY`` s on a connection of its own, until stopped: each answer's time,
    and the probes that failed or took longer than ``PROBE_LIMIT`` s."""

    def __init__(self):
        super().__init__()
        self.stopping = threading.Event()
        self.sample = Sample()

    def run(self) -> None:
        while not self.stopping.is_set():
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
                status, _body = request(conn, "GET", "/health/")
                conn.close()
            except (OSError, http.client.HTTPException) as error:
                self.sample.errors[type(error).__name__] += 1
                continue
            took = time.perf_counter() - started
            self.sample.times.append(took)
            if status != 200:
                self.sample.errors[str(status)] += 1
            elif took > PROBE_LIMIT:
                self.sample.errors[f"slower than {PROBE_LIMIT:g} s"] += 1
            self.stopping.wait(max(0.0, PROBE_EVERY - took))

    def stop(self) -> Sample:
        self.stopping.set()
        self.join(60)
        return self.sample


def api_cases(seconds: float) -> bool:
    """The API lists one client at a time against the baseline; then a burst with ``/health/`` probed."""
    lists = api_lists()
    warm(list(lists.values()))
    print(f"\n{'case':42} {'median ms':>10} {'p95 ms':>8} {'n':>6} {'× base med':>10} {'× base p95':>10}  target")
    met = True
    for name, path in lists.items():
        before = baseline(seconds / 4)
        case = load([path], clients=1, seconds=seconds, max_requests=2000)
        after = baseline(seconds / 4)
        base = Sample()
        base.add(before)
        base.add(after)
        ratio = case.median / base.median
        met &= ratio <= API_TARGET and not case.errors
        print(
            f"{name:42} {ms(case.median):>10} {ms(case.p95):>8} {len(case.times):>6}"
            f" {ratio:>10.1f} {case.p95 / base.p95:>10.1f}  ≤ {API_TARGET:g}× {verdict(ratio <= API_TARGET)}"
            + (f"  errors {dict(case.errors)}" if case.errors else "")
        )
    print(f"\nBurst: {BURST_CLIENTS} clients on the four API lists for {seconds:g} s; /health/ every {PROBE_EVERY} s")
    probe = Probe()
    probe.start()
    burst = load(list(lists.values()), clients=BURST_CLIENTS, seconds=seconds, max_requests=100000)
    during = probe.stop()
    probe = Probe()
    probe.start()
    time.sleep(seconds)
    after = probe.stop()
    print(
        f"  API requests: {len(burst.times)} in {seconds:g} s ({len(burst.times) / seconds:.0f}/s), median"
        f" {ms(burst.median)} ms, p95 {ms(burst.p95)} ms" + (f", errors {dict(burst.errors)}" if burst.errors else "")
    )
    for label, sample in (("during the burst", during), ("after the burst", after)):
        ok = bool(sample.times) and not sample.errors
        met &= ok
        print(
            f"  /health/ {label}: median {ms(sample.median)} ms  p95 {ms(sample.p95)} ms  max"
            f" {ms(max(sample.times, default=float('nan')))} ms  n={len(sample.times)}"
            f"  errors {dict(sample.errors) or 0}  (target: 200 within {PROBE_LIMIT:g} s: {verdict(ok)})"
        )
    return met


def baseline(seconds: float) -> Sample:
    return load(["/health/live/"], clients=2, seconds=seconds, max_requests=2000)


def ms(value: float) -> str:
    return f"{value * 1000:8.1f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def pages_cases(seconds: float, cache: redis.Redis) -> None:
    """Cached and cold pages against the baseline."""
    rows = []
    warm(list(PAGES.values()))
    header = f"{'median ms':>10} {'p95 ms':>8} {'n':>6} {'× base med':>10} {'× base p95':>10}  target"
    print(f"\n{'case':42} {header}")
    for name, path in PAGES.items():
        before = baseline(seconds / 4)
        case = load([path], clients=2, seconds=seconds, max_requests=3000)
        after = baseline(seconds / 4)
        base = Sample()
        base.add(before)
        base.add(after)
        rows.append(("cached", name, case, base, CACHED_TARGET))
    for name, path in PAGES.items():
        before = baseline(seconds / 4)
        case = load([path], clients=1, seconds=seconds, max_requests=40, before_each=lambda: clear_parts(cache))
        after = baseline(seconds / 4)
        base = Sample()
        base.add(before)
        base.add(after)
        rows.append(("cold", name, case, base, COLD_TARGET))
    for kind, name, case, base, target in rows:
        ratio = case.median / base.median
        print(
            f"{kind + ' ' + name:42} {ms(case.median):>10} {ms(case.p95):>8} {len(case.times):>6}"
            f" {ratio:>10.1f} {case.p95 / base.p95:>10.1f}  ≤ {target:g}× {verdict(ratio <= target)}"
            + (f"  errors {dict(case.errors)}" if case.errors else "")
        )
    base_median = statistics.median([base.median for *_rest, base, _target in rows])
    print(f"{'baseline /health/live/ (median of cases)':42} {ms(base_median):>10}")


def write_mix(seconds: float, site: Site, worker: Worker, token: str, levels: list[str]) -> None:
    """Survey deadline: readers while a coordinator saves every 200 ms."""
    warm(READ_MIX)
    read_only = load(READ_MIX, clients=3, seconds=seconds, max_requests=5000)
    with psycopg.connect(PG + RUN_DB) as conn:
        events_before = conn.execute("SELECT COUNT(*) FROM monitor_statusevent").fetchone()[0]
    renders_before, worker_before = site.renders(), worker.renders()
    writer = Writer(token, levels, seconds)
    writer.start()
    mixed = load(READ_MIX, clients=3, seconds=seconds, max_requests=5000)
    writer.join(seconds + 60)
    queued = worker.queued()
    time.sleep(1)
    renders, in_worker = site.renders() - renders_before, worker.renders() - worker_before
    with psycopg.connect(PG + RUN_DB) as conn:
        events_after = conn.execute("SELECT COUNT(*) FROM monitor_statusevent").fetchone()[0]
    written = events_after - events_before
    lost = writer.created - written
    ratio = mixed.p95 / read_only.p95
    errors = sum(mixed.errors.values()) + sum(writer.errors.values())
    print("\nSurvey deadline: 3 readers on overview, block map and municipality; one status saved every 200 ms")
    for label, sample in (("read-only", read_only), ("with writes", mixed)):
        print(f"  readers {label}: median {ms(sample.median)} ms  p95 {ms(sample.p95)} ms  n={len(sample.times)}")
    print(f"  p95 with writes / read-only: {ratio:.2f}×  (target ≤ {MIX_TARGET:g}×: {verdict(ratio <= MIX_TARGET)})")
    failures = {**mixed.errors, **{f"write {key}": n for key, n in writer.errors.items()}}
    print(f"  errors: {errors} {failures or ''}  (target 0: {verdict(errors == 0)})")
    print(
        f"  writes: {writer.created} answered 201; events {events_before:,} → {events_after:,} (+{written});"
        f" lost {lost}  (target 0: {verdict(lost == 0 and written == writer.created)})"
    )
    for label, counts in (("by the web workers", renders), ("by the Celery worker", in_worker)):
        print(
            f"  cached parts rendered {label} during the mix: {sum(counts.values())} for {writer.created} writes"
            f" ({sum(counts.values()) / max(writer.created, 1):.1f} per write)"
        )
        for part, count in sorted(counts.items()):
            print(f"    {part:36} {count:5}  ({count / max(writer.created, 1):.2f} per write)")
    print(f"  tasks still queued when the writes ended: {queued}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each case (default 10)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the template database")
    parser.add_argument(
        "--only", default=",".join(PARTS), help="comma-separated parts to run: pages, mix, api (default: all)"
    )
    args = parser.parse_args()
    parts = {part.strip() for part in args.only.split(",") if part.strip()}
    if not parts or parts - set(PARTS):
        parser.error(f"--only takes some of {', '.join(PARTS)}")
    seconds = max(2.0, min(args.seconds, 30.0))
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    print(
        f"bench-serve: gunicorn {WORKERS} sync workers, 1 Celery worker, PostgreSQL + Redis, production settings",
        flush=True,
    )

    template, line = template_database(args.fresh)
    print(line, flush=True)
    with admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{RUN_DB}"')
        conn.execute(f'CREATE DATABASE "{RUN_DB}" TEMPLATE "{template}"')
    cache = redis.Redis.from_url(REDIS_URL)
    env = manage_env(RUN_DB, "bench.serve_settings")
    env["BENCH_CACHE_KEY_PREFIX"] = KEY_PREFIX
    env["CELERY_BROKER_URL"] = BROKER_URL  # production refuses memory://
    env["BENCH_QUEUE"] = QUEUE
    try:
        manage(["collectstatic", "--no-input", "--verbosity", "0"], env)
        token = manage(
            ["shell", "-c", f"from rest_framework.authtoken.models import Token; from django.contrib.auth import "
             f"get_user_model; print(Token.objects.get_or_create(user=get_user_model().objects.get(email="
             f"'{STAFF_EMAIL}'))[0].key)"],
            env,
        ).strip().splitlines()[-1]  # fmt: skip
        with psycopg.connect(PG + RUN_DB) as conn:
            levels = [
                row[0]
                for row in conn.execute(
                    "SELECT l.code FROM catalogue_statuslevel l JOIN catalogue_programme p ON p.id = l.programme_id"
                    " WHERE p.slug = %s ORDER BY l.position",
                    (volume.PROGRAMME,),
                )
            ]
        clear_parts(cache)
        broker = redis.Redis.from_url(BROKER_URL)
        with (
            Worker(env, BENCH_DIR / "serve-celery.log", broker) as worker,
            Site(env, BENCH_DIR / "serve-gunicorn.log") as site,
        ):
            if "pages" in parts:
                pages_cases(seconds, cache)
            if "mix" in parts:
                write_mix(seconds, site, worker, token, levels)
            if "api" in parts:
                api_cases(seconds)
    finally:
        clear_parts(cache)
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{RUN_DB}" WITH (FORCE)')
        shutil.rmtree(BENCH_DIR / "static", ignore_errors=True)
    print(f"\nDropped {RUN_DB}; the template {template} stays for the next run.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
