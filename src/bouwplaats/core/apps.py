# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plumbing without domain knowledge that two or more apps use; below every domain app."""

    name = "bouwplaats.core"
    verbose_name = _("Core")

    def ready(self):
        from . import private_media
        from .api import use_optional_urls
        from .jobs import can_view_job
        from .logs import connect_celery_signals
        from .models import JOB_FOLDER, Job

        connect_celery_signals()
        use_optional_urls()  # the API answers null for an absent URL, not ""
        # A job's files (the upload it reads, the file it made) are for whom may follow the job.
        private_media.register(Job, "input_file", can_view=can_view_job, prefix=JOB_FOLDER)
        private_media.register(Job, "result_file", can_view=can_view_job, prefix=JOB_FOLDER)
