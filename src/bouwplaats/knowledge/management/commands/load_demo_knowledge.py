# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.knowledge import demo


class Command(BaseCommand):
    help = (
        "Create demo content for the knowledge centre: questions with answers (2012-2014), guides with "
        "ticked steps, three articles and a few comments, all marked as demo data. Run load_reference_data "
        "and load_demo_data first. Safe to run more than once. Refuses to run when DEBUG is off, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Also run when DEBUG is off (never on a live site).")
        parser.add_argument("--seed", type=int, default=2013, help="Seed of the generator (default 2013).")

    def handle(self, *args, force=False, seed=2013, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo data is for development only: DEBUG is off. Use --force if you are sure.")
        counts = demo.load(seed=seed)
        self.stdout.write(
            "Demo knowledge: {questions} questions, {guides} guides, {articles} articles, {comments} comments "
            "created.".format(**counts)
        )
