# SPDX-License-Identifier: EUPL-1.2
"""Co-creation: ideas with votes and an official answer, and member consultations with ballots."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bouwplaats.accounts.models import user_reference
from bouwplaats.catalogue.models import BuildingBlock, Programme
from bouwplaats.organisations.models import Municipality

TITLE_MAX_LENGTH = 150
THEME_MAX_LENGTH = 80
DESCRIPTION_MAX_LENGTH = 5000
ADDED_VALUE_MAX_LENGTH = 3000
ANSWER_MAX_LENGTH = 10000
NOTE_MAX_LENGTH = 1000
OPTION_MAX_LENGTH = 200
CLOSING_REASON_MAX_LENGTH = 1000


class VoteMode(models.TextChoices):
    USER = "user", _("one vote per member")
    MUNICIPALITY = "municipality", _("one vote per municipality")


class CocreationSettings(models.Model):
    """The co-creation rules of one programme (the catalogue's Programme stays unaware of them)."""

    programme = models.OneToOneField(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="cocreation_settings"
    )
    vote_mode = models.CharField(
        _("who votes on ideas"), max_length=20, choices=VoteMode.choices, default=VoteMode.USER
    )

    class Meta:
        verbose_name = _("co-creation settings")
        verbose_name_plural = _("co-creation settings")

    def __str__(self) -> str:
        return str(self.programme)


class IdeaStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    UNDER_CONSIDERATION = "under_consideration", _("under consideration")
    PLANNED = "planned", _("planned")
    REALISED = "realised", _("realised")
    DECLINED = "declined", _("declined")


class Idea(models.Model):
    """A member's proposal for a building block or facility, in the format theme / description / added value."""

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+")
    building_block = models.ForeignKey(
        BuildingBlock,
        verbose_name=_("building block or facility"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    theme = models.CharField(_("theme"), max_length=THEME_MAX_LENGTH)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH)
    added_value = models.TextField(_("added value"), max_length=ADDED_VALUE_MAX_LENGTH)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposer"), on_delete=models.PROTECT, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("proposer's municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.RECEIVED, db_index=True
    )
    answer = models.TextField(_("official answer"), max_length=ANSWER_MAX_LENGTH, blank=True)
    answered_by = user_reference(_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Kept by the vote services in the same transaction as the vote, so that lists sort and show
    # support without counting every vote (see ADR 0010).
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["programme", "status"]),
            models.Index(fields=["programme", "-vote_count", "-created_at"], name="cocreation_idea_by_votes"),
            models.Index(fields=["programme", "-created_at"], name="cocreation_idea_newest"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cocreation:idea-detail", args=[self.pk])


class IdeaStatusChange(models.Model):
    """One step of an idea's public history (appended, never changed)."""

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=IdeaStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=IdeaStatus.choices)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    changed_by = user_reference(_("by"), blank=False)
    changed_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("status change of an idea")
        verbose_name_plural = _("status changes of ideas")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.idea}: {self.from_status or '–'} → {self.to_status}"


class Vote(models.Model):
    """Support for an idea: per member, or per municipality (cast by one of its coordinators)."""

    idea = models.ForeignKey(Idea, verbose_name=_("idea"), on_delete=models.CASCADE, related_name="votes")
    mode = models.CharField(_("vote mode"), max_length=20, choices=VoteMode.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cast by"), on_delete=models.CASCADE, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("cast at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"], condition=models.Q(mode="user"), name="cocreation_vote_one_per_user"
            ),
            models.UniqueConstraint(
                fields=["idea", "municipality"],
                condition=models.Q(mode="municipality"),
                name="cocreation_vote_one_per_municipality",
            ),
            models.CheckConstraint(
                condition=models.Q(mode="user") | models.Q(municipality__isnull=False),
                name="cocreation_vote_municipality_mode_has_municipality",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.idea} – {self.municipality or self.user}"


class Weighting(models.TextChoices):
    NONE = "none", _("none: one municipality, one vote")
    POPULATION = "population", _("by population")


class Consultation(models.Model):
    """A proposal put to the member municipalities (ledenraadpleging); one ballot per municipality."""

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    question = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("explanation"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    weighting = models.CharField(_("weighting"), max_length=20, choices=Weighting.choices, default=Weighting.NONE)
    created_by = user_reference(_("created by"), blank=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Set once by consultation_announcements_send, so that each notification goes out once.
    opening_announced_at = models.DateTimeField(_("opening announced at"), null=True, blank=True)
    closing_announced_at = models.DateTimeField(_("closing announced at"), null=True, blank=True)
    # Set when programme staff close the consultation before its planned end (closes_at becomes that moment).
    closed_early_at = models.DateTimeField(_("closed early at"), null=True, blank=True)
    closed_early_by = user_reference(_("closed early by"))
    closing_reason = models.TextField(_("reason for closing early"), max_length=CLOSING_REASON_MAX_LENGTH, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("member consultation")
        verbose_name_plural = _("member consultations")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="cocreation_consultation_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cocreation:consultation-detail", args=[self.pk])

    def has_opened(self, now=None) -> bool:
        return (now or timezone.now()) >= self.opens_at

    def is_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.has_opened(now) and not self.is_closed(now)


class Option(models.Model):
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("member consultation"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("option"), max_length=OPTION_MAX_LENGTH)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["consultation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "position"], name="cocreation_option_position_unique")
        ]

    def __str__(self) -> str:
        return self.label


class Ballot(models.Model):
    """A municipality's choice in a consultation; its coordinators may change it until closing."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("member consultation"), on_delete=models.CASCADE, related_name="ballots"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    option = models.ForeignKey(Option, verbose_name=_("option"), on_delete=models.PROTECT, related_name="ballots")
    cast_by = user_reference(_("cast by"), blank=False)
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "municipality"], name="cocreation_ballot_one_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation} – {self.municipality}"
