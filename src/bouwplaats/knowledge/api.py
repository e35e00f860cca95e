# SPDX-License-Identifier: EUPL-1.2
"""The knowledge API: questions (published, plus one's own), guides with steps, articles, comments.

Reads follow the same visibility as the pages; asking a question and posting a comment go through
the services (login required: anonymous requests get 403).
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.core.api import ConditionalMixin, list_response, request_data
from bouwplaats.core.fragments import cached_fragment

from .articles import selectors as article_selectors
from .comments import selectors as comment_selectors
from .comments import services as comment_services
from .comments.permissions import can_moderate_comments, can_view_subject
from .comments.registry import find_subject
from .guides import selectors as guide_selectors
from .models import Article, Comment, Question, Theme
from .models.comments import MAX_COMMENT_LENGTH
from .models.questions import MAX_QUESTION_LENGTH
from .questions import selectors as question_selectors
from .questions import services as question_services
from .selectors import current_blocks
from .stemming import terms as search_terms

# --- questions ---------------------------------------------------------------------------------


def _plain(data):
    """Serializer output as plain dicts and lists, so that it can be cached."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    return data


class AnswerSerializer(serializers.Serializer):
    body = serializers.CharField(read_only=True, help_text=gettext_lazy("Markdown."))
    accepted = serializers.BooleanField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class QuestionSerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    building_blocks = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    answer = serializers.SerializerMethodField()
    tags = serializers.ListField(source="tag_list", child=serializers.CharField(), read_only=True)
    status = serializers.CharField(
        read_only=True, help_text=gettext_lazy("new, assigned, answered, published, closed or merged.")
    )

    class Meta:
        model = Question
        fields = [
            "id", "title", "body", "status", "theme", "building_blocks", "tags", "answer",
            "created_at", "answered_at", "published_at", "duplicate_of", "is_demo",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(AnswerSerializer(allow_null=True))
    def get_answer(self, obj):
        answer = getattr(obj, "answer", None)
        return AnswerSerializer(answer).data if answer else None


class AskSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=MAX_QUESTION_LENGTH, required=False, allow_blank=True, default="")
    theme = serializers.SlugRelatedField(
        slug_field="slug", queryset=Theme.objects.all(), required=False, allow_null=True
    )
    building_blocks = serializers.SlugRelatedField(
        slug_field="code", queryset=BuildingBlock.objects.none(), many=True, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only for input: the schema generator builds the serializer without data, and maybe without tables.
        if hasattr(self, "initial_data"):
            self.fields["building_blocks"].child_relation.queryset = current_blocks()


class SimilarSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")


_question_filters = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Full-text search (published questions and answers)."),
    OpenApiParameter("buildingBlock", OpenApiTypes.STR, description="Building block code."),
    OpenApiParameter("theme", OpenApiTypes.STR, description="Theme slug."),
]


def _is_search(params) -> bool:
    return any(params.get(name) for name in ("q", "buildingBlock", "theme"))


