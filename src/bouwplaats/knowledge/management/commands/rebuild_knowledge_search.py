# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from bouwplaats.knowledge import search


class Command(BaseCommand):
    help = "Rebuild the full-text index of published questions (after a bulk load or a restore)."

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(f"Indexed {count} published questions.")
