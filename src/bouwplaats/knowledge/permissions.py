# SPDX-License-Identifier: EUPL-1.2
"""Who may do what in the knowledge centre (design.md §7): members ask and comment, staff answer,
publish and moderate, coordinators tick guide steps for their own municipality."""

from django.utils.translation import gettext as _

from bouwplaats.accounts.permissions import is_authenticated, is_coordinator_of, is_programme_staff, require

from .models import QuestionStatus


def can_view_question(user, question) -> bool:
    """Published questions are public; others only for their asker and programme staff."""
    if question.status == QuestionStatus.PUBLISHED:
        return True
    return is_programme_staff(user) or (is_authenticated(user) and question.asker_id == user.pk)


def can_ask_question(user) -> bool:
    return is_authenticated(user)


def can_triage_questions(user) -> bool:
    return is_programme_staff(user)


def can_view_article(user, article) -> bool:
    return article.is_published or is_programme_staff(user)


def can_edit_articles(user) -> bool:
    return is_programme_staff(user)


def can_edit_guides(user) -> bool:
    return is_programme_staff(user)


def can_tick_steps(user, municipality) -> bool:
    return is_programme_staff(user) or is_coordinator_of(user, municipality)


def can_view_insight(user) -> bool:
    return is_programme_staff(user)


def require_asker(user) -> None:
    require(can_ask_question(user), _("Log in to ask a question."))


def require_triager(user) -> None:
    require(can_triage_questions(user), _("Only programme staff may handle questions."))


def require_question_viewer(user, question) -> None:
    require(can_view_question(user, question), _("This question is not published."))


def require_article_editor(user) -> None:
    require(can_edit_articles(user), _("Only programme staff may write articles."))


def require_guide_editor(user) -> None:
    require(can_edit_guides(user), _("Only programme staff may publish guides."))


def require_step_ticker(user, municipality) -> None:
    require(
        can_tick_steps(user, municipality),
        _("Only programme staff and the coordinators of %(name)s may tick its steps.") % {"name": municipality.name},
    )


def require_insight_viewer(user) -> None:
    require(can_view_insight(user), _("Only programme staff may see what municipalities ask."))
