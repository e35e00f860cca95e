from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plumbing without domain knowledge that two or more apps use; below every domain app."""

    name = "bouwplaats.core"
    verbose_name = _("Core")
