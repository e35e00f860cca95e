from rest_framework.routers import SimpleRouter

from .api import ArticleViewSet, CommentViewSet, GuideViewSet, QuestionViewSet

router = SimpleRouter(trailing_slash=True)
router.register("knowledge/questions", QuestionViewSet, basename="knowledge-question")
router.register("knowledge/guides", GuideViewSet, basename="knowledge-guide")
router.register("knowledge/articles", ArticleViewSet, basename="knowledge-article")
router.register("knowledge/comments", CommentViewSet, basename="knowledge-comment")

urlpatterns = router.urls
