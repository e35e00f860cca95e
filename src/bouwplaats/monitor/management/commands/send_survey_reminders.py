# SPDX-License-Identifier: EUPL-1.2
"""Send the reminders of the open survey rounds (for cron): at most one per municipality per day."""

from bouwplaats.core.commands import MailingCommand
from bouwplaats.monitor.surveys.tasks import send_survey_reminders


class Command(MailingCommand):
    help = "E-mail the coordinators of municipalities that have not answered an open survey round."
    task = send_survey_reminders
    queued_message = "Queued the survey reminders."

    def report(self, results) -> None:
        if not results:
            self.stdout.write("No survey round is open.")
        for pk, counts in results.items():
            self.stdout.write(
                f"Survey round {pk}: reminded {counts['municipalities']} municipalities "
                f"({counts['emails']} e-mails, {counts['recipients']} coordinators); "
                f"already reminded today {counts['already_reminded_today']}, "
                f"without a coordinator {counts['without_coordinator']}."
            )
