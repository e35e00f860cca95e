# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bouwplaats.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import two_factor

        two_factor.connect_signals()
