# SPDX-License-Identifier: EUPL-1.2
"""Settings of ``make bench-serve``: production's, plus a count of the cached parts each worker renders.

``core.fragments`` logs every render at DEBUG; here that logger writes to the workers' error log,
from which bench/serve.py counts the renders per part. Tasks run in-process (no worker is started);
nothing else differs from production.
"""

from bouwplaats.conf.production import *  # noqa: F403
from bouwplaats.conf.production import LOGGING, env

LOGGING["loggers"]["bouwplaats.core.fragments"] = {"level": "DEBUG"}
# The benchmark measures the web processes alone: tasks run in them, as before, and no worker is started.
CELERY_TASK_ALWAYS_EAGER = True
CACHES["default"]["KEY_PREFIX"] = env.str("BENCH_CACHE_KEY_PREFIX", default="bouwplaats-bench-serve")  # noqa: F405
