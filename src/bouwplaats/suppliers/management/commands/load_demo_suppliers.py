# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.suppliers import demo


class Command(BaseCommand):
    help = (
        "Generate demo suppliers (the supplier names of the demo landscapes) with their products, the versions "
        "2010.1 to 2014.4, readiness per building block and standard, signatures under the supplier agreements, "
        "delivery dates, and a demo representative of Centric. Suppliers that exist are left alone. --remove "
        "deletes all demo suppliers instead. Run load_reference_data and load_demo_data first, and this before "
        "load_demo_landscapes. Refuses to run when DEBUG is off, unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2014, help="Seed of the random generator (default 2014).")
        parser.add_argument("--remove", action="store_true", help="Remove all demo suppliers.")
        parser.add_argument("--force", action="store_true", help="Also run when DEBUG is off (never on a live site).")

    def handle(self, *args, seed=2014, remove=False, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo data is for development only: DEBUG is off. Use --force if you are sure.")
        if remove:
            result = demo.demo_suppliers_remove(allowed=True)
            self.stdout.write(f"Removed demo suppliers ({result['deleted_rows']} rows).")
            return
        result = demo.demo_suppliers_load(allowed=True, seed=seed)
        if result["skipped"] and not result["representatives"]:
            self.stdout.write("Demo suppliers are already present: nothing to do.")
        else:
            self.stdout.write(
                f"Demo suppliers: {result['suppliers']} suppliers, {result['products']} products, "
                f"{result['versions']} versions, {result['readiness']} readiness records, {result['signatures']} "
                f"signatures, {result['commitments']} delivery dates; representatives: "
                f"{', '.join(result['representatives']) or 'none'}."
            )
