# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bouwplaats.catalogue.models import Programme
from bouwplaats.monitor import selectors, services


class Command(BaseCommand):
    help = (
        "List the status events that only erased a planned date, written by a save of the status form that "
        "also wrote other building blocks of the municipality within the same second (while browsers showed "
        "the form's dates empty). With --apply, give each pair its planned date back as a correction. "
        "Running it again finds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Restore the planned dates (default: only list).")
        parser.add_argument("--programme", help="The short name (slug) of one programme; default: all.")

    def handle(self, *args, apply=False, programme=None, **options):
        found_programme = None
        if programme:
            found_programme = Programme.objects.filter(slug=programme).first()
            if found_programme is None:
                raise CommandError(f"There is no programme {programme!r}.")
        findings = selectors.erased_planned_dates(programme=found_programme)
        restorable = [finding for finding in findings if finding.is_current]
        for finding in findings:
            event = finding.event
            recorded = timezone.localtime(event.recorded_at).strftime("%Y-%m-%d %H:%M:%S")
            line = (
                f"{event.municipality.code} {event.municipality.name} | {event.building_block.code} | "
                f"{event.author.email} | {recorded} | lost planned date {finding.lost_date.isoformat()}"
            )
            if not finding.is_current:
                line += " | reported for since: left to check by hand"
            self.stdout.write(line)
        if not findings:
            self.stdout.write("No erased planned dates found.")
            return
        if not apply:
            self.stdout.write(
                f"{len(findings)} erased planned date(s), {len(restorable)} to restore; "
                "run again with --apply to restore them."
            )
            return
        corrections = services.erased_planned_dates_restore(actor=None, findings=restorable) if restorable else []
        self.stdout.write(f"{len(corrections)} planned date(s) restored as a correction.")
