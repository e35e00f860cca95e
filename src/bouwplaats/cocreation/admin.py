# SPDX-License-Identifier: EUPL-1.2
"""Read-only admin lists of co-creation: ideas, votes and ballots are written through the services,
which check the rules and write the audit log."""

from django.contrib import admin

from bouwplaats.ui.admin import ReadOnlyAdmin

from .models import Ballot, CocreationSettings, Consultation, Idea, Vote


@admin.register(CocreationSettings)
class CocreationSettingsAdmin(ReadOnlyAdmin):
    list_display = ["programme", "vote_mode"]
    list_select_related = ["programme"]


@admin.register(Idea)
class IdeaAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "status", "vote_count", "municipality", "created_at", "is_demo"]
    list_filter = ["status", "is_demo", "programme"]
    search_fields = ["title", "theme"]
    list_select_related = ["programme", "municipality"]
    date_hierarchy = "created_at"


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["idea", "mode", "user", "municipality", "created_at"]
    list_filter = ["mode"]
    list_select_related = ["idea", "user", "municipality"]


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "opens_at", "closes_at", "weighting", "is_demo"]
    list_filter = ["weighting", "is_demo", "programme"]
    search_fields = ["title", "question"]
    list_select_related = ["programme"]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["consultation", "municipality", "option", "cast_at", "changed_at", "is_demo"]
    list_filter = ["is_demo"]
    list_select_related = ["consultation", "municipality", "option"]
