"""Send the reminders of the open survey rounds (for cron): at most one per municipality per day."""

from django.core.management.base import BaseCommand

from bouwplaats.monitor.surveys.tasks import send_survey_reminders


class Command(BaseCommand):
    help = "E-mail the coordinators of municipalities that have not answered an open survey round."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=None,
            help="The site's address for the links in the e-mails, e.g. https://bouwplaats.example.org "
            "(default: the SITE_BASE_URL setting).",
        )
        parser.add_argument("--queue", action="store_true", help="Hand the work to the Celery workers.")

    def handle(self, *args, base_url=None, queue=False, **options):
        if queue:
            send_survey_reminders.delay(base_url=base_url)
            self.stdout.write("Queued the survey reminders.")
            return
        results = send_survey_reminders(base_url=base_url)
        if not results:
            self.stdout.write("No survey round is open.")
        for pk, counts in results.items():
            self.stdout.write(
                f"Survey round {pk}: reminded {counts['municipalities']} municipalities "
                f"({counts['emails']} e-mails, {counts['recipients']} coordinators); "
                f"already reminded today {counts['already_reminded_today']}, "
                f"without a coordinator {counts['without_coordinator']}."
            )
