# SPDX-License-Identifier: EUPL-1.2
"""The API for the signed-in user: /api/v1/me/."""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .models import Membership, User


class MembershipSerializer(serializers.ModelSerializer):
    municipality_code = serializers.CharField(source="municipality.code", read_only=True)
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "municipality_code", "municipality_name", "status", "requested_at", "decided_at"]
        read_only_fields = fields


class MeSerializer(serializers.ModelSerializer):
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["email", "full_name", "role", "organisation_name", "preferred_language", "memberships"]
        read_only_fields = fields

    @extend_schema(responses=MembershipSerializer(many=True))
    def get_memberships(self, user) -> list[dict]:
        return MembershipSerializer(selectors.memberships_of(user), many=True).data


class MeView(APIView):
    """The signed-in user: e-mail address, name, role and memberships (all statuses)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = MeSerializer

    @extend_schema(operation_id="me_retrieve", responses=MeSerializer, tags=["accounts"])
    def get(self, request):
        return Response(MeSerializer(request.user).data)
