from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "bouwplaats.knowledge"
    verbose_name = _("Knowledge centre")

    def ready(self) -> None:
        from bouwplaats.monitor.extensions import register_progress_column
        from bouwplaats.notifications.registry import register_followable

        from . import permissions
        from .comments import register_commentable
        from .guides.monitor_column import COLUMN
        from .models import Article, Question

        register_commentable(
            Article,
            is_open=lambda article: article.is_published and article.comments_open,
            can_view=permissions.can_view_article,
        )
        register_followable(Question, can_follow=permissions.can_view_question)
        register_followable(Article, can_follow=permissions.can_view_article)
        register_progress_column(COLUMN)
