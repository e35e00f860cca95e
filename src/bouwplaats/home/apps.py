# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "bouwplaats.home"
    verbose_name = _("My municipality")

    def ready(self) -> None:
        from bouwplaats.accounts.landing import register_landing

        from .selectors import landing_url

        # After logging in: programme staff on the programme overview, members of a municipality here.
        register_landing(landing_url, position=10)
