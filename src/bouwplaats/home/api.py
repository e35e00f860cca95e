# SPDX-License-Identifier: EUPL-1.2
"""The API of "My municipality": /api/v1/my-municipalities/.

The list gives the municipalities the signed-in user is a member of; one of them (by CBS code)
gives the same as the page: each building block with its level, deadline, planned date, deadline
risk and reasons and blockers, the open survey rounds, the guides to tick off, the open
consultations without the municipality's ballot, and the user's own open questions and follows.
Programme staff may ask for any municipality; others get 403 for a municipality that is not theirs.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from bouwplaats.monitor.insights.forecast import RISK_LABELS, Risk

from . import selectors
from .views import dashboard_for

RISK_CHOICES = [(risk.code, RISK_LABELS[risk]) for risk in Risk]


class MyMunicipalityLinkSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="This municipality's page of the API.")

    def get_url(self, municipality) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api-my-municipality-detail", args=[municipality.code])
        )


class MyReasonSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The kind of reason: missed, stalled, slow, planned_late or blockers.")
    text = serializers.CharField(help_text="The reason in words, in the language of the request.")


class MyTargetRiskSerializer(serializers.Serializer):
    risk = serializers.ChoiceField(choices=RISK_CHOICES, source="risk.code")
    risk_label = serializers.CharField(source="risk.label")
    deadline = serializers.DateField(source="target.deadline")
    required_level = serializers.CharField(source="target.required_level.name")
    result_agreement = serializers.CharField(source="target.agreement.number", allow_null=True, default=None)
    expected = serializers.DateField(
        source="forecast.expected", allow_null=True, help_text="When the level is reached at the current pace."
    )
    reasons = MyReasonSerializer(many=True, source="forecast.reasons")


class MyBlockSerializer(serializers.Serializer):
    code = serializers.CharField(source="building_block.code")
    name = serializers.CharField(source="building_block.name")
    level = serializers.CharField(source="level.name", allow_null=True, default=None)
    reported = serializers.BooleanField(source="has_status", help_text="False: nothing reported yet.")
    deadline = serializers.DateField(allow_null=True)
    planned_date = serializers.DateField(allow_null=True)
    planned_after_deadline = serializers.BooleanField(source="planned_late")
    risk = serializers.ChoiceField(choices=RISK_CHOICES, source="risk.code", help_text="The highest risk.")
    risks = MyTargetRiskSerializer(many=True, help_text="One per target at risk (empty: on track).")
    blockers = serializers.ListField(child=serializers.CharField())


class MySurveyRoundSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    closes_on = serializers.DateField()
    answered = serializers.SerializerMethodField(help_text="Whether the municipality has answered.")

    def get_answered(self, survey_round) -> bool:
        return bool(survey_round.answered)


class MyGuideSerializer(serializers.Serializer):
    building_block = serializers.CharField(source="building_block.code")
    name = serializers.CharField(source="building_block.name")
    steps_done = serializers.IntegerField(source="done")
    steps = serializers.IntegerField(source="total")


class MyConsultationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    closes_at = serializers.DateTimeField()


class MyQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()


class MyFollowedSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="What kind of object, in words.")
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, item) -> str:
        url = item.url
        return self.context["request"].build_absolute_uri(url) if url else ""


class MyDashboardSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    programme = serializers.CharField(source="programme.slug", allow_null=True, default=None)
    risk_on = serializers.DateField(source="status.risk_on", allow_null=True, help_text="The date of the forecast.")
    building_blocks = MyBlockSerializer(many=True, source="status.rows")
    survey_rounds = MySurveyRoundSerializer(many=True, source="status.survey_rounds", help_text="Open rounds.")
    guides_to_tick = MyGuideSerializer(many=True, source="status.guides")
    consultations_without_ballot = MyConsultationSerializer(many=True, source="consultations")
    my_open_questions = MyQuestionSerializer(many=True, source="questions")
    following = MyFollowedSerializer(many=True)


@extend_schema_view(
    list=extend_schema(
        summary="My municipalities",
        responses=MyMunicipalityLinkSerializer(many=True),
        description="The municipalities the signed-in user is an approved member of.",
        tags=["my-municipality"],
    ),
    retrieve=extend_schema(
        summary="My municipality",
        description=(
            "What the municipality has to do and by when, with its deadline risk and the reasons, and the "
            "signed-in user's own open questions and follows. Members of the municipality and programme staff."
        ),
        tags=["my-municipality"],
    ),
)
class MyMunicipalityViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z]{2}\d{4}"
    serializer_class = MyDashboardSerializer

    def list(self, request):
        municipalities = selectors.member_municipalities(request.user)
        return Response(MyMunicipalityLinkSerializer(municipalities, many=True, context={"request": request}).data)

    def retrieve(self, request, code=None):
        # The answer has no list of the user's municipalities (that is the list endpoint): not read.
        dashboard = dashboard_for(request, code, municipalities=[])
        return Response(MyDashboardSerializer(dashboard, context={"request": request}).data)
