# SPDX-License-Identifier: EUPL-1.2
"""Start the real site in a subprocess, on its own SQLite database, for browser checks.

Used by the browser tests (``conftest.py``) and by ``screenshot.py``::

    with running_site() as site:
        print(site.url)

The database is prepared with ``migrate`` and the data commands in ``DATA_COMMANDS`` (reference
data, then the demo data of every part of the site) and ``seeding.py``, then ``runserver`` serves
the site on a free port of 127.0.0.1 until the block ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
MANAGE = REPO_ROOT / "manage.py"
STARTUP_TIMEOUT = 60.0  # seconds for runserver to answer /health/live/
COMMAND_TIMEOUT = 600.0  # seconds for one preparation command
DATA_COMMANDS = (
    "load_reference_data",
    "load_demo_data",
    "load_demo_progress",
    "load_demo_suppliers",
    "load_demo_landscapes",
    "load_demo_knowledge",
    "load_demo_cocreation",
    "load_demo_reviews",
)

# What some pages need besides the demo data (tests/browser/seeding.py).
SEEDING = "from tests.browser.seeding import seed; seed()"


class SiteError(RuntimeError):
    """The site could not be prepared or started; the message holds the server's output."""


@dataclass
class Site:
    url: str  # e.g. "http://127.0.0.1:43121", without a trailing slash
    workdir: Path
    process: subprocess.Popen
    command_output: dict[str, str] = field(default_factory=dict)  # stdout of each preparation command

    @property
    def stdout_log(self) -> Path:
        return self.workdir / "server.stdout.log"

    @property
    def stderr_log(self) -> Path:
        return self.workdir / "server.stderr.log"

    def server_output(self, max_chars: int = 4000) -> str:
        return _tail(self.stderr_log, max_chars)


def site_environment(workdir: Path) -> dict[str, str]:
    """The environment of every command: development settings on a database of our own."""
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "bouwplaats.conf.dev",
            "DEBUG": "true",
            "AXES_ENABLED": "false",
            # The demo staff log in with their password alone, as with `make run`; the two-factor
            # pages are tested with a demo member who turns it on (test_two_factor_flows.py).
            "TWO_FACTOR_REQUIRED_FOR_STAFF": "false",
            # Whatever the calling shell points at (PostgreSQL, Redis, SMTP), the site under test
            # keeps everything to itself.
            "CACHE_URL": "locmemcache://",
            "CELERY_BROKER_URL": "memory://",
            "EMAIL_URL": "consolemail://",
            "MEDIA_ROOT": str(workdir / "media"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, env: dict[str, str], timeout: float = COMMAND_TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _run_checked(*args: str, env: dict[str, str]) -> str:
    result = manage(*args, env=env)
    if result.returncode != 0:
        raise SiteError(
            f"`manage.py {' '.join(args)}` failed with exit code {result.returncode}.\n"
            f"--- stdout ---\n{result.stdout[-4000:]}\n--- stderr ---\n{result.stderr[-4000:]}"
        )
    return result.stdout


def prepare_database(workdir: Path, env: dict[str, str]) -> dict[str, str]:
    """Migrate and load the reference and demo data; returns each command's output."""
    outputs = {"migrate": _run_checked("migrate", "--no-input", env=env)}
    for name in DATA_COMMANDS:
        outputs[name] = _run_checked(name, env=env)
    outputs["seeding"] = _run_checked("shell", "--command", SEEDING, env=env)
    return outputs


def _tail(path: Path, max_chars: int) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return text[-max_chars:]


def wait_until_healthy(url: str, process: subprocess.Popen, stderr_log: Path, timeout: float = STARTUP_TIMEOUT):
    deadline = time.monotonic() + timeout
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SiteError(
                f"The server stopped with exit code {process.returncode} before answering {url}/health/live/.\n"
                f"--- server stderr ---\n{_tail(stderr_log, 6000)}"
            )
        try:
            with urllib.request.urlopen(f"{url}/health/live/", timeout=2) as response:  # noqa: S310 (our own 127.0.0.1)
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except (urllib.error.URLError, OSError) as exc:
            last_error = str(exc)
        time.sleep(0.2)
    raise SiteError(
        f"The server did not answer {url}/health/live/ within {timeout:.0f} s (last error: {last_error}).\n"
        f"--- server stderr ---\n{_tail(stderr_log, 6000)}"
    )


def start_site(workdir: Path) -> Site:
    """Prepare the database in ``workdir`` and start runserver; the caller must call ``stop_site``."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = site_environment(workdir)
    outputs = prepare_database(workdir, env)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    stdout = (workdir / "server.stdout.log").open("w")
    stderr = (workdir / "server.stderr.log").open("w")
    process = subprocess.Popen(
        [sys.executable, str(MANAGE), "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=REPO_ROOT,
        env=env,
        stdout=stdout,
        stderr=stderr,
        stdin=subprocess.DEVNULL,
    )
    stdout.close()  # the child holds its own copies
    stderr.close()
    site = Site(url=url, workdir=workdir, process=process, command_output=outputs)
    try:
        wait_until_healthy(url, process, site.stderr_log)
    except BaseException:
        stop_site(site)
        raise
    return site


def stop_site(site: Site) -> None:
    if site.process.poll() is None:
        site.process.terminate()
        try:
            site.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            site.process.kill()
            site.process.wait(timeout=10)


@contextlib.contextmanager
def running_site(keep_workdir: bool = False) -> Iterator[Site]:
    """Serve the site from a fresh temporary directory for the duration of the block."""
    workdir = Path(tempfile.mkdtemp(prefix="bouwplaats-site-"))
    try:
        site = start_site(workdir)
        try:
            yield site
        finally:
            stop_site(site)
    finally:
        if not keep_workdir:
            shutil.rmtree(workdir, ignore_errors=True)
