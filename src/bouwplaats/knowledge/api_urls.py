# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import ArticleViewSet, CommentViewSet, GuideViewSet, QuestionViewSet

router = Router()
router.register("knowledge/questions", QuestionViewSet, basename="knowledge-question")
router.register("knowledge/guides", GuideViewSet, basename="knowledge-guide")
router.register("knowledge/articles", ArticleViewSet, basename="knowledge-article")
router.register("knowledge/comments", CommentViewSet, basename="knowledge-comment")

urlpatterns = router.urls
