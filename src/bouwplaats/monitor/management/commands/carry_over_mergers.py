# SPDX-License-Identifier: EUPL-1.2
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.catalogue.selectors import programme_or_current
from bouwplaats.monitor.imports import mergers


class Command(BaseCommand):
    help = (
        "Carry status over to the municipalities that came into existence by a merger (herindeling): per "
        "building block the lowest level of the predecessors, their latest planned date and blockers plus "
        "'merger'. Only for blocks without a status of their own; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programme", help="Short name (slug) of the programme; the current one if left out.")

    def handle(self, *args, programme=None, **options):
        found = programme_or_current(programme)
        if found is None:
            raise CommandError(f"There is no programme {programme!r}." if programme else "There is no programme.")
        try:
            results = mergers.carry_over_mergers(actor=None, programme=found)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        events = sum(len(result.events) for result in results)
        for result in results:
            if result.events:
                self.stdout.write(f"{result.municipality}: {len(result.events)} building block(s) carried over.")
        self.stdout.write(
            f"{found.slug}: {len(results)} merged municipalities in the division of "
            f"{found.reference_date.isoformat()}, {events} status(es) carried over."
        )
