# SPDX-License-Identifier: EUPL-1.2
"""Settings of ``make bench-serve``: production's, plus a count of the cached parts each process renders.

``core.fragments`` logs every render at DEBUG; here that logger writes to the web workers' and the
Celery worker's logs, from which bench/serve.py counts the renders per part. Tasks go to a queue of
the benchmark's own on the Redis broker, served by the one Celery worker that bench/serve.py starts;
nothing else differs from production.
"""

from bouwplaats.conf.production import *  # noqa: F403
from bouwplaats.conf.production import LOGGING, env

LOGGING["loggers"]["bouwplaats.core.fragments"] = {"level": "DEBUG"}
CELERY_TASK_DEFAULT_QUEUE = env.str("BENCH_QUEUE", default="bouwplaats-bench-serve")
CELERY_WORKER_ENABLE_REMOTE_CONTROL = False  # no control queue left on the broker after the run
CACHES["default"]["KEY_PREFIX"] = env.str("BENCH_CACHE_KEY_PREFIX", default="bouwplaats-bench-serve")  # noqa: F405
