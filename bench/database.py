# SPDX-License-Identifier: EUPL-1.2
"""The benchmark database: var/bench/bench.sqlite3, built with the project's own commands.

It is rebuilt when it is missing, when --fresh is given, or when anything that shapes its
contents changed: the migrations, the management commands and loaders, or the data files.
A build happens in a scratch folder and replaces the old file only when it succeeded.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SRC = REPO_ROOT / "src" / "bouwplaats"
BENCH_DIR = REPO_ROOT / "var" / "bench"
COMMANDS = [["migrate", "--no-input"], ["load_reference_data"], ["load_demo_data"], ["load_demo_progress"]]

# What the database's contents depend on (globs under the repository root).
INPUTS = [
    "src/bouwplaats/*/migrations/*.py",
    "src/bouwplaats/*/management/**/*.py",
    "src/bouwplaats/*/reference_data/**/*.py",
    "src/bouwplaats/*/seed*.py",
    "src/bouwplaats/*/services.py",
    "data/**/*",
]


def fingerprint(commands=COMMANDS, inputs=()) -> str:
    """A digest of the commands and of every file matched by ``INPUTS`` and ``inputs``."""
    digest = hashlib.sha256(json.dumps(commands).encode())
    patterns = [*INPUTS, *inputs]
    files = sorted({path for pattern in patterns for path in REPO_ROOT.glob(pattern) if path.is_file()})
    for path in files:
        digest.update(str(path.relative_to(REPO_ROOT)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def manage_environment(database: Path) -> dict[str, str]:
    """The environment for running ``manage.py`` on ``database``."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bouwplaats.conf.dev",
            "DATABASE_URL": f"sqlite:///{database}",
            "CACHE_URL": "locmemcache://",
            "CELERY_BROKER_URL": "memory://",
            "EMAIL_URL": "consolemail://",
            "AXES_ENABLED": "false",
        }
    )
    return env


def _available_commands(env: dict[str, str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "manage.py", "help", "--commands"], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    return {line.strip() for line in result.stdout.splitlines()}


def run_manage(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(
            f"`manage.py {' '.join(command)}` failed while building a benchmark database:\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )


def build(database: Path, commands=COMMANDS, then=None) -> list[str]:
    """Build a new database file at ``database``; returns the data commands that do not exist (yet).

    ``then(path, env)``, when given, adds to the database at ``path`` after the commands ran.
    """
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="build-", dir=BENCH_DIR))
    try:
        target = scratch / database.name
        env = manage_environment(target)
        available = _available_commands(env)
        skipped = []
        for command in commands:
            if command[0] not in available:
                skipped.append(command[0])
                continue
            run_manage(command, env)
        if then is not None:
            then(target, env)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        target.replace(database)
        return skipped
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def prepare_database(database: Path, fresh: bool = False, *, commands=COMMANDS, then=None, inputs=()) -> str:
    """Make sure ``database`` is up to date; returns a line saying what was done.

    ``commands`` are the ``manage.py`` commands that fill it, ``then`` a function that adds to it
    (see ``build``) and ``inputs`` more globs of files its contents depend on.
    """
    stamp = database.with_suffix(".json")
    wanted = fingerprint(commands, inputs)
    if not fresh and database.exists() and stamp.exists():
        try:
            if json.loads(stamp.read_text()).get("fingerprint") == wanted:
                return f"Reusing the benchmark database {database.relative_to(REPO_ROOT)} (up to date)."
        except (OSError, ValueError):
            pass
    started = time.monotonic()
    stamp.unlink(missing_ok=True)
    skipped = build(database, commands, then)
    if not skipped:  # an incomplete database is never reused
        stamp.write_text(json.dumps({"fingerprint": wanted, "built": time.strftime("%Y-%m-%d %H:%M:%S")}))
    line = f"Built the benchmark database {database.relative_to(REPO_ROOT)} in {time.monotonic() - started:.1f} s."
    if skipped:
        line += f" Not loaded (command missing): {', '.join(skipped)}."
    return line
