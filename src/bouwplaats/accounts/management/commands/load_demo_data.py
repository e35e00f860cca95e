# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.accounts import demo


class Command(BaseCommand):
    help = (
        "Create demo accounts (administrator, programme staff, coordinator of Amsterdam, supplier "
        "representative, a member with a pending request for Utrecht) with a fixed, printed password. "
        "Safe to run more than once. Refuses to run when DEBUG is off, unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Also run when DEBUG is off (never on a live site).")

    def handle(self, *args, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo data is for development only: DEBUG is off. Use --force if you are sure.")
        result = demo.demo_accounts_load(allowed=True)
        for code in result["skipped_municipalities"]:
            self.stderr.write(
                self.style.WARNING(
                    f"Municipality {code} not found: skipped its demo membership. Run load_reference_data first."
                )
            )
        created = len(result["users"])
        self.stdout.write(f"Demo accounts: {created} created, {len(demo.DEMO_ACCOUNTS) - created} already present.")
        self.stdout.write(f"Demo memberships: {len(result['memberships'])} created.")
        self.stdout.write("")
        for email, full_name, _role, _organisation in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"Demo login: {email} / {demo.DEMO_PASSWORD}   ({full_name})")
        self.stdout.write(self.style.WARNING("These passwords are public: never load demo data on a live site."))
