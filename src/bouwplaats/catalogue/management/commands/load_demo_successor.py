# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.catalogue import demo


class Command(BaseCommand):
    help = (
        "Close Operatie NUP on 1 January 2015 and start its demo successor, 'Operatie NUP — tweede helft', "
        "which takes over the status ladder, the building blocks with each municipality's status, the result "
        "agreements and the guides, becomes the current programme and gets three newer building blocks. Run the "
        "other demo loaders first. Running it again changes nothing. Refuses to run when DEBUG is off, unless "
        "--force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Also run when DEBUG is off (never on a live site).")

    def handle(self, *args, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo data is for development only: DEBUG is off. Use --force if you are sure.")
        result = demo.load()
        if result["skipped"]:
            if result["reason"] == "exists":
                self.stdout.write("The demo successor is already present: nothing to do.")
            else:
                self.stdout.write("There is no Operatie NUP: run load_reference_data first.")
            return
        copied = ", ".join(f"{part} {count}" for part, count in result["copied"].items())
        self.stdout.write(
            f"Operatie NUP closed; {result['successor'].name} started (taken over: {copied}; "
            f"{result['added']} new building blocks)."
        )
