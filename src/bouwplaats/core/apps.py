from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plumbing without domain knowledge that two or more apps use; below every domain app."""

    name = "bouwplaats.core"
    verbose_name = _("Core")

    def ready(self):
        from django.core.signals import request_finished

        from .fragments import run_renders_behind
        from .logs import connect_celery_signals

        request_finished.connect(run_renders_behind, dispatch_uid="bouwplaats.core.fragments.behind")
        connect_celery_signals()
