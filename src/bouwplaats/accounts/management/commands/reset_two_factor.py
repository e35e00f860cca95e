# SPDX-License-Identifier: EUPL-1.2
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.accounts import selectors, services


class Command(BaseCommand):
    help = (
        "Reset the two-factor sign-in of the account with this e-mail address (its app and recovery "
        "codes are removed; staff set up a new app at their next sign-in). For when no administrator "
        "can sign in to do it on the user's role page. Audited as done by the system."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The e-mail address of the account.")

    def handle(self, *args, email, **options):
        user = selectors.active_user_by_email(email)
        if user is None:
            raise CommandError(f"No active account has the e-mail address {email}.")
        try:
            services.second_factor_reset(actor=None, user=user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"The two-factor sign-in of {user.email} has been reset.")
