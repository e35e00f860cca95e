# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from bouwplaats.core.tasks import clean_jobs


class Command(BaseCommand):
    help = (
        "Delete finished background jobs older than JOBS_KEEP_DAYS with their files, and mark jobs queued or "
        "running for more than JOBS_STUCK_HOURS as failed (what beat runs every night)."
    )

    def handle(self, *args, **options):
        counts = clean_jobs()
        self.stdout.write(f"{counts['deleted']} old jobs deleted, {counts['stopped']} stopped jobs marked failed.")
