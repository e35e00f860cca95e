# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from bouwplaats.cocreation import services


class Command(BaseCommand):
    help = (
        "Notify municipality coordinators of member consultations that opened or closed since the last run. "
        "Each consultation is announced once; safe to run as often as you like (cron or celery beat)."
    )

    def handle(self, *args, **options):
        result = services.consultation_announcements_send()
        self.stdout.write(f"Consultations announced: {result['opened']} opened, {result['closed']} closed.")