class QuestionViewSet(ConditionalMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published questions with their answers; a member also sees their own, staff all of them."""

    serializer_class = QuestionSerializer
    filter_backends = []

    def get_queryset(self):
        params = self.request.query_params
        if self.action == "list" and _is_search(params):
            code, slug = params.get("buildingBlock", ""), params.get("theme", "")
            block = current_blocks().filter(code=code).first() if code else None
            theme = Theme.objects.filter(slug=slug).first() if slug else None
            if (code and block is None) or (slug and theme is None):
                return Question.objects.none()  # an unknown filter matches nothing, rather than being dropped
            return question_selectors.faq(text=params.get("q", ""), building_block=block, theme=theme)
        queryset = question_selectors.visible_questions(self.request.user).select_related("theme", "answer")
        return queryset.prefetch_related("building_blocks").order_by("-created_at", "-pk")

    @extend_schema(parameters=_question_filters)
    def list(self, request, *args, **kwargs):
        params = request.query_params
        if not _is_search(params):
            return super().list(request, *args, **kwargs)  # may include the user's own questions
        # A search shows published questions only, the same for everyone: cached per data version (ADR 6).
        query = sorted((key, value) for key, value in params.lists())
        data = cached_fragment(
            "knowledge.api.faq",
            (question_selectors.faq_version(request), query),
            lambda: _plain(super(QuestionViewSet, self).list(request, *args, **kwargs).data),
        )
        return list_response(data)

    @extend_schema(request=AskSerializer, responses={201: QuestionSerializer})
    def create(self, request, *args, **kwargs):
        question = question_services.question_ask(asker=request.user, **request_data(AskSerializer, request))
        return Response(QuestionSerializer(question).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="The draft question.")],
        responses=SimilarSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def similar(self, request):
        """Published questions similar to a draft (any of its words), best first."""
        text = request.query_params.get("q", "")[:500]
        data = cached_fragment(
            "knowledge.api.similar",
            (question_selectors.faq_version(request), search_terms(text)),
            lambda: [
                dict(row) for row in SimilarSerializer(question_selectors.similar_questions(text), many=True).data
            ],
        )
        return Response(data)


QuestionViewSet.http_method_names = ["get", "post", "head", "options"]


# --- guides ------------------------------------------------------------------------------------


class GuideStepSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField(help_text=gettext_lazy("Markdown."))
    level = serializers.CharField(source="level.code")
    level_name = serializers.CharField(source="level.name")


class GuideSerializer(serializers.Serializer):
    building_block = serializers.CharField(source="guide.building_block.code")
    building_block_name = serializers.CharField(source="guide.building_block.name")
    version = serializers.IntegerField(source="version.number", allow_null=True)
    published_at = serializers.DateTimeField(source="version.published_at", allow_null=True)
    step_count = serializers.IntegerField()


class GuideDetailSerializer(GuideSerializer):
    introduction = serializers.CharField(source="version.introduction")
    steps = GuideStepSerializer(many=True)


class GuideViewSet(viewsets.ViewSet):
    """Guides per building block: the current version with its steps along the status ladder."""

    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    @extend_schema(responses=GuideSerializer(many=True))
    def list(self, request):
        summaries = guide_selectors.guide_summaries(current_blocks())
        return Response(GuideSerializer(summaries, many=True).data)

    @extend_schema(responses=GuideDetailSerializer)
    def retrieve(self, request, code=None):
        summary = next((s for s in guide_selectors.guide_summaries(current_blocks().filter(code=code))), None)
        if summary is None or summary.version is None:
            raise Http404(_("There is no guide for this building block."))
        summary.steps = guide_selectors.steps_of(summary.version)
        return Response(GuideDetailSerializer(summary).data)


# --- articles ----------------------------------------------------------------------------------


class ArticleSerializer(serializers.ModelSerializer):
    building_blocks = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Article
        fields = [
            "slug", "title", "lead", "body", "author_name", "publication_date", "building_blocks",
            "is_published", "comments_open", "is_demo",
        ]  # fmt: skip
        read_only_fields = fields


class ArticleViewSet(ConditionalMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published articles (staff also see drafts)."""

    serializer_class = ArticleSerializer
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        return article_selectors.articles_for(self.request.user)


# --- comments ----------------------------------------------------------------------------------


class CommentSerializer(serializers.ModelSerializer):
    subject = serializers.CharField(source="subject_type.model_class._meta.label_lower", read_only=True)
    author = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField(help_text=gettext_lazy("Markdown; empty (null) when hidden."))
    hidden = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "subject", "subject_id", "parent", "author", "body", "created_at", "hidden", "hidden_reason"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_author(self, obj):
        return obj.author.full_name

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body(self, obj):
        if obj.is_hidden and not can_moderate_comments(self.context["request"].user):
            return None
        return obj.body

    @extend_schema_field(serializers.BooleanField())
    def get_hidden(self, obj):
        return obj.is_hidden


class PostCommentSerializer(serializers.Serializer):
    subject = serializers.CharField(help_text=gettext_lazy("The subject's type, e.g. knowledge.article."))
    subject_id = serializers.IntegerField()
    parent = serializers.IntegerField(required=False, allow_null=True)
    body = serializers.CharField(max_length=MAX_COMMENT_LENGTH)


class CommentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Comments on one subject (``subject`` and ``subjectId`` are required), oldest first."""

    serializer_class = CommentSerializer
    filter_backends = []

    def _subject(self, label, subject_id):
        subject = find_subject(label or "", subject_id)
        if subject is None or not can_view_subject(self.request.user, subject):
            raise Http404(_("There is nothing to comment on here."))
        return subject

    def get_queryset(self):
        params = self.request.query_params
        return comment_selectors.public_comments(self._subject(params.get("subject"), params.get("subjectId")))

    @extend_schema(
        parameters=[
            OpenApiParameter("subject", OpenApiTypes.STR, required=True, description="e.g. knowledge.article"),
            OpenApiParameter("subjectId", OpenApiTypes.INT, required=True),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=PostCommentSerializer, responses={201: CommentSerializer})
    def create(self, request, *args, **kwargs):
        data = request_data(PostCommentSerializer, request)
        subject = find_subject(data["subject"], data["subject_id"])
        if subject is None:
            raise Http404(_("There is nothing to comment on here."))
        parent = Comment.objects.filter(pk=data["parent"]).first() if data.get("parent") else None
        if data.get("parent") and parent is None:
            raise serializers.ValidationError({"parent": _("The comment you replied to no longer exists.")})
        comment = comment_services.comment_post(author=request.user, subject=subject, body=data["body"], parent=parent)
        return Response(CommentSerializer(comment, context={"request": request}).data, status=status.HTTP_201_CREATED)
