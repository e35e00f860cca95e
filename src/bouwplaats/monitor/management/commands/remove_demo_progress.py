# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from bouwplaats.monitor import demo


class Command(BaseCommand):
    help = "Remove all generated demo progress; reported statuses stay and their current state is rebuilt."

    def handle(self, *args, **options):
        result = demo.demo_progress_remove(allowed=True)
        self.stdout.write(
            f"Removed {result['events']} demo events of {result['pairs']} pairs; "
            f"rebuilt {result['rebuilt']} current rows."
        )
