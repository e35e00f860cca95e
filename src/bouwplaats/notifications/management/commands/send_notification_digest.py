"""Send the daily notification e-mail (for cron); running it twice sends nothing new."""

from django.core.management.base import BaseCommand

from bouwplaats.notifications.tasks import send_notification_digest


class Command(BaseCommand):
    help = "E-mail everyone who chose one e-mail a day the notifications that were not e-mailed yet."

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
            send_notification_digest.delay(base_url=base_url)
            self.stdout.write("Queued the daily notification e-mail.")
            return
        result = send_notification_digest(base_url=base_url)
        self.stdout.write(
            f"Sent {result['emails']} daily e-mails with {result['notifications']} notifications in total."
        )
