# SPDX-License-Identifier: EUPL-1.2
"""The readiness page `/health/`: is the site able to serve and to hand work to the worker?

django-health-check runs the checks side by side and answers 200 when all pass, 500 otherwise,
as a page, as text (`?format=text`) or as JSON (`?format=json` or `Accept: application/json`,
an object of check name to "OK" or the error). The checks:

- database: `SELECT 1` on the default database;
- cache: a value written and read back;
- broker: a ping of the Redis that CELERY_BROKER_URL names (another broker: a Celery worker
  answers a ping); absent while tasks run in-process (the `memory://` broker of development);
- disk: the disk that holds MEDIA_ROOT is fuller than HEALTH_CHECK_DISK_USAGE_MAX per cent.

`/health/live/` (`core.views.live`) only says the process answers; it touches nothing.
"""

import dataclasses
import datetime
from pathlib import Path

from django.conf import settings
from health_check import checks
from health_check.contrib.celery import Ping
from health_check.contrib.psutil import Disk
from health_check.contrib.redis import Redis
from health_check.views import HealthCheckView
from redis.asyncio import Redis as RedisClient

REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
TIMEOUT = datetime.timedelta(seconds=3)


@dataclasses.dataclass
class DatabaseCheck(checks.Database):
    def __repr__(self) -> str:
        return "database"


@dataclasses.dataclass
class CacheCheck(checks.Cache):
    def __repr__(self) -> str:
        return "cache"


@dataclasses.dataclass
class RedisBrokerCheck(Redis):
    def __repr__(self) -> str:
        return "broker"


@dataclasses.dataclass
class CeleryBrokerCheck(Ping):
    def __repr__(self) -> str:
        return "broker"


@dataclasses.dataclass
class DiskCheck(Disk):
    def __repr__(self) -> str:
        return "disk"


def broker_client(url: str):
    """A client of the broker's Redis that gives up within the check's time."""
    seconds = TIMEOUT.total_seconds()
    return lambda: RedisClient.from_url(url, socket_connect_timeout=seconds, socket_timeout=seconds)


def existing_folder(path) -> str:
    """``path`` or, while it is not made yet, the nearest folder above it (the same disk)."""
    folder = Path(path).resolve()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return str(folder)


def configured_checks() -> list:
    """The checks for the current settings, in the order the page shows them."""
    found = [DatabaseCheck(), CacheCheck()]
    broker = settings.CELERY_BROKER_URL or ""
    if broker.startswith(REDIS_SCHEMES):
        found.append(RedisBrokerCheck(client_factory=broker_client(broker)))
    elif broker and not broker.startswith("memory://"):
        found.append(CeleryBrokerCheck(timeout=TIMEOUT))
    found.append(
        DiskCheck(
            path=existing_folder(settings.MEDIA_ROOT), max_disk_usage_percent=settings.HEALTH_CHECK_DISK_USAGE_MAX
        )
    )
    return found


class HealthView(HealthCheckView):
    def get_checks(self):
        yield from configured_checks()
