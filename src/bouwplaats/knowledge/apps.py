# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "bouwplaats.knowledge"
    verbose_name = _("Knowledge centre")

    def ready(self) -> None:
        from bouwplaats.catalogue.succession import register_part
        from bouwplaats.monitor.extensions import register_progress_column
        from bouwplaats.notifications.registry import register_followable

        from . import permissions
        from .comments import register_commentable
        from .guides.monitor_column import COLUMN
        from .guides.services import guides_copy
        from .models import Article, Question
        from .questions.services import open_questions_relink

        register_commentable(
            Article,
            is_open=lambda article: article.is_published and article.comments_open,
            can_view=permissions.can_view_article,
        )
        register_followable(Question, can_follow=permissions.can_view_question)
        register_followable(Article, can_follow=permissions.can_view_article)
        register_progress_column(COLUMN)
        # What a successor programme can take over of the knowledge centre.
        register_part(
            "guides",
            _("Guides"),
            guides_copy,
            position=50,
            requires=("status_levels", "building_blocks"),
            help_text=_("The current version of each guide, with its steps; municipalities tick the steps anew."),
        )
        register_part(
            "open_questions",
            _("Open questions"),
            open_questions_relink,
            position=60,
            requires=("building_blocks",),
            help_text=_("Questions not yet answered are linked to the successor's building blocks as well."),
        )
