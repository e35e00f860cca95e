# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CocreationConfig(AppConfig):
    name = "bouwplaats.cocreation"
    verbose_name = _("Co-creation")

    def ready(self):
        from bouwplaats.knowledge.comments import register_commentable
        from bouwplaats.notifications.registry import register_followable

        from .models import Consultation, Idea, IdeaStatus

        # Ideas and consultations are public, so anyone signed in may follow them.
        register_followable(Idea)
        register_followable(Consultation)
        # Members discuss ideas; a closed idea (realised or declined) keeps its discussion readable.
        register_commentable(Idea, is_open=lambda idea: idea.status not in (IdeaStatus.REALISED, IdeaStatus.DECLINED))
