# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from bouwplaats.suppliers.reference import load_gemma_standards


class Command(BaseCommand):
    help = (
        "Add the standards of the current GEMMA release (its elements of GEMMA type 'Standaard') that are missing, "
        "and rename those GEMMA renamed. load_reference_data does this too; run this after importing a newer GEMMA "
        "release on the architecture pages. Safe to run again."
    )

    def handle(self, *args, verbosity=1, **options):
        counts = load_gemma_standards()
        if verbosity >= 1:
            self.stdout.write(
                f"GEMMA standards: {counts['created']} created, {counts['updated']} renamed, {counts['kept']} kept."
            )
