# SPDX-License-Identifier: EUPL-1.2
"""Gateway reviews of a programme: an overall red/amber/green status, one per result agreement, and
recommendations whose follow-up is kept up to date.

A rating keeps the number and title of its result agreement as they were at the review, so that an
earlier review stays readable when the catalogue changes (an agreement renumbered or deleted).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bouwplaats.catalogue.models import Programme, ResultAgreement

TITLE_MAX_LENGTH = 200
REVIEWERS_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 2000
SUMMARY_MAX_LENGTH = 4000
RECOMMENDATION_MAX_LENGTH = 1000
OWNER_MAX_LENGTH = 200
NOTE_MAX_LENGTH = 1000


class Rag(models.TextChoices):
    """A red/amber/green status, from bad to good (``RAG_ORDER``)."""

    RED = "red", _("red")
    AMBER = "amber", _("amber")
    GREEN = "green", _("green")


RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


class FollowUp(models.TextChoices):
    """How far a recommendation has been acted on."""

    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


# Follow-ups that still need something done.
UNFINISHED = (FollowUp.OPEN, FollowUp.IN_PROGRESS)


class GatewayReview(models.Model):
    """An independent review of a programme on one date, with an overall status and its reason."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="gateway_reviews"
    )
    title = models.CharField(
        _("title"), max_length=TITLE_MAX_LENGTH, help_text=_("For example “Midterm review” or “Final review”.")
    )
    review_date = models.DateField(_("date of the review"))
    reviewers = models.TextField(
        _("reviewers"),
        max_length=REVIEWERS_MAX_LENGTH,
        help_text=_("The names and organisations of the reviewers, one per line."),
    )
    overall_status = models.CharField(_("overall status"), max_length=10, choices=Rag.choices)
    overall_reason = models.TextField(_("reason for the overall status"), max_length=REASON_MAX_LENGTH)
    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        help_text=_("The main findings of the review, in a few sentences."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    # Who entered and changed it is in the audit log.
    created_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        verbose_name = _("Gateway review")
        verbose_name_plural = _("Gateway reviews")
        ordering = ["programme", "-review_date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "review_date"], name="gateway_review_date_unique")]

    def __str__(self) -> str:
        return f"{self.title} ({self.programme})"


class AgreementRating(models.Model):
    """The status a review gives one result agreement of its programme, with the reason."""

    review = models.ForeignKey(
        GatewayReview, verbose_name=_("Gateway review"), on_delete=models.CASCADE, related_name="ratings"
    )
    result_agreement = models.ForeignKey(
        ResultAgreement,
        verbose_name=_("result agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gateway_ratings",
    )
    agreement_number = models.PositiveSmallIntegerField(_("number of the result agreement at the review"))
    agreement_title = models.CharField(_("title of the result agreement at the review"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Rag.choices)
    reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH)

    class Meta:
        verbose_name = _("status of a result agreement")
        verbose_name_plural = _("statuses of result agreements")
        ordering = ["review", "agreement_number", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "result_agreement"], name="agreement_rating_unique")]

    def __str__(self) -> str:
        return f"{self.agreement_number}. {self.agreement_title}: {self.status}"


class Recommendation(models.Model):
    """A recommendation of a review: who acts on it by when, and how far that has come."""

    review = models.ForeignKey(
        GatewayReview, verbose_name=_("Gateway review"), on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"), max_length=RECOMMENDATION_MAX_LENGTH)
    owner = models.CharField(
        _("owner"), max_length=OWNER_MAX_LENGTH, help_text=_("Who acts on it: a person, a team or an organisation.")
    )
    due_date = models.DateField(_("due date"))
    follow_up = models.CharField(_("follow-up"), max_length=20, choices=FollowUp.choices, default=FollowUp.OPEN)
    follow_up_note = models.TextField(
        _("note on the follow-up"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("What has been done, or why the recommendation was dropped."),
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["review", "number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="recommendation_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    @property
    def is_unfinished(self) -> bool:
        return self.follow_up in UNFINISHED

    def is_overdue(self, on=None) -> bool:
        """Still open or in progress after its due date (``on``: today)."""
        return self.is_unfinished and self.due_date < (on or timezone.localdate())
