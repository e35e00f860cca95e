# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.catalogue.selectors import current_programme
from bouwplaats.cocreation import demo


class Command(BaseCommand):
    help = (
        "Generate demo ideas (with votes, statuses and official answers) and two member consultations "
        "(one closed with results, one open) for the current programme. Does nothing when demo ideas exist. "
        "Refuses to run when DEBUG is off, unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2014, help="Seed of the random generator (default 2014).")
        parser.add_argument("--force", action="store_true", help="Also run when DEBUG is off (never on a live site).")

    def handle(self, *args, seed=2014, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo data is for development only: DEBUG is off. Use --force if you are sure.")
        result = demo.load(allowed=True, programme=current_programme(), seed=seed)
        if result["skipped"]:
            self.stdout.write("Demo co-creation content is already present (or there is no programme): nothing to do.")
        else:
            self.stdout.write(
                f"Demo co-creation: {result['ideas']} ideas, {result['votes']} votes, {result['ballots']} ballots."
            )
