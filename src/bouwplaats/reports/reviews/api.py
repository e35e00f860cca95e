# SPDX-License-Identifier: EUPL-1.2
"""The Gateway review API: reviews with their status per result agreement and recommendations.

Everyone may read. Programme staff may write (session or token); writes go through the services,
the serializers below only parse the input (a programme by its short name, result agreements by
their number within the programme).
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bouwplaats.catalogue.models import Programme, ResultAgreement

from ..review_models import (
    NOTE_MAX_LENGTH,
    OWNER_MAX_LENGTH,
    REASON_MAX_LENGTH,
    RECOMMENDATION_MAX_LENGTH,
    REVIEWERS_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AgreementRating,
    FollowUp,
    GatewayReview,
    Rag,
    Recommendation,
)
from . import selectors, services
from .filters import GatewayReviewFilter, RecommendationFilter
from .permissions import can_edit_reviews


class ReviewEditorOrReadOnly(permissions.BasePermission):
    """Reading is public; writing is for programme staff (the services check again)."""

    message = gettext_lazy("Only programme staff may enter and change Gateway reviews.")

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or can_edit_reviews(request.user)


# --- read serializers ---------------------------------------------------------------------------


class AgreementRatingSerializer(serializers.ModelSerializer):
    result_agreement = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("The id of the result agreement; null when it has left the catalogue."),
    )
    agreement_number = serializers.IntegerField(
        read_only=True, help_text=gettext_lazy("Its number at the time of the review.")
    )
    agreement_title = serializers.CharField(
        read_only=True, help_text=gettext_lazy("Its title at the time of the review.")
    )

    class Meta:
        model = AgreementRating
        fields = ["result_agreement", "agreement_number", "agreement_title", "status", "reason"]


class RecommendationSerializer(serializers.ModelSerializer):
    review = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "review", "number", "text", "owner", "due_date", "follow_up", "follow_up_note"]


class GatewayReviewSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    ratings = AgreementRatingSerializer(many=True, read_only=True)
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = GatewayReview
        fields = [
            "id",
            "programme",
            "title",
            "review_date",
            "reviewers",
            "overall_status",
            "overall_reason",
            "summary",
            "is_demo",
            "ratings",
            "recommendations",
        ]


class AgreementChangeSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    previous_status = serializers.ChoiceField(
        choices=Rag.choices, allow_null=True, source="previous.status", default=None
    )
    status = serializers.ChoiceField(choices=Rag.choices, allow_null=True, source="current.status", default=None)
    change = serializers.ChoiceField(choices=selectors.Change.choices)
    in_catalogue = serializers.BooleanField(
        help_text=gettext_lazy("False when the agreement has left the catalogue since the review.")
    )


class GatewayReviewDetailSerializer(GatewayReviewSerializer):
    """A review with what changed since the review before it."""

    previous_review = serializers.SerializerMethodField(
        help_text=gettext_lazy("The id of the programme's review before this one; null for the first.")
    )
    changes = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Per result agreement of the programme: its status in the previous review and in this one."
        )
    )

    class Meta(GatewayReviewSerializer.Meta):
        fields = [*GatewayReviewSerializer.Meta.fields, "previous_review", "changes"]

    def get_previous_review(self, review) -> int | None:
        previous = self.context["page"].previous
        return previous.pk if previous is not None else None

    @extend_schema_field(AgreementChangeSerializer(many=True))
    def get_changes(self, review) -> list[dict]:
        return AgreementChangeSerializer(self.context["page"].changes, many=True).data


# --- write serializers (parse input only) ----------------------------------------------------------


class GatewayReviewUpdateSerializer(serializers.Serializer):
    """Changes to a review; the service checks the date and the texts."""

    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    review_date = serializers.DateField()
    reviewers = serializers.CharField(max_length=REVIEWERS_MAX_LENGTH)
    overall_status = serializers.ChoiceField(choices=Rag.choices)
    overall_reason = serializers.CharField(max_length=REASON_MAX_LENGTH)
    summary = serializers.CharField(max_length=SUMMARY_MAX_LENGTH, required=False, allow_blank=True)


class GatewayReviewWriteSerializer(GatewayReviewUpdateSerializer):
    """A review to enter; ``programme`` is the programme's short name."""

    programme = serializers.SlugRelatedField(slug_field="slug", queryset=Programme.objects.all())


class RatingWriteSerializer(serializers.Serializer):
    agreement = serializers.IntegerField(
        min_value=1, help_text=gettext_lazy("The number of a result agreement of the review's programme.")
    )
    status = serializers.ChoiceField(choices=Rag.choices)
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH, allow_blank=True)


class RatingsWriteSerializer(serializers.Serializer):
    ratings = RatingWriteSerializer(
        many=True,
        help_text=gettext_lazy(
            "The status of each rated result agreement; an agreement left out is not rated in this review."
        ),
    )

    def resolve(self, review: GatewayReview) -> dict[ResultAgreement, tuple[str, str]]:
        """The ratings by result agreement, as the service takes them; 400 for an unknown or repeated number."""
        agreements = {agreement.number: agreement for agreement in selectors.agreements_to_rate(review.programme)}
        ratings: dict[ResultAgreement, tuple[str, str]] = {}
        for item in self.validated_data["ratings"]:
            agreement = agreements.get(item["agreement"])
            if agreement is None:
                raise serializers.ValidationError(
                    {
                        "ratings": _("%(programme)s has no result agreement %(number)s.")
                        % {"programme": review.programme.name, "number": item["agreement"]}
                    }
                )
            if agreement in ratings:
                raise serializers.ValidationError(
                    {"ratings": _("Result agreement %(number)s is given twice.") % {"number": agreement.number}}
                )
            ratings[agreement] = (item["status"], item["reason"])
        return ratings


class RecommendationUpdateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=RECOMMENDATION_MAX_LENGTH)
    owner = serializers.CharField(max_length=OWNER_MAX_LENGTH)
    due_date = serializers.DateField()
    follow_up = serializers.ChoiceField(choices=FollowUp.choices)
    follow_up_note = serializers.CharField(max_length=NOTE_MAX_LENGTH, required=False, allow_blank=True)


class RecommendationWriteSerializer(RecommendationUpdateSerializer):
    """A recommendation to add to ``review``; its follow-up is "open" unless given."""

    review = serializers.PrimaryKeyRelatedField(queryset=GatewayReview.objects.all())
    follow_up = serializers.ChoiceField(choices=FollowUp.choices, required=False)


# --- viewsets ------------------------------------------------------------------------------------

_WRITE_ERRORS = {400: OpenApiResponse(description="Invalid input"), 403: OpenApiResponse(description="Not staff")}


def _review_detail(request, review: GatewayReview, status_code=status.HTTP_200_OK) -> Response:
    page = selectors.review_page(programme=review.programme, pk=review.pk)
    return Response(
        GatewayReviewDetailSerializer(page.review, context={"page": page, "request": request}).data, status=status_code
    )


@extend_schema_view(
    list=extend_schema(
        summary="List Gateway reviews",
        description="Reviews with their status per result agreement and their recommendations, newest first.",
    ),
    retrieve=extend_schema(
        summary="Read a Gateway review",
        description="A review with what changed since the programme's review before it.",
        responses={200: GatewayReviewDetailSerializer},
    ),
    create=extend_schema(
        summary="Enter a Gateway review (programme staff)",
        request=GatewayReviewWriteSerializer,
        responses={201: GatewayReviewDetailSerializer, **_WRITE_ERRORS},
    ),
    update=extend_schema(
        summary="Replace a Gateway review's own fields (programme staff)",
        request=GatewayReviewUpdateSerializer,
        responses={200: GatewayReviewDetailSerializer, **_WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change a Gateway review (programme staff)",
        request=GatewayReviewUpdateSerializer,
        responses={200: GatewayReviewDetailSerializer, **_WRITE_ERRORS},
    ),
)
class GatewayReviewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Gateway reviews of the programmes: overall status, status per result agreement, recommendations."""

    serializer_class = GatewayReviewSerializer
    permission_classes = [ReviewEditorOrReadOnly]
    filterset_class = GatewayReviewFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.reviews_for_api()

    def _review(self) -> GatewayReview:
        return get_object_or_404(GatewayReview.objects.select_related("programme"), pk=self.kwargs["pk"])

    def retrieve(self, request, *args, **kwargs):
        return _review_detail(request, self._review())

    def create(self, request, *args, **kwargs):
        parser = GatewayReviewWriteSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        review = services.gateway_review_create(actor=request.user, **parser.validated_data)
        return _review_detail(request, review, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        review = self._review()
        parser = GatewayReviewUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        parser.is_valid(raise_exception=True)
        review = services.gateway_review_update(actor=request.user, review=review, **parser.validated_data)
        return _review_detail(request, review)

    @extend_schema(
        summary="Set the status per result agreement (programme staff)",
        description=(
            "Replaces the review's status per result agreement: each agreement is given by its number "
            "within the programme; an agreement left out is not rated. A status needs a reason."
        ),
        request=RatingsWriteSerializer,
        responses={200: GatewayReviewDetailSerializer, **_WRITE_ERRORS},
    )
    @action(detail=True, methods=["put"], serializer_class=RatingsWriteSerializer)
    def ratings(self, request, pk=None):
        review = self._review()
        parser = RatingsWriteSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        services.agreement_ratings_update(actor=request.user, review=review, ratings=parser.resolve(review))
        return _review_detail(request, review)


@extend_schema_view(
    list=extend_schema(summary="List recommendations of Gateway reviews", description="With their follow-up."),
    retrieve=extend_schema(summary="Read a recommendation of a Gateway review"),
    create=extend_schema(
        summary="Add a recommendation to a Gateway review (programme staff)",
        request=RecommendationWriteSerializer,
        responses={201: RecommendationSerializer, **_WRITE_ERRORS},
    ),
    update=extend_schema(
        summary="Replace a recommendation (programme staff)",
        request=RecommendationUpdateSerializer,
        responses={200: RecommendationSerializer, **_WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change a recommendation or record its follow-up (programme staff)",
        description="A dropped recommendation needs a note that says why.",
        request=RecommendationUpdateSerializer,
        responses={200: RecommendationSerializer, **_WRITE_ERRORS},
    ),
)
class GatewayRecommendationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = RecommendationSerializer
    permission_classes = [ReviewEditorOrReadOnly]
    filterset_class = RecommendationFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.recommendations_for_api()

    def create(self, request, *args, **kwargs):
        parser = RecommendationWriteSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        recommendation = services.recommendation_create(actor=request.user, **parser.validated_data)
        return Response(RecommendationSerializer(recommendation).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        recommendation = self.get_object()
        parser = RecommendationUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        parser.is_valid(raise_exception=True)
        recommendation = services.recommendation_update(
            actor=request.user, recommendation=recommendation, **parser.validated_data
        )
        return Response(RecommendationSerializer(recommendation).data)
