# SPDX-License-Identifier: EUPL-1.2
"""Send the daily notification e-mail (for cron); running it twice sends nothing new."""

from bouwplaats.core.commands import MailingCommand
from bouwplaats.notifications.tasks import send_notification_digest


class Command(MailingCommand):
    help = "E-mail everyone who chose one e-mail a day the notifications that were not e-mailed yet."
    task = send_notification_digest
    queued_message = "Queued the daily notification e-mail."

    def report(self, result) -> None:
        self.stdout.write(
            f"Sent {result['emails']} daily e-mails with {result['notifications']} notifications in total."
        )
