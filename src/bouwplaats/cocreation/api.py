# SPDX-License-Identifier: EUPL-1.2
"""The co-creation API: ideas with vote counts, voting, proposing; consultations, results and ballots.

Reading is public, except the results of a consultation before it closes (403 for everyone).
Writing needs a signed-in member (403 otherwise); the services check each permission again.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from bouwplaats.audit.selectors import data_version
from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.catalogue.selectors import programme_or_current
from bouwplaats.core.api import list_response, request_data
from bouwplaats.core.fragments import cached_fragment
from bouwplaats.organisations.selectors import municipality_on

from . import permissions, selectors, services
from .filters import IdeaFilter
from .models import (
    ADDED_VALUE_MAX_LENGTH,
    CLOSING_REASON_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    THEME_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Consultation,
    Idea,
    IdeaStatusChange,
    Option,
)


def _programme_municipality(programme, code: str):
    """The programme's municipality with CBS ``code``; a 400 on the municipality field when there is none."""
    municipality = municipality_on(code, on=programme.reference_date)
    if municipality is None:
        raise serializers.ValidationError(
            {"municipality": _("This is not one of the municipalities of the programme.")}
        )
    return municipality


# --- ideas ----------------------------------------------------------------------------------


class IdeaStatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = IdeaStatusChange
        fields = ["from_status", "to_status", "note", "changed_at"]


class IdeaSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    building_block = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    municipality = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text=gettext_lazy("The proposer's municipality.")
    )
    proposer = serializers.CharField(source="proposer.full_name", read_only=True)
    vote_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Idea
        fields = [
            "id",
            "programme",
            "building_block",
            "theme",
            "title",
            "description",
            "added_value",
            "proposer",
            "municipality",
            "created_at",
            "status",
            "answer",
            "answered_at",
            "vote_count",
            "is_demo",
        ]
        read_only_fields = fields


class IdeaDetailSerializer(IdeaSerializer):
    history = IdeaStatusChangeSerializer(source="status_changes", many=True, read_only=True)

    class Meta(IdeaSerializer.Meta):
        fields = [*IdeaSerializer.Meta.fields, "history"]
        read_only_fields = fields


class IdeaWriteSerializer(serializers.Serializer):
    """A proposal; the building block and the municipality are given by code."""

    programme = serializers.SlugField(
        required=False, help_text=gettext_lazy("Short name of the programme; the current programme if left out.")
    )
    building_block = serializers.CharField(max_length=40, required=False, allow_blank=True)
    theme = serializers.CharField(max_length=THEME_MAX_LENGTH)
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    description = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH)
    added_value = serializers.CharField(max_length=ADDED_VALUE_MAX_LENGTH)
    municipality = serializers.CharField(
        max_length=6,
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("CBS code of a municipality you coordinate, to propose on its behalf."),
    )

    def validate(self, attrs):
        slug = attrs.pop("programme", None)
        programme = programme_or_current(slug)
        if programme is None:
            raise serializers.ValidationError({"programme": _("There is no programme with this short name.")})
        code = attrs.pop("building_block", "")
        block = None
        if code:
            block = BuildingBlock.objects.filter(programme=programme, code=code).first()
            if block is None:
                raise serializers.ValidationError(
                    {
                        "building_block": _("%(programme)s has no building block with this code.")
                        % {"programme": programme}
                    }
                )
        code = attrs.pop("municipality", "")
        municipality = _programme_municipality(programme, code) if code else None
        return {**attrs, "programme": programme, "building_block": block, "municipality": municipality}


class VoteWriteSerializer(serializers.Serializer):
    municipality = serializers.CharField(
        max_length=6,
        required=False,
        allow_blank=True,
        help_text=gettext_lazy(
            "When votes count per municipality: the CBS code of the municipality you vote for "
            "(needed only when you coordinate more than one)."
        ),
    )


class VoteResultSerializer(serializers.Serializer):
    idea = serializers.IntegerField()
    vote_count = serializers.IntegerField()
    voted = serializers.BooleanField(help_text=gettext_lazy("Whether your (municipality's) vote is counted now."))


