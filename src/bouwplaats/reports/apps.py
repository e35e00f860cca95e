from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "bouwplaats.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from bouwplaats.accounts.management_links import register_management_link

        from .reviews.permissions import can_edit_reviews

        # Gateway reviews: staff add and edit them from the management menus; everyone reads them.
        register_management_link(_("Gateway reviews"), "reports:reviews:index", position=40, visible=can_edit_reviews)
