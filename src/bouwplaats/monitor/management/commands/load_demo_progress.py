# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.monitor import demo


class Command(BaseCommand):
    help = (
        "Generate demo progress (January 2012 to December 2014, monthly) for every municipality of the "
        "current programme's division and every building block. Does nothing when demo progress exists, "
        "unless --replace is given. Refuses to run when DEBUG is off, unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2014, help="Seed of the random generator (default 2014).")
        parser.add_argument("--replace", action="store_true", help="Remove existing demo progress first.")
        parser.add_argument("--force", action="store_true", help="Also run when DEBUG is off (never on a live site).")

    def handle(self, *args, seed=2014, replace=False, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo data is for development only: DEBUG is off. Use --force if you are sure.")
        result = demo.demo_progress_load(allowed=True, seed=seed, replace=replace)
        if result["skipped"]:
            self.stdout.write("Demo progress is already present (or there is no programme): nothing to do.")
        else:
            self.stdout.write(
                f"Demo progress: {result['events']} events for {result['pairs']} municipality × building block pairs."
            )