@extend_schema_view(
    list=extend_schema(summary="List ideas", description="Ideas with their vote counts, most votes first."),
    retrieve=extend_schema(summary="Read an idea", description="An idea with its official answer and public history."),
    create=extend_schema(
        summary="Propose an idea",
        description="For signed-in members; limited in length and in how many per hour and per day.",
        request=IdeaWriteSerializer,
        responses={
            201: IdeaDetailSerializer,
            400: OpenApiResponse(description="Invalid input or too many ideas"),
            403: OpenApiResponse(description="Not signed in"),
        },
    ),
)
class IdeaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    filterset_class = IdeaFilter

    def get_queryset(self):
        queryset = Idea.objects.select_related("programme", "building_block", "municipality", "proposer").order_by(
            "-vote_count", "-created_at", "-pk"
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("status_changes")
        return queryset

    def get_serializer_class(self):
        return IdeaDetailSerializer if self.action in ("retrieve", "create") else IdeaSerializer

    def list(self, request, *args, **kwargs):
        # A page's data comes from the cache while the data and the query are unchanged (ADR 6):
        # every vote and answer records an audit entry. The full URL is in the key (the ``next``
        # and ``previous`` links name the host); ``cached_fragment`` adds the language.
        data = cached_fragment(
            "cocreation.api.idea_list",
            (data_version(request), request.build_absolute_uri()),
            lambda: super(IdeaViewSet, self).list(request, *args, **kwargs).data,
        )
        return list_response(data)

    def create(self, request, *args, **kwargs):
        idea = services.idea_propose(actor=request.user, **request_data(IdeaWriteSerializer, request))
        return Response(IdeaDetailSerializer(selectors.idea_detail(pk=idea.pk)).data, status=status.HTTP_201_CREATED)

    def _vote_target(self, request):
        idea = get_object_or_404(Idea.objects.select_related("programme"), pk=self.kwargs["pk"])
        code = request_data(VoteWriteSerializer, request).get("municipality", "")
        return idea, _programme_municipality(idea.programme, code) if code else None

    def _vote_state(self, request, idea) -> dict:
        mode = selectors.settings_for(programme=idea.programme).vote_mode
        return {
            "idea": idea.pk,
            "vote_count": Idea.objects.values_list("vote_count", flat=True).get(pk=idea.pk),
            "voted": selectors.own_vote(user=request.user, idea=idea, mode=mode) is not None,
        }

    @extend_schema(
        methods=["POST"],
        summary="Support an idea",
        description=(
            "One vote per member, or one per municipality (cast by a coordinator), as the programme says. "
            "Voting again changes nothing (200)."
        ),
        request=VoteWriteSerializer,
        responses={
            201: VoteResultSerializer,
            200: VoteResultSerializer,
            403: OpenApiResponse(description="Not allowed"),
        },
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Withdraw support",
        request=VoteWriteSerializer,
        responses={200: VoteResultSerializer, 403: OpenApiResponse(description="Not allowed")},
    )
    @action(detail=True, methods=["post", "delete"], serializer_class=VoteResultSerializer)
    def vote(self, request, pk=None):
        idea, municipality = self._vote_target(request)
        if request.method == "DELETE":
            services.idea_unvote(actor=request.user, idea=idea, municipality=municipality)
            return Response(self._vote_state(request, idea))
        _vote, created = services.idea_vote(actor=request.user, idea=idea, municipality=municipality)
        return Response(
            self._vote_state(request, idea), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


# --- consultations --------------------------------------------------------------------------


class OptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Option
        fields = ["id", "position", "label"]


class ConsultationSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    options = OptionSerializer(many=True, read_only=True)
    state = serializers.SerializerMethodField(help_text=gettext_lazy("upcoming, open or closed"))

    class Meta:
        model = Consultation
        fields = [
            "id",
            "programme",
            "title",
            "question",
            "description",
            "opens_at",
            "closes_at",
            "weighting",
            "state",
            "closed_early_at",
            "closing_reason",
            "options",
            "is_demo",
        ]
        read_only_fields = fields

    def get_state(self, obj) -> str:
        if obj.is_closed():
            return "closed"
        return "open" if obj.has_opened() else "upcoming"


class OptionResultSerializer(serializers.Serializer):
    option = OptionSerializer()
    ballots = serializers.IntegerField()
    share = serializers.FloatField(help_text=gettext_lazy("Share of the ballots, in percent."))
    inhabitants = serializers.IntegerField(help_text=gettext_lazy("Inhabitants of the municipalities that chose it."))
    weighted_share = serializers.FloatField(help_text=gettext_lazy("Share of the inhabitants, in percent."))


class ProvinceTurnoutSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    municipalities = serializers.IntegerField()
    ballots = serializers.IntegerField()
    percentage = serializers.FloatField()


class TurnoutSerializer(serializers.Serializer):
    municipalities = serializers.IntegerField()
    ballots = serializers.IntegerField()
    percentage = serializers.FloatField()
    provinces = ProvinceTurnoutSerializer(many=True)


class ResultsSerializer(serializers.Serializer):
    consultation = serializers.IntegerField(source="consultation.pk")
    weighting = serializers.CharField(source="consultation.weighting")
    population_year = serializers.IntegerField()
    options = OptionResultSerializer(many=True)
    turnout = TurnoutSerializer()


class BallotWriteSerializer(serializers.Serializer):
    municipality = serializers.CharField(max_length=6, help_text=gettext_lazy("CBS code, e.g. GM0363."))
    option = serializers.IntegerField(help_text=gettext_lazy("The id of one of the consultation's options."))


class CloseEarlyWriteSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=CLOSING_REASON_MAX_LENGTH,
        help_text=gettext_lazy("Why the consultation closes before its planned end; shown with the results."),
    )


class BallotSerializer(serializers.Serializer):
    consultation = serializers.IntegerField(source="consultation_id")
    municipality = serializers.CharField(source="municipality.code")
    option = serializers.IntegerField(source="option_id")
    cast_at = serializers.DateTimeField()
    changed_at = serializers.DateTimeField(allow_null=True)


@extend_schema_view(
    list=extend_schema(summary="List member consultations"),
    retrieve=extend_schema(summary="Read a member consultation"),
)
class ConsultationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ConsultationSerializer

    def get_queryset(self):
        return Consultation.objects.select_related("programme").prefetch_related("options").order_by("-opens_at", "-pk")

    @extend_schema(
        summary="Results of a member consultation",
        description="Published when the consultation closes; before that 403 for everyone.",
        responses={200: ResultsSerializer, 403: OpenApiResponse(description="Not closed yet")},
    )
    @action(detail=True, methods=["get"], serializer_class=ResultsSerializer)
    def results(self, request, pk=None):
        consultation = self.get_object()
        if not permissions.can_view_results(request.user, consultation):
            raise PermissionDenied(_("The results are published when the consultation closes."))
        # Closed: the ballots can no longer change; cached under the data version (ADR 6).
        data = cached_fragment(
            "cocreation.api.consultation_results",
            (data_version(request), consultation.pk),
            lambda: ResultsSerializer(selectors.results(consultation=consultation)).data,
        )
        return Response(data)

    @extend_schema(
        summary="Cast or change a municipality's ballot",
        description="For a coordinator of the municipality, while the consultation is open. 201 new, 200 changed.",
        request=BallotWriteSerializer,
        responses={
            201: BallotSerializer,
            200: BallotSerializer,
            400: OpenApiResponse(description="Invalid input, or not open"),
            403: OpenApiResponse(description="Not a coordinator of this municipality"),
        },
    )
    @action(detail=True, methods=["post"], serializer_class=BallotSerializer)
    def ballot(self, request, pk=None):
        consultation = self.get_object()
        data = request_data(BallotWriteSerializer, request)
        municipality = _programme_municipality(consultation.programme, data["municipality"])
        option = Option.objects.filter(pk=data["option"]).first()
        if option is None:
            raise serializers.ValidationError({"option": _("Choose one of the options of this consultation.")})
        ballot, created = services.ballot_cast(
            actor=request.user, consultation=consultation, municipality=municipality, option=option
        )
        return Response(
            BallotSerializer(ballot).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(
        summary="Close a member consultation early",
        description=(
            "For programme staff, while the consultation is open: it closes now, ballots can no longer "
            "be cast or changed and the results are published. The reason is required and public."
        ),
        request=CloseEarlyWriteSerializer,
        responses={
            200: ConsultationSerializer,
            400: OpenApiResponse(description="No reason given, or not open"),
            403: OpenApiResponse(description="Not programme staff"),
        },
    )
    @action(detail=True, methods=["post"], serializer_class=ConsultationSerializer)
    def close(self, request, pk=None):
        consultation = self.get_object()
        consultation = services.consultation_close_early(
            actor=request.user, consultation=consultation, **request_data(CloseEarlyWriteSerializer, request)
        )
        return Response(ConsultationSerializer(self.get_queryset().get(pk=consultation.pk)).data)
