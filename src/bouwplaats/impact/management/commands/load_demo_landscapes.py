# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.impact import demo


class Command(BaseCommand):
    help = (
        "Generate demo application landscapes (30 to 120 applications, by size) for every municipality of "
        "the current programme's division, mapped to the GEMMA reference components, and the demonstration "
        "scenarios DigiD and Participatiewet. Municipalities that have demo applications are left alone. "
        "--remove deletes all demo landscapes and scenarios instead. Refuses to run when DEBUG is off, "
        "unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2014, help="Seed of the random generator (default 2014).")
        parser.add_argument("--remove", action="store_true", help="Remove all demo landscapes and scenarios.")
        parser.add_argument("--force", action="store_true", help="Also run when DEBUG is off (never on a live site).")

    def handle(self, *args, seed=2014, remove=False, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo data is for development only: DEBUG is off. Use --force if you are sure.")
        if remove:
            result = demo.demo_landscapes_remove(allowed=True)
            self.stdout.write(f"Removed demo landscapes and scenarios ({result['deleted_rows']} rows).")
            return
        result = demo.demo_landscapes_load(allowed=True, seed=seed)
        if result["skipped"]:
            self.stdout.write("Demo landscapes are already present (or there is no GEMMA model): nothing to do.")
        else:
            self.stdout.write(
                f"Demo landscapes: {result['applications']} applications for {result['municipalities']} "
                f"municipalities; {result['scenarios']} scenario(s)."
            )
