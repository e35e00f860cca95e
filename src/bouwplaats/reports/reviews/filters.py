# SPDX-License-Identifier: EUPL-1.2
"""Filters of the Gateway review API (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..review_models import FollowUp, GatewayReview, Rag, Recommendation


class GatewayReviewFilter(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="programme__slug", label=_("Programme (short name)"))
    overall_status = django_filters.ChoiceFilter(choices=Rag.choices, label=_("Overall status"))

    class Meta:
        model = GatewayReview
        fields = ["programme", "overall_status"]


class RecommendationFilter(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="review__programme__slug", label=_("Programme (short name)"))
    review = django_filters.NumberFilter(field_name="review_id", label=_("Gateway review (id)"))
    follow_up = django_filters.ChoiceFilter(choices=FollowUp.choices, label=_("Follow-up"))

    class Meta:
        model = Recommendation
        fields = ["programme", "review", "follow_up"]
