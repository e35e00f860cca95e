from django.core.management.base import BaseCommand

from bouwplaats.suppliers.conformance.services import STANDARDS, conformance_standards_create


class Command(BaseCommand):
    help = (
        "Add the standards whose official schemas Bouwplaats holds (StUF-BG 2.04, StUF-ZKN 3.10 with StUF-BG 3.10), "
        "so that the StUF conformance check can be used. A standard that already has the check, or whose code is "
        "taken, is left as it is. Safe to run more than once."
    )

    def handle(self, *args, **options):
        created = conformance_standards_create(actor=None)
        names = ", ".join(standard.name for standard in created) or "none"
        self.stdout.write(f"StUF standards with a conformance check: {len(STANDARDS)}; added now: {names}.")
