# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.catalogue.models import Programme
from bouwplaats.monitor import services


class Command(BaseCommand):
    help = (
        "Rebuild the monthly status table (the level of every municipality per building block at the end of "
        "each month) from the status events, for all programmes or one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programme", help="The short name (slug) of one programme; default: all.")

    def handle(self, *args, **options):
        programme = None
        if options["programme"]:
            programme = Programme.objects.filter(slug=options["programme"]).first()
            if programme is None:
                raise CommandError(f"There is no programme {options['programme']!r}.")
        result = services.monthly_status_rebuild(programme=programme)
        for slug, rows in result.items():
            self.stdout.write(f"{slug}: {rows} monthly rows")
