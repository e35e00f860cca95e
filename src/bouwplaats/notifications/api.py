# SPDX-License-Identifier: EUPL-1.2
"""The API of the signed-in user's notifications: /api/v1/notifications/.

Everyone sees and changes only their own notifications; the queryset is the user's own, so
another user's id gives 404, and marking it read gives 403 (the service refuses it).
"""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bouwplaats.core.api import request_data

from . import selectors, services
from .models import Frequency, Notification, NotificationKind


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "subject", "body", "url", "created_at", "read_at", "is_read"]
        read_only_fields = fields


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        allow_empty=False,
        help_text="The notifications to mark as read; leave out to mark all of yours.",
    )


class MarkReadResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notifications were unread and are now read.")


# Described as plain strings: the kinds already have one enum in the schema (the notification's
# `kind`), and a second name for the same choice set would make the schema ambiguous.
@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "string"},
        "description": "Kinds never e-mailed (values of a notification's `kind`); they still appear in the list.",
    }
)
class KindListField(serializers.ListField):
    child = serializers.ChoiceField(choices=NotificationKind.choices)


class PreferencesSerializer(serializers.Serializer):
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    muted_kinds = KindListField()


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label="Only unread (true)")

    class Meta:
        model = Notification
        fields = ["unread", "kind"]


@extend_schema_view(
    list=extend_schema(summary="My notifications, newest first", tags=["notifications"]),
    retrieve=extend_schema(summary="One of my notifications", tags=["notifications"]),
)
class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return selectors.notifications_of(self.request.user)

    @extend_schema(
        summary="Mark my notifications as read",
        request=MarkReadSerializer,
        responses=MarkReadResultSerializer,
        tags=["notifications"],
    )
    @action(detail=False, methods=["post"], url_path="mark-read", filterset_class=None, pagination_class=None)
    def mark_read(self, request):
        ids = request_data(MarkReadSerializer, request).get("ids")
        marked = services.notification_mark_read(user=request.user, notification_ids=ids)
        return Response({"marked": marked})

    @extend_schema(
        methods=["GET"], summary="My e-mail settings", responses=PreferencesSerializer, tags=["notifications"]
    )
    @extend_schema(
        methods=["PUT"],
        summary="Change my e-mail settings",
        request=PreferencesSerializer,
        responses=PreferencesSerializer,
        tags=["notifications"],
    )
    @action(detail=False, methods=["get", "put"], filterset_class=None, pagination_class=None)
    def preferences(self, request):
        if request.method == "PUT":
            data = request_data(PreferencesSerializer, request)
            services.notification_preferences_update(user=request.user, **data)
        preference = selectors.preference_of(request.user)
        return Response(PreferencesSerializer(preference).data)
