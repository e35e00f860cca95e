# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.catalogue.models import Programme
from bouwplaats.reports import demo


class Command(BaseCommand):
    help = (
        "Generate two demo Gateway reviews of Operatie NUP (a midterm review in 2013 and one in 2014), with "
        "a status per result agreement and recommendations; marked as demo data. Does nothing when demo "
        "reviews exist. Refuses to run when DEBUG is off, unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--programme",
            default=demo.PROGRAMME_SLUG,
            help=f"Short name of the programme (default {demo.PROGRAMME_SLUG}).",
        )
        parser.add_argument("--force", action="store_true", help="Also run when DEBUG is off (never on a live site).")

    def handle(self, *args, programme=demo.PROGRAMME_SLUG, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo data is for development only: DEBUG is off. Use --force if you are sure.")
        result = demo.load(allowed=True, programme=Programme.objects.filter(slug=programme).first())
        if result["skipped"]:
            self.stdout.write(
                "Demo Gateway reviews are already present (or there is no such programme): nothing to do."
            )
        else:
            self.stdout.write(
                f"Demo Gateway reviews: {result['reviews']} reviews, {result['ratings']} statuses of result "
                f"agreements, {result['recommendations']} recommendations."
            )
