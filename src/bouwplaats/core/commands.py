# SPDX-License-Identifier: EUPL-1.2
"""A base for management commands that send e-mails through a task, for cron or Celery."""

from django.core.management.base import BaseCommand


class MailingCommand(BaseCommand):
    """Runs ``task`` here (and reports its result), or with ``--queue`` hands it to the workers.

    ``task`` is a Celery task taking ``base_url``; set ``queued_message`` and write ``report``.
    """

    task = None
    queued_message = ""

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
            self.task.delay(base_url=base_url)
            self.stdout.write(self.queued_message)
            return
        self.report(self.task(base_url=base_url))

    def report(self, result) -> None:
        raise NotImplementedError
