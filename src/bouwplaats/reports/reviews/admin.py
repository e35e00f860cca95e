# SPDX-License-Identifier: EUPL-1.2
"""Read-only admin lists of Gateway reviews: they are entered through the services, which check the
rules and write the audit log."""

from django.contrib import admin

from bouwplaats.ui.admin import ReadOnlyAdmin

from ..review_models import AgreementRating, GatewayReview, Recommendation


@admin.register(GatewayReview)
class GatewayReviewAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "review_date", "overall_status", "is_demo"]
    list_filter = ["overall_status", "is_demo", "programme"]
    list_select_related = ["programme"]
    date_hierarchy = "review_date"


@admin.register(AgreementRating)
class AgreementRatingAdmin(ReadOnlyAdmin):
    list_display = ["review", "agreement_number", "agreement_title", "status"]
    list_filter = ["status"]
    list_select_related = ["review"]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["review", "number", "owner", "due_date", "follow_up"]
    list_filter = ["follow_up"]
    list_select_related = ["review"]
