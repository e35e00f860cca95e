# SPDX-License-Identifier: EUPL-1.2
"""The container image and compose file agree with the Procfile of `make serve`: the same entrypoint
script starts web, worker and beat everywhere. (The image itself is not built here; the smoke test,
bin/smoke-test, runs the entrypoint script.)"""

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[4]
PROCESSES = ["web", "worker", "beat"]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def procfile() -> dict[str, list[str]]:
    lines = [line for line in (ROOT / "Procfile").read_text().splitlines() if line.strip()]
    return {name: command.split() for name, command in (line.split(":", 1) for line in lines)}


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text()


def test_the_procfile_starts_each_process_through_the_entrypoint(procfile):
    assert list(procfile) == PROCESSES
    assert all(command == ["bin/entrypoint", name] for name, command in procfile.items())


def test_compose_runs_the_procfile_processes_from_one_image(compose, procfile, dockerfile):
    services = compose["services"]
    assert set(services) == {"db", "redis", "migrate", "web", "worker", "beat"}
    entrypoint = json.loads(re.search(r"^ENTRYPOINT (.+)$", dockerfile, re.MULTILINE).group(1))
    assert entrypoint == ["bin/entrypoint"]
    for name in PROCESSES:
        service = services[name]
        # The image's entrypoint with the compose command is the Procfile's command line.
        assert [*entrypoint, *service["command"]] == procfile[name], name
        assert service["image"] == services["migrate"]["image"] and service["build"] == "."
        assert service["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert services["migrate"]["command"] == ["migrate"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }


def test_every_long_running_service_has_a_health_check(compose):
    services = compose["services"]
    for name in ["db", "redis", *PROCESSES]:
        assert services[name]["healthcheck"]["test"], name
    assert "/health/" in " ".join(services["web"]["healthcheck"]["test"])
    assert "inspect ping" in " ".join(services["worker"]["healthcheck"]["test"])


def test_compose_points_the_site_at_postgresql_and_redis(compose):
    environment = compose["services"]["web"]["environment"]
    assert environment["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in environment["DATABASE_URL"]
    assert environment["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert environment["CACHE_URL"].startswith("rediscache://redis:6379/")
    assert environment["DJANGO_SETTINGS_MODULE"] == "bouwplaats.conf.production"
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")  # never a default key
    assert environment["ALLOWED_HOSTS"].endswith(",127.0.0.1")  # the health checks ask the container
    assert compose["services"]["worker"]["environment"] == environment


def test_the_image_is_multi_stage_slim_and_not_root(dockerfile):
    stages = re.findall(r"^FROM (\S+)(?: AS (\w+))?$", dockerfile, re.MULTILINE)
    assert len(stages) == 2 and stages[0][1] == "builder" and "slim" in stages[1][0]
    assert "COPY --from=builder /opt/venv /opt/venv" in dockerfile
    assert "collectstatic" in dockerfile
    user = re.findall(r"^USER (\S+)$", dockerfile, re.MULTILINE)
    assert user == ["bouwplaats"]
    assert re.search(r'^CMD \["web"\]$', dockerfile, re.MULTILINE)


def test_the_entrypoint_knows_every_command_and_refuses_others():
    script = ROOT / "bin" / "entrypoint"
    assert subprocess.run(["/bin/bash", "-n", str(script)], check=False).returncode == 0
    text = script.read_text()
    for command in [*PROCESSES, "migrate", "manage"]:
        assert re.search(rf"^  {command}\)$", text, re.MULTILINE), command
    refused = subprocess.run([str(script), "dance"], capture_output=True, text=True, check=False)
    assert refused.returncode == 2 and "Usage: bin/entrypoint" in refused.stderr
