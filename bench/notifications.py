# SPDX-License-Identifier: EUPL-1.2
"""Notifications benchmark: the list pages and API of a user with many notifications, and the
cost of ``notification_send`` and of the daily e-mail per recipient.

    .venv/bin/python bench/notifications.py [--notifications N] [--recipients N] [--rounds N]
                                            [--warmup N] [--runs N] [--fresh] [--strict]

Pages: the database under var/bench/ starts as the page benchmark's (migrate, reference data,
demo users) and gets ``--notifications`` generated notifications for the demo coordinator
(default 20,000; a third unread), written straight into the SQLite file. The pages and API are
requested as that coordinator and compared with the account page of the same user (target
1.5×): personal pages cannot use the shared page cache, so the trivial /health/ view (printed
too) is no fair baseline for them.

Services, each run in a transaction that is rolled back, against a plain ``bulk_create`` of as
many notifications in the same run (the least any implementation must do):
- ``notification_send`` to ``--recipients`` users (half Dutch, half English, lazy texts) who want no e-mail
  (target 3×);
- the same with an e-mail straight away to each (locmem e-mail backend: rendering only; target 15×);
- the daily e-mail for as many users with 5 notifications each (target 15×, against
  inserting the 5 × N rows).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))

from bench.database import BENCH_DIR, COMMANDS, prepare_database  # noqa: E402
from bench.run import BASELINE, Case, configure_django, environment, measure, report  # noqa: E402

COORDINATOR = "coordinator.amsterdam@bouwplaats.example"
JSON = (("HTTP_ACCEPT", "application/json"),)
# Personal pages cannot share the page cache of the public pages (ADR 6), so they are compared
# with the account page of the same user, a page of the same kind, rather than with /health/.
PAGE_TARGET = 1.5
REFERENCE = Case("reference: my account /account/", "/account/", target=None)
CASES = [
    Case("my notifications /meldingen/", "/meldingen/", target=PAGE_TARGET),
    Case("page 100", "/meldingen/?page=100", target=PAGE_TARGET),
    Case("only unread", "/meldingen/?ongelezen=1", target=PAGE_TARGET),
    Case("settings /meldingen/voorkeuren/", "/meldingen/voorkeuren/", target=PAGE_TARGET),
    Case("API list", "/api/v1/notifications", headers=JSON, target=PAGE_TARGET),
    Case("API unread", "/api/v1/notifications?unread=true", headers=JSON, target=PAGE_TARGET),
]
KINDS = ["answer", "question_status", "reply", "comment", "idea_status", "consultation_opened"]
NOTIFY_TARGET, EMAIL_TARGET, DIGEST_TARGET = 3.0, 15.0, 15.0


class Rollback(Exception):
    pass


def generator(count: int):
    def add(path: Path, env) -> None:
        rng = random.Random(2014)
        db = sqlite3.connect(path)
        (user_id,) = db.execute("SELECT id FROM accounts_user WHERE email = ?", [COORDINATOR]).fetchone()
        rows = []
        for number in range(count):
            created = (
                f"2014-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(8, 18):02d}:00:{number % 60:02d}"
            )
            read_at = None if number % 3 == 0 else created
            subject = f"Nieuw antwoord op vraag {number} over de aansluiting op de BRP"
            rows.append(
                (
                    user_id,
                    rng.choice(KINDS),
                    subject,
                    "Er is een antwoord.",
                    f"/kennis/vragen/{number}/",
                    "",
                    created,
                    read_at,
                    created,
                )
            )
        db.executemany(
            "INSERT INTO notifications_notification (recipient_id, kind, subject, body, url, target_id, "
            "created_at, read_at, emailed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.commit()
        db.close()

    return add


def _users(count: int, frequency: str):
    from bouwplaats.accounts.models import User
    from bouwplaats.notifications.models import NotificationPreference

    users = User.objects.bulk_create(
        User(
            email=f"bench{n}-{frequency}@example.org",
            full_name=f"Bench {n}",
            password="!",  # noqa: S106 - an unusable password, not a secret
            preferred_language="nl" if n % 2 else "en",
        )
        for n in range(count)
    )
    NotificationPreference.objects.bulk_create(NotificationPreference(user=u, frequency=frequency) for u in users)
    return users


def _run_rolled_back(work) -> int:
    """Run ``work(prepared)`` in a transaction that is rolled back; time only the work."""
    from django.db import transaction

    elapsed = 0
    try:
        with transaction.atomic():
            prepared = work.prepare()
            start = time.perf_counter_ns()
            work.run(prepared)
            elapsed = time.perf_counter_ns() - start
            raise Rollback
    except Rollback:
        pass
    return elapsed


class PlainInsert:
    def __init__(self, recipients: int, per_user: int = 1):
        self.recipients, self.per_user = recipients, per_user

    def prepare(self):
        return _users(self.recipients, "off")

    def run(self, users):
        from bouwplaats.notifications.models import Notification

        Notification.objects.bulk_create(
            Notification(recipient=u, kind="answer", subject="Antwoord", body="Tekst", url="/kennis/")
            for u in users
            for _ in range(self.per_user)
        )


class Notify:
    def __init__(self, recipients: int, frequency: str):
        self.recipients, self.frequency = recipients, frequency

    def prepare(self):
        return _users(self.recipients, self.frequency)

    def run(self, users):
        from django.utils.translation import gettext_lazy

        from bouwplaats.notifications import services

        with _on_commit_now():
            services.notification_send(
                recipients=users,
                kind="answer",
                subject=gettext_lazy("English"),
                body=gettext_lazy("Dutch"),
                url="/kennis/vragen/1/",
            )


class Digest:
    def __init__(self, recipients: int):
        self.recipients = recipients

    def prepare(self):
        from bouwplaats.notifications.models import Notification

        users = _users(self.recipients, "daily")
        Notification.objects.bulk_create(
            Notification(recipient=u, kind="comment", subject="Reactie", body="Tekst", url="/kennis/")
            for u in users
            for _ in range(5)
        )
        return users

    def run(self, users):
        from bouwplaats.notifications import delivery

        result = delivery.notification_digest_send(base_url="https://bouwplaats.example")
        assert result["emails"] == len(users), result


class _on_commit_now:
    """Inside the rolled-back transaction, run the on-commit e-mail task at the end of ``notification_send``."""

    def __enter__(self):
        from django.db import connection

        self.connection = connection
        self.before = len(connection.run_on_commit)
        return self

    def __exit__(self, *exc):
        callbacks = self.connection.run_on_commit[self.before :]
        del self.connection.run_on_commit[self.before :]
        for _savepoints, callback, _robust in callbacks:
            callback()
        return False


def service_ratios(recipients: int, runs: int) -> tuple[list[str], bool]:
    from django.core import mail

    cases = [
        ("notify, no e-mail", Notify(recipients, "off"), PlainInsert(recipients), NOTIFY_TARGET),
        ("notify, e-mail each", Notify(recipients, "immediate"), PlainInsert(recipients), EMAIL_TARGET),
        ("daily e-mail, 5 each", Digest(recipients), PlainInsert(recipients, per_user=5), DIGEST_TARGET),
    ]
    lines = [f"Services, {recipients} recipients, median of {runs} runs; ratio = against a plain bulk_create", ""]
    all_ok = True
    for name, work, baseline, target in cases:
        samples, base = [], []
        for _ in range(runs):  # alternate, so that drift hits both alike
            mail.outbox = []
            samples.append(_run_rolled_back(work))
            base.append(_run_rolled_back(baseline))
        ratio = statistics.median(samples) / statistics.median(base)
        ok = ratio <= target
        all_ok &= ok
        lines.append(
            f"{name:<22} {statistics.median(samples) / 1e6:8.1f} ms  baseline {statistics.median(base) / 1e6:7.1f} ms"
            f"  {ratio:5.1f}x  target {target:g}x  {'OK' if ok else 'OVER'}"
        )
    return lines, all_ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notifications", type=int, default=20000)
    parser.add_argument("--recipients", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)

    database = BENCH_DIR / f"notifications-{args.notifications}.sqlite3"
    commands = [c for c in COMMANDS if c[0] != "load_demo_progress"]
    print(
        prepare_database(
            database,
            args.fresh,
            commands=commands,
            then=generator(args.notifications),
            inputs=["bench/notifications.py"],
        )
    )
    configure_django(database)
    from django.conf import settings
    from django.test import Client

    from bouwplaats.accounts.models import User
    from bouwplaats.notifications.models import Notification

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    print("\n".join(environment(database)))
    user = User.objects.get(email=COORDINATOR)
    print(f"Notifications of {COORDINATOR}: {Notification.objects.filter(recipient=user).count()}\n")
    client = Client()
    client.force_login(user)
    results = measure([BASELINE, REFERENCE, *CASES], rounds=args.rounds, warmup=args.warmup, client=client)
    lines, pages_ok = report(results, results[1], args.rounds, args.warmup)
    lines[0] = lines[0].replace("median of the baseline", "median of the account page")
    print("\n".join(lines))
    print()
    lines, services_ok = service_ratios(args.recipients, args.runs)
    print("\n".join(lines))
    return 1 if args.strict and not (pages_ok and services_ok) else 0


if __name__ == "__main__":
    sys.exit(main())
