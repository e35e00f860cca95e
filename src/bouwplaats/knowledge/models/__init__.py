# SPDX-License-Identifier: EUPL-1.2
"""Models of the knowledge centre: comments, questions and answers, guides, articles."""

from .articles import Article
from .comments import Comment, CommentReport
from .guides import Guide, GuideStep, GuideVersion, StepCompletion
from .questions import Answer, Question, QuestionStatus, Theme

__all__ = [
    "Answer",
    "Article",
    "Comment",
    "CommentReport",
    "Guide",
    "GuideStep",
    "GuideVersion",
    "Question",
    "QuestionStatus",
    "StepCompletion",
    "Theme",
]
